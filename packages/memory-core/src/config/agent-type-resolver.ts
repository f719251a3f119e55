import type { Provider } from '../domain/call-record';
import type { AgentMap } from './agent-map-schema';
import type { AgentType, AgentTypes } from './agent-type-schema';

export type AgentTypeSource = 'header' | 'agent_map' | 'provider_default' | 'global_default';

export interface AgentTypeResolution {
  readonly agentType: string;
  readonly config: AgentType;
  /** True when the request named something (header or platform id) that could not be honoured. */
  readonly fellBack: boolean;
  readonly source: AgentTypeSource;
  /** One sentence for the log line. */
  readonly reason: string;
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
 */
export function resolveAgentType(request: AgentTypeRequest, agentTypes: AgentTypes, agentMap: AgentMap): AgentTypeResolution {
  const notes: string[] = [];
  const header = request.header?.trim();
  if (header) {
    const config = agentTypes[header];
    if (config && Object.hasOwn(agentTypes, header)) {
      return { agentType: header, config, fellBack: false, source: 'header', reason: `X-Agent-Type header names ${header}` };
    }
    notes.push(`X-Agent-Type "${header.slice(0, 64)}" is not a configured agent type`);
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
  };
}
