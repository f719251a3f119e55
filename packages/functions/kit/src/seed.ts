import { type CallRecord, memoriesFromCall, normaliseE164, type ProfileSnapshot, updateProfileSnapshot } from '@agentic-memory/memory-core';
import { BlobKeys } from './blob-keys';
import { identifyCaller } from './caller-identity';
import type { Dependencies } from './dependencies';

/**
 * Writes what the worker writes for one standardised call — memories and the caller's profile
 * snapshot — without the queue. For tests of the read path and for backfills.
 */
export async function seedCall(
  deps: Dependencies,
  agentTypeName: string,
  record: CallRecord,
): Promise<{ callerKey: string; userId: string }> {
  const agentType = deps.agentTypes[agentTypeName];
  if (!agentType) throw new Error(`unknown agent type ${agentTypeName}`);
  const e164 = normaliseE164(record.callerNumber);
  if (!e164) throw new Error('the call has no caller number');
  const caller = await identifyCaller(deps, e164, agentType);
  const { memories } = memoriesFromCall(record, { agentTypeName, agentType, clock: deps.clock });
  await deps.memoryStore.add(caller.userId, memories, { conversation: { id: record.conversationId, turns: record.turns } });
  const key = BlobKeys.snapshot(caller.key, agentTypeName);
  const previousBlob = await deps.blobStore.get(key);
  const previous = previousBlob ? (JSON.parse(Buffer.from(previousBlob.body).toString('utf8')) as ProfileSnapshot) : null;
  const snapshot = updateProfileSnapshot(previous, record.conversationId, memories, {
    callerKey: caller.key,
    agentTypeName,
    agentType,
    clock: deps.clock,
  });
  await deps.blobStore.put(key, JSON.stringify(snapshot), { contentType: 'application/json' });
  return { callerKey: caller.key, userId: caller.userId };
}
