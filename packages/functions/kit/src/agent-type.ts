import { type AgentTypeRequest, type AgentTypeResolution, resolveAgentType } from '@agentic-memory/memory-core';
import type { CoreDependencies } from './dependencies';
import { emit, logger, setMetricContext } from './observability';

/**
 * The agent type of an HTTP request (header → agent map → provider default → global default),
 * set as the invocation's metric context; a fallback is counted and logged with its reason, and an
 * `X-Agent-Type` of a platform outside the request's memory space is ignored, counted
 * (`AgentTypeRejected`) and logged.
 */
export function resolveRequestAgentType(
  deps: Pick<CoreDependencies, 'agentTypes' | 'environment'>,
  request: AgentTypeRequest,
): AgentTypeResolution {
  const resolution = resolveAgentType(request, deps.agentTypes, deps.environment.agent_map, deps.environment.memory_spaces);
  setMetricContext(resolution.agentType, request.provider);
  if (resolution.headerRejected) {
    // A credential of one platform asking for another platform's agent type (and its callers).
    emit('AgentTypeRejected');
    logger.warn('X-Agent-Type outside the credential memory space: ignored', {
      requested: request.header?.trim().slice(0, 64),
      space: resolution.space.name,
      agentType: resolution.agentType,
    });
  }
  if (resolution.fellBack) {
    emit('AgentTypeFallback');
    logger.warn('agent type fallback', { agentType: resolution.agentType, source: resolution.source, reason: resolution.reason });
  }
  return resolution;
}
