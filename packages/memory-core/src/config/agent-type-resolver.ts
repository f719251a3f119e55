import type { Provider } from '../domain/call-record';
import type { AgentMap } from './agent-map-schema';
import type { AgentType, AgentTypes } from './agent-type-schema';
import { agentTypeInSpace, type MemorySpace, type MemorySpaces, memorySpaceOf } from './memory-spaces';

export type AgentTypeSource = 'header' | 'agent_map' | 'provider_default' | 'global_default';

export interface AgentTypeResolution {
  readonly agentType: string;
  readonly config: AgentType;
  /** True when the request named something (header or platform id) that could not be honoured. */
  readonly fellBack: boolean;
  readonly source: AgentTypeSource;
  /** One sentence for the log line. */
  readonly reason: string;
  /** The memory space the request reads and writes: its platform's, whatever agent type serves it. */
  readonly space: MemorySpace;
  /** The `X-Agent-Type` header named an agent type of a platform outside the request's space. */
  readonly headerRejected: boolean;
}

export interface AgentTypeRequest {
  readonly provider: Provider;
  /** Value of the `X-Agent-Type` header, if any. */
  readonly header?: string | null;
  /** Platform agent / assistant / phone-number ids, tried in order. */
  readonly platformIds?: readonly (string | null | undefined)[];
}

/**
 * Header `X-Agent-Type` → agent map (provider + platform id) → the provider's default → the global
 * default. Never throws for request data; a header or id that names nothing usable is a fallback.
 * A header naming an agent type of a platform outside the request's memory space is ignored
 * (`headerRejected`): a credential reads only its own platform's callers, whatever the client asks.
 */
export function resolveAgentType(
  request: AgentTypeRequest,
  agentTypes: AgentTypes,
  agentMap: AgentMap,
  spaces: MemorySpaces = {},
): AgentTypeResolution {
  const space = memorySpaceOf(request.provider, spaces);
  const resolved = resolveInSpace(request, agentTypes, agentMap, space);
  return { ...resolved, space, headerRejected: resolved.headerRejected ?? false };
}

type Resolved = Omit<AgentTypeResolution, 'space' | 'headerRejected'> & { headerRejected?: boolean };

function resolveInSpace(request: AgentTypeRequest, agentTypes: AgentTypes, agentMap: AgentMap, space: MemorySpace): Resolved {
  const notes: string[] = [];
  let headerRejected = false;
  const header = request.header?.trim();
  if (header) {
    const config = Object.hasOwn(agentTypes, header) ? agentTypes[header] : undefined;
    if (config && agentTypeInSpace(config.provider, space)) {
      return { agentType: header, config, fellBack: false, source: 'header', reason: `X-Agent-Type header names ${header}` };
    }
    if (config) {
      headerRejected = true;
      notes.push(`X-Agent-Type ${header} is a ${config.provider} agent type, outside the ${space.name} memory space: ignored`);
    } else {
      notes.push(`X-Agent-Type "${header.slice(0, 64)}" is not a configured agent type`);
    }
  }

  const providerMap = agentMap.providers[request.provider];
  const ids = (request.platformIds ?? []).filter((id): id is string => typeof id === 'string' && id.length > 0);
  for (const id of ids) {
    const mapped = providerMap && Object.hasOwn(providerMap.ids, id) ? providerMap.ids[id] : undefined;
    const config = mapped !== undefined && Object.hasOwn(agentTypes, mapped) ? agentTypes[mapped] : undefined;
    if (mapped !== undefined && config) {
      return {
        agentType: mapped,
        config,
        fellBack: notes.length > 0,
        source: 'agent_map',
        reason: [...notes, `${request.provider} id ${id} maps to ${mapped}`].join('; '),
        headerRejected,
      };
    }
  }
  if (ids.length > 0) notes.push(`no agent map entry for ${request.provider} id ${ids.join(', ')}`);

  const providerDefault = providerMap?.default;
  if (providerDefault !== undefined && Object.hasOwn(agentTypes, providerDefault)) {
    return {
      agentType: providerDefault,
      config: agentTypes[providerDefault] as AgentType,
      fellBack: notes.length > 0,
      source: 'provider_default',
      reason: [...notes, `${request.provider} default ${providerDefault}`].join('; '),
      headerRejected,
    };
  }

  const globalDefault = agentMap.default_agent_type;
  const config = Object.hasOwn(agentTypes, globalDefault) ? agentTypes[globalDefault] : undefined;
  if (!config) throw new Error(`default agent type "${globalDefault}" is not configured`);
  return {
    agentType: globalDefault,
    config,
    fellBack: true,
    source: 'global_default',
    reason: [...notes, `global default ${globalDefault}`].join('; '),
    headerRejected,
  };
}
