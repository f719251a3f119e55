import {
  type AgentType,
  adoptSeedMemory,
  buildProfileSnapshot,
  type CallerContext,
  contextFromSnapshot,
  type MemorySpace,
} from '@agentic-memory/memory-core';
import type { CallerIdentity } from './caller-identity';
import type { RoleDependencies } from './dependencies';
import { emit } from './observability';

/**
 * A caller's context built from the memory store, for an agent type with `on_snapshot_miss:
 * query_store` whose caller has no snapshot: their memories of the request's space, as the ingest
 * worker would have summarised them. Call start and the admin API's call-start view both run this.
 */
export async function contextFromStore(
  deps: Pick<RoleDependencies<'memoryStore'>, 'memoryStore' | 'clock'>,
  caller: CallerIdentity,
  agentTypeName: string,
  agentType: AgentType,
  space: MemorySpace,
  signal: AbortSignal,
): Promise<CallerContext> {
  const started = performance.now();
  const page = await deps.memoryStore.list(caller.userId, { pageSize: 200, space, signal });
  emit('MemoryStoreLatency', performance.now() - started);
  // Raw-mode agent types serve migrated seed callers: their Mem0 facts carry no fields yet.
  const memories =
    agentType.caller_id_mode === 'raw' ? page.memories.map((m) => adoptSeedMemory(m, agentType.memory_config.auto_extract)) : page.memories;
  const snapshot = buildProfileSnapshot(memories, { callerKey: caller.key, agentTypeName, agentType, clock: deps.clock });
  return contextFromSnapshot(snapshot, deps.clock.now());
}
