import { createHash } from 'node:crypto';
import type { FunctionRole } from '@agentic-memory/memory-core';

/** The blob store's top-level prefixes: keys are built from them and IAM grants derive from them. */
export const BlobPrefixes = {
  raw: 'raw/',
  audio: 'audio/',
  done: 'done/',
  snapshots: 'snapshots/',
  callers: 'callers/',
  analytics: 'analytics/',
  tombstones: 'tombstones/',
  reports: 'reports/',
  /** Reconciliation watermarks (one per platform agent). */
  reconcile: 'reconcile/',
} as const;

export type BlobPrefix = (typeof BlobPrefixes)[keyof typeof BlobPrefixes];

const P = BlobPrefixes;

/**
 * A platform's conversation id as a key segment (and a queue de-duplication id part): kept as sent
 * when it is a plain id, otherwise (slashes, spaces, control characters, very long) a digest of it —
 * the same every time, so redeliveries still meet their marker.
 */
export function storageId(conversationId: string): string {
  if (/^[A-Za-z0-9_.:@=+-]{1,100}$/.test(conversationId) && conversationId !== '.' && conversationId !== '..') return conversationId;
  return `h-${createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 40)}`;
}

/** Where things live in the blob store. Only caller keys (never numbers) appear in keys. */
export const BlobKeys = {
  raw: (provider: string, event: string, conversationId: string) => `${P.raw}${provider}/${event}/${storageId(conversationId)}`,
  audio: (provider: string, conversationId: string) => `${P.audio}${provider}/${storageId(conversationId)}.mp3`,
  done: (provider: string, event: string, conversationId: string) => `${P.done}${provider}/${event}/${storageId(conversationId)}`,
  /** The done marker of a raw payload's key. */
  doneOf: (rawKey: string) => rawKey.replace(/^raw\//, P.done),
  snapshot: (callerKey: string, agentType: string) => `${P.snapshots}${callerKey}/${agentType}.json`,
  snapshotPrefix: (callerKey: string) => `${P.snapshots}${callerKey}/`,
  /** One small index per conversation of a caller (JSON: the keys it left), so forget-me can find them. */
  callerConversation: (callerKey: string, provider: string, conversationId: string) =>
    `${P.callers}${callerKey}/${provider}/${storageId(conversationId)}`,
  callerPrefix: (callerKey: string) => `${P.callers}${callerKey}/`,
  /** The same index for an event stored but not ingested (several per conversation: call started, ended…). */
  callerEvent: (callerKey: string, provider: string, conversationId: string, event: string) =>
    `${P.callers}${callerKey}/${provider}/events/${storageId(conversationId)}.${event}`,
  /** Append-only analytics record of one conversation, by day and agent type. */
  analytics: (day: string, agentType: string, conversationId: string) =>
    `${P.analytics}${day}/${agentType}/${storageId(conversationId)}.json`,
  analyticsPrefix: (day: string, agentType: string) => `${P.analytics}${day}/${agentType}/`,
  /** Written by forget-me: queued messages for this caller received before it are dropped. */
  tombstone: (callerKey: string) => `${P.tombstones}${callerKey}`,
  /** The daily cost report of a UTC day. */
  costReport: (day: string) => `${P.reports}cost/${day}.json`,
  /** Reconciliation's progress per platform agent (JSON): survives restarts, one writer per agent. */
  reconcileWatermark: (provider: string, agentId: string) => `${P.reconcile}${provider}/${storageId(agentId)}.json`,
} as const;

export interface BlobAccess {
  readonly get: readonly BlobPrefix[];
  readonly put: readonly BlobPrefix[];
  readonly delete: readonly BlobPrefix[];
}

const NONE: readonly BlobPrefix[] = [];
/** What an erasure removes (forget-me, and a caller erased while their call was being ingested). */
const ERASED: readonly BlobPrefix[] = [P.raw, P.done, P.audio, P.snapshots, P.callers, P.analytics];

/**
 * What each role reads, writes and deletes in the blob store — the least privilege the CDK stack
 * grants, by prefix. A role missing here gets no access.
 */
export const BLOB_ACCESS: Readonly<Partial<Record<FunctionRole, BlobAccess>>> = {
  'conversation-start': { get: [P.snapshots], put: NONE, delete: NONE },
  'webhook-intake': { get: NONE, put: [P.raw, P.audio, P.callers], delete: NONE },
  'ingest-worker': {
    get: [P.raw, P.done, P.snapshots, P.callers, P.tombstones],
    put: [P.snapshots, P.done, P.callers, P.analytics],
    delete: ERASED,
  },
  insights: { get: [P.snapshots, P.callers, P.analytics, P.tombstones], put: [P.tombstones], delete: ERASED },
  'cost-report': { get: NONE, put: [P.reports], delete: NONE },
  // Watermarks; done markers and raw payloads tell what is ingested or queued; tombstones; it
  // stores a missed call as the intake does (raw payload + the caller's index).
  reconcile: { get: [P.reconcile, P.done, P.raw, P.tombstones], put: [P.reconcile, P.raw, P.callers], delete: NONE },
};
