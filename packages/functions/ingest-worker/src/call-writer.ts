import type { CallerIdentity, ConversationIndex, RoleDependencies } from '@agentic-memory/function-kit';
import { BlobKeys, emitSingle, evictCaller, identifyCaller, permanently, withDeadline } from '@agentic-memory/function-kit';
import type { AgentType, CallRecord, ConversationRecord, Memory, ProfileSnapshot } from '@agentic-memory/memory-core';
import {
  addressForms,
  maskPhone,
  memoriesFromCall,
  memorySpaceOf,
  mentionsValue,
  normaliseE164,
  snapshotName,
  topicsOf,
  updateProfileSnapshot,
  withoutReplaced,
} from '@agentic-memory/memory-core';

/** Writing memories may take a while (a remote store ingests asynchronously); it is off the hot path. */
const INGEST_DEADLINE_MS = 20_000;

/** What writing a call touches: the memory store and the blob store. */
export type CallWriterDependencies = RoleDependencies<'blobStore' | 'memoryStore'>;

/** What went less than well before the call was written, kept on its analytics record (`degraded`). */
export interface IngestNotes {
  /** Values of the call dropped (or truncated) for being out of range or of the wrong type, by name. */
  readonly droppedFields?: readonly string[];
}

/** A call written, or one already past the agent type's retention (counted from the call's time) that stored nothing. */
export type WrittenCall =
  | { readonly stored: true; readonly memories: number; readonly callCount: number }
  | { readonly stored: false; readonly reason: 'past_retention'; readonly callAt: string | null; readonly expiredAt: string };

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

async function readSnapshot(deps: CallWriterDependencies, key: string): Promise<ProfileSnapshot | null> {
  const blob = await deps.blobStore.get(key);
  return blob ? (JSON.parse(Buffer.from(blob.body).toString('utf8')) as ProfileSnapshot) : null;
}

/** The append-only analytics record of one conversation (what agent analytics are computed from). */
function analyticsRecord(
  record: CallRecord,
  caller: CallerIdentity,
  agentTypeName: string,
  at: string,
  memories: readonly Pick<Memory, 'type' | 'text'>[],
  fields: Readonly<Record<string, unknown>>,
  fieldSources: Readonly<Record<string, string>>,
  previous: ProfileSnapshot | null,
  notes: IngestNotes,
): ConversationRecord {
  const dropped = notes.droppedFields ?? [];
  return {
    conversation_id: record.conversationId,
    caller_key: caller.key,
    agent_type: agentTypeName,
    provider: record.provider,
    at,
    memories: memories.length,
    memory_types: countBy(memories.map((m) => m.type)),
    topics: [...new Set(memories.flatMap((m) => topicsOf(m.text)))],
    fields: Object.keys(fields),
    returning: (previous?.recentConversations ?? []).some((c) => c !== record.conversationId),
    caller: maskPhone(caller.e164),
    field_sources: fieldSources,
    degraded: dropped.length > 0 ? ['fields_dropped'] : [],
    ...(dropped.length > 0 ? { dropped_fields: dropped.slice(0, 20) } : {}),
  };
}

/**
 * The worker's write path for one standardised call of a known caller: memories per the agent
 * type into the memory store, the caller's profile snapshot rebuilt from them (not read back: a
 * remote store indexes asynchronously), the conversation's analytics record, and the caller's
 * index of what the conversation left (so forget-me finds it).
 */
export async function writeCall(
  deps: CallWriterDependencies,
  record: CallRecord,
  agentTypeName: string,
  agentType: AgentType,
  caller: CallerIdentity,
  rawKey: string,
  receivedAt: string,
  notes: IngestNotes = {},
): Promise<WrittenCall> {
  // The snapshot of the call's memory space: an agent type serving another platform's calls keeps one per space.
  const space = memorySpaceOf(record.provider, deps.environment.memory_spaces);
  const snapshotKey = BlobKeys.snapshot(caller.key, snapshotName(agentTypeName, agentType.provider, space));
  const previous = await readSnapshot(deps, snapshotKey);
  // What earlier calls said, for changes said without the old value ("down to eighty-five guests now").
  const earlier = previous
    ? [
        ...(previous.lastSummary ? [previous.lastSummary] : []),
        ...previous.topMemories.filter((m) => m.metadata.conversation_id !== record.conversationId).map((m) => m.text),
      ]
    : [];
  const { memories, fields, fieldSources, pastRetention, expiresAt } = permanently('the call cannot be turned into memories', () =>
    memoriesFromCall(record, { agentTypeName, agentType, clock: deps.clock, earlier }),
  );
  if (pastRetention)
    return { stored: false, reason: 'past_retention', callAt: record.endedAt ?? record.startedAt ?? null, expiredAt: expiresAt };
  const started = performance.now();
  await withDeadline(INGEST_DEADLINE_MS, (signal) =>
    deps.memoryStore.add(caller.userId, memories, { signal, conversation: { id: record.conversationId, turns: record.turns } }),
  );
  emitSingle('MemoryStoreLatency', performance.now() - started, agentTypeName, record.provider);
  emitSingle('MemoriesWritten', memories.length, agentTypeName, record.provider);
  const snapshot = updateProfileSnapshot(previous, record.conversationId, memories, {
    callerKey: caller.key,
    agentTypeName,
    agentType,
    clock: deps.clock,
    mentions: mentionsValue,
    cut: withoutReplaced,
    addressForms,
  });
  await deps.blobStore.put(snapshotKey, JSON.stringify(snapshot), { contentType: 'application/json' });
  // This process's cached answers about the caller are stale now (other instances revalidate within FRESH_MS).
  evictCaller(caller.key);
  const at = record.endedAt ?? record.startedAt ?? receivedAt;
  const analyticsKey = BlobKeys.analytics(at.slice(0, 10), agentTypeName, record.conversationId);
  const analytics = analyticsRecord(record, caller, agentTypeName, at, memories, fields, fieldSources, previous, notes);
  await deps.blobStore.put(analyticsKey, JSON.stringify(analytics), { contentType: 'application/json' });
  const index: ConversationIndex = { raw: rawKey, analytics: analyticsKey, audio: BlobKeys.audio(record.provider, record.conversationId) };
  await deps.blobStore.put(BlobKeys.callerConversation(caller.key, record.provider, record.conversationId), JSON.stringify(index), {
    contentType: 'application/json',
  });
  return { stored: true, memories: memories.length, callCount: snapshot.callCount };
}

/**
 * A call written as the worker writes it, without the queue (tests of the read path, the bench):
 * the same `writeCall`, for the agent type named. A call already past retention is an error here.
 */
export async function seedCall(
  deps: CallWriterDependencies,
  agentTypeName: string,
  record: CallRecord,
): Promise<{ callerKey: string; userId: string }> {
  const agentType = deps.agentTypes[agentTypeName];
  if (!agentType) throw new Error(`unknown agent type ${agentTypeName}`);
  const e164 = normaliseE164(record.callerNumber);
  if (!e164) throw new Error('the call has no caller number');
  const caller = await identifyCaller(deps, e164, agentType);
  const rawKey = BlobKeys.raw(record.provider, 'seeded', record.conversationId);
  const written = await writeCall(deps, record, agentTypeName, agentType, caller, rawKey, new Date(deps.clock.now()).toISOString());
  if (!written.stored)
    throw new Error(`call ${record.conversationId} is past the retention of ${agentTypeName} (expired ${written.expiredAt})`);
  return { callerKey: caller.key, userId: caller.userId };
}
