import type { Provider } from '../domain/call-record';
import type { AgentMap } from './agent-map-schema';

/**
 * The platform's own agent for a call (Vapi assistant id, Retell override agent id): the first
 * platform id with an entry in `platform_agents`, else the provider's `default_platform_agent`.
 */
export function platformAgentFor(
  agentMap: AgentMap,
  provider: Provider,
  platformIds: readonly (string | null | undefined)[],
): string | null {
  const map = agentMap.providers[provider];
  if (!map) return null;
  for (const id of platformIds) if (id && Object.hasOwn(map.platform_agents, id)) return map.platform_agents[id] ?? null;
  return map.default_platform_agent ?? null;
}
