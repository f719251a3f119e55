import { callerKey } from '@agentic-memory/memory-core';
import { BlobKeys } from './blob-keys';
import { eachLimited } from './concurrency';
import type { RoleDependencies } from './dependencies';
import { evictCaller } from './ttl-cache';

/** What erasure touches: the blob store and the memory store. */
type ErasureDependencies = RoleDependencies<'blobStore' | 'memoryStore'>;

/** What the worker leaves per conversation under `callers/<key>/…`, so erasure can find it. */
export interface ConversationIndex {
  readonly raw: string;
  readonly analytics: string | null;
  readonly audio: string;
}

export interface Tombstone {
  /** ISO-8601 UTC: messages received before this instant belong to the erased caller. */
  readonly deletedAt: string;
}

export interface ErasureReport {
  readonly memories: number;
  readonly rawPayloads: number;
  readonly audio: number;
  readonly markers: number;
  readonly snapshots: number;
  readonly analyticsRecords: number;
  readonly conversations: number;
}

/** Conversations erased at once. */
const ERASE_CONCURRENCY = 16;

const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');

export async function readTombstone(deps: Pick<ErasureDependencies, 'blobStore'>, key: string): Promise<Tombstone | null> {
  const blob = await deps.blobStore.get(BlobKeys.tombstone(key));
  return blob ? (JSON.parse(text(blob.body)) as Tombstone) : null;
}

/** Whether the caller was ever erased (a tombstone exists, whatever its time). */
export async function everErased(deps: Pick<ErasureDependencies, 'blobStore'>, key: string): Promise<boolean> {
  return (await readTombstone(deps, key)) !== null;
}

/**
 * Whether a call belongs to what the caller asked to forget: it started (or, when the platform
 * gave no start time, reached us) at or before the erasure. Compared with the call's start, not
 * with when it was received, so a call made before forget-me is never ingested whatever delivers
 * it later (a retried webhook, reconciliation).
 */
export async function erasedAfterCallStarted(
  deps: Pick<ErasureDependencies, 'blobStore'>,
  key: string,
  call: { readonly startedAt: string | null; readonly receivedAt: string },
): Promise<boolean> {
  const tombstone = await readTombstone(deps, key);
  if (tombstone === null) return false;
  const deletedAt = Date.parse(tombstone.deletedAt);
  const started = call.startedAt === null ? Number.NaN : Date.parse(call.startedAt);
  const received = Date.parse(call.receivedAt);
  return (!Number.isNaN(started) && started <= deletedAt) || received <= deletedAt;
}

/** Every memory-store user id a caller may have: the key, and the number for agent types in `raw` mode. */
export function memoryUserIds(deps: Pick<ErasureDependencies, 'agentTypes'>, key: string, e164: string): string[] {
  const raw = Object.values(deps.agentTypes).some((t) => t.caller_id_mode === 'raw');
  return raw ? [key, e164] : [key];
}

/** Deletes one conversation's traces: raw payload (all versions), its done marker, audio, analytics record, index. */
async function eraseConversation(deps: ErasureDependencies, indexKey: string, report: Record<keyof ErasureReport, number>): Promise<void> {
  const blob = await deps.blobStore.get(indexKey);
  if (blob) {
    let index: Partial<ConversationIndex> = {};
    try {
      index = JSON.parse(text(blob.body)) as ConversationIndex;
    } catch {
      // An index from before it held JSON: its body is the raw key.
      index = { raw: text(blob.body) };
    }
    if (index.raw) {
      report.rawPayloads += await deps.blobStore.delete(index.raw);
      report.markers += await deps.blobStore.delete(BlobKeys.doneOf(index.raw));
    }
    if (index.audio) report.audio += await deps.blobStore.delete(index.audio);
    if (index.analytics) report.analyticsRecords += await deps.blobStore.delete(index.analytics);
  }
  await deps.blobStore.delete(indexKey);
  if (!indexKey.includes('/events/')) report.conversations += 1;
}

/**
 * Forget a caller everywhere: a tombstone first (so queued and dead-lettered messages received
 * before it are dropped by the worker), then the memory store (explicit user ids), every
 * conversation's raw payload, audio, done marker and analytics record, and the snapshots.
 */
export async function forgetCaller(deps: ErasureDependencies, e164: string): Promise<ErasureReport> {
  const pepper = await deps.secrets.get('CALLER_ID_PEPPER');
  if (!pepper) throw new Error('CALLER_ID_PEPPER is not configured');
  const key = callerKey(pepper, e164);
  // The tombstone only moves forward: two erasures of one caller racing each other leave the later time.
  const previous = await readTombstone(deps, key);
  const now = deps.clock.now();
  const deletedAt = Math.max(now, previous ? Date.parse(previous.deletedAt) || 0 : 0);
  await deps.blobStore.put(BlobKeys.tombstone(key), JSON.stringify({ deletedAt: new Date(deletedAt).toISOString() } satisfies Tombstone), {
    contentType: 'application/json',
  });
  const report: Record<keyof ErasureReport, number> = {
    memories: 0,
    rawPayloads: 0,
    audio: 0,
    markers: 0,
    snapshots: 0,
    analyticsRecords: 0,
    conversations: 0,
  };
  for (const userId of memoryUserIds(deps, key, e164)) report.memories += await deps.memoryStore.deleteUser(userId);
  // A caller of many calls has many conversations: erased several at a time (S3 and disk both
  // take concurrent requests), so forget-me answers within the admin route's time.
  await eachLimited(await deps.blobStore.list(BlobKeys.callerPrefix(key)), ERASE_CONCURRENCY, (indexKey) =>
    eraseConversation(deps, indexKey, report),
  );
  await eachLimited(await deps.blobStore.list(BlobKeys.snapshotPrefix(key)), ERASE_CONCURRENCY, async (snapshot) => {
    report.snapshots += await deps.blobStore.delete(snapshot);
  });
  evictCaller(key);
  return report;
}

/** Undo what one conversation wrote for a caller erased while it was being ingested. */
export async function eraseConversationOf(
  deps: ErasureDependencies,
  key: string,
  e164: string,
  provider: string,
  conversationId: string,
): Promise<void> {
  for (const userId of memoryUserIds(deps, key, e164)) await deps.memoryStore.deleteUser(userId);
  const report = { memories: 0, rawPayloads: 0, audio: 0, markers: 0, snapshots: 0, analyticsRecords: 0, conversations: 0 };
  await eraseConversation(deps, BlobKeys.callerConversation(key, provider, conversationId), report);
  for (const snapshot of await deps.blobStore.list(BlobKeys.snapshotPrefix(key))) await deps.blobStore.delete(snapshot);
  evictCaller(key);
}
