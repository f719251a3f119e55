import { type AgentTypeRequest, type AgentTypeResolution, resolveAgentType } from '@agentic-memory/memory-core';
import type { CoreDependencies } from './dependencies';
import { emit, logger, setMetricContext } from './observability';

/**
 * The agent type of an HTTP request (header → agent map → provider default → global default),
 * set as the invocation's metric context; a fallback is counted and logged with its reason.
 */
export function resolveRequestAgentType(
  deps: Pick<CoreDependencies, 'agentTypes' | 'environment'>,
  request: AgentTypeRequest,
): AgentTypeResolution {
  const resolution = resolveAgentType(request, deps.agentTypes, deps.environment.agent_map);
  setMetricContext(resolution.agentType, request.provider);
  if (resolution.fellBack) {
    emit('AgentTypeFallback');
    logger.warn('agent type fallback', { agentType: resolution.agentType, source: resolution.source, reason: resolution.reason });
  }
  return resolution;
}
