import { type AgentType, type MemorySpace, mentionsValue, type RankedMemory, rankMemories } from '@agentic-memory/memory-core';
import type { RoleDependencies } from './dependencies';
import { emit } from './observability';

/**
 * Mid-call recall, once: the memory store searched in the request's memory space with the agent
 * type's limit and threshold, then ranked by the agent type's weights. The platforms' memory-search
 * tool and the admin search route (the dashboard's inspector) both run this, so what the operator
 * sees is what the agent hears.
 */
export async function recallMemories(
  deps: Pick<RoleDependencies<'memoryStore'>, 'memoryStore' | 'clock'>,
  agentType: AgentType,
  space: MemorySpace,
  userId: string,
  query: string,
  signal: AbortSignal,
): Promise<RankedMemory[]> {
  const mc = agentType.memory_config;
  const started = performance.now();
  const candidates = await deps.memoryStore.search({
    userId,
    space,
    text: query,
    limit: mc.search_limit * 3,
    threshold: agentType.search_threshold,
    signal,
  });
  emit('MemoryStoreLatency', performance.now() - started);
  return rankMemories(
    candidates,
    {
      searchWeights: mc.search_weights,
      priorityFields: mc.priority_fields,
      limit: mc.search_limit,
      threshold: agentType.search_threshold,
      weightStrength: mc.search_ranking.weight_strength,
      recencyStrength: mc.search_ranking.recency_strength,
      transcriptWeight: mc.search_ranking.transcript_weight,
      supersededFactor: mc.search_ranking.superseded_factor,
      // A replaced value is recognised however it is said (amounts in words or digits).
      mentions: mentionsValue,
    },
    deps.clock.now(),
  );
}
