import type { AgentType } from '../config/agent-type-schema';
import { EXTRACT_FIELDS } from '../extraction/extract-fields';
import type { Clock } from '../ports/clock';
import { isExpired, rankMemories } from '../ranking/memory-ranker';
import type { Memory } from './memory';
import type { ProfileSnapshot } from './profile-snapshot';

export interface SnapshotContext {
  readonly callerKey: string;
  readonly agentTypeName: string;
  readonly agentType: AgentType;
  readonly clock: Clock;
}

function byCreatedAsc(a: Memory, b: Memory): number {
  return (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0);
}

/** Builds the caller profile snapshot from all of a caller's memories (idempotent for the same memories). */
export function buildProfileSnapshot(allMemories: readonly Memory[], context: SnapshotContext): ProfileSnapshot {
  const now = context.clock.now();
  const live = allMemories.filter((m) => !isExpired(m, now)).sort(byCreatedAsc);
  const conversations = new Set<string>();
  const fields: Record<string, string> = {};
  let lastSummary: string | null = null;
  for (const memory of live) {
    const conversation = memory.metadata.conversation_id;
    if (typeof conversation === 'string') conversations.add(conversation);
    for (const field of EXTRACT_FIELDS) {
      const value = memory.metadata[field];
      if (typeof value === 'string' && value.length > 0) fields[field] = value;
    }
    if (memory.metadata.source === 'summary') lastSummary = memory.text;
  }
  const { memory_config: mc, response_config: rc } = context.agentType;
  const topMemories = rankMemories(
    live,
    {
      searchWeights: mc.search_weights,
      priorityFields: mc.priority_fields,
      threshold: 0,
      limit: Math.max(rc.max_memories_in_context, mc.search_limit),
    },
    now,
  ).map(({ rankScore: _rank, score: _score, ...memory }) => memory);
  const expiries = topMemories
    .map((m) => m.expiresAt)
    .filter((e): e is string => e !== null)
    .sort();
  const newest = live.at(-1);
  return {
    version: 1,
    callerKey: context.callerKey,
    agentType: context.agentTypeName,
    updatedAt: new Date(now).toISOString(),
    callCount: conversations.size,
    memoryCount: live.length,
    lastCallAt: newest ? newest.createdAt : null,
    fields,
    topMemories,
    lastSummary,
    validUntil: expiries[0] ?? null,
  };
}
