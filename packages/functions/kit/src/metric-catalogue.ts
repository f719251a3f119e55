/**
 * The one catalogue of custom metrics: the code that emits and the dashboard that shows both read
 * it. Pure data, no Powertools import, so the CDK app can use it.
 */
export const METRIC_NAMESPACE = 'AgenticMemory';
export const METRIC_SERVICE = 'agentic-memory';

export type MetricUnitName = 'Milliseconds' | 'Seconds' | 'Count' | 'None';

export interface MetricDefinition {
  readonly unit: MetricUnitName;
  readonly description: string;
  /** Roles that emit it. */
  readonly roles: readonly string[];
}

/** Dimension sets every custom metric is emitted with: detailed (bounded values only) and the rollup for alarms. */
export const DETAILED_DIMENSIONS = ['service', 'environment', 'role', 'agent_type', 'provider'] as const;
export const ROLLUP_DIMENSIONS = ['service', 'environment', 'role'] as const;

const HTTP_ROLES = ['conversation-start', 'memory-search', 'webhook-intake'];

export const METRICS = {
  ResponseLatency: { unit: 'Milliseconds', description: 'Time from handler entry to reply, per HTTP role', roles: HTTP_ROLES },
  MemoryStoreLatency: {
    unit: 'Milliseconds',
    description: 'One memory-store call (search, list, add)',
    roles: ['conversation-start', 'memory-search', 'ingest-worker'],
  },
  SnapshotHit: { unit: 'Count', description: 'Conversation start served from a caller profile snapshot', roles: ['conversation-start'] },
  SnapshotMiss: {
    unit: 'Count',
    description: 'No snapshot for the caller (new caller, or not yet ingested)',
    roles: ['conversation-start'],
  },
  CacheHit: { unit: 'Count', description: 'Served from the in-process TTL cache', roles: ['conversation-start', 'memory-search'] },
  CacheMiss: { unit: 'Count', description: 'Not in the in-process TTL cache', roles: ['conversation-start', 'memory-search'] },
  DegradedReply: {
    unit: 'Count',
    description: 'A default reply or empty result served because something failed or was too slow',
    roles: ['conversation-start', 'memory-search'],
  },
  RejectedWebhook: { unit: 'Count', description: 'Requests refused with 400/401/413/415 (reason in the log line)', roles: HTTP_ROLES },
  IgnoredEvent: {
    unit: 'Count',
    description: 'Authenticated events stored but not ingested (unknown or non-ingested types)',
    roles: ['webhook-intake'],
  },
  InitiationFailure: { unit: 'Count', description: 'ElevenLabs call_initiation_failure events received', roles: ['webhook-intake'] },
  AudioStored: { unit: 'Count', description: 'Post-call audio files stored', roles: ['webhook-intake'] },
  EventQueued: { unit: 'Count', description: 'Post-call events stored and queued for ingestion', roles: ['webhook-intake'] },
  RecordsReceived: { unit: 'Count', description: 'Queue records handed to the worker in one invocation', roles: ['ingest-worker'] },
  MemoriesWritten: { unit: 'Count', description: 'Memories written by the worker', roles: ['ingest-worker'] },
  IngestLag: { unit: 'Milliseconds', description: 'Platform event time to memories written', roles: ['ingest-worker'] },
  IngestFailure: {
    unit: 'Count',
    description: 'Messages the worker could not ingest (retried, then dead-lettered)',
    roles: ['ingest-worker'],
  },
  DuplicateDelivery: { unit: 'Count', description: 'Redelivered messages skipped thanks to the done marker', roles: ['ingest-worker'] },
  ForgottenDropped: {
    unit: 'Count',
    description: 'Queued calls of a caller erased since they arrived, dropped with their payload',
    roles: ['ingest-worker'],
  },
  CallerErased: { unit: 'Count', description: 'Forget-me requests carried out', roles: ['insights'] },
  CallWithoutCaller: {
    unit: 'Count',
    description: 'Calls ingested with no caller number (raw payload kept, no memories)',
    roles: ['ingest-worker'],
  },
  AgentTypeFallback: {
    unit: 'Count',
    description: 'Agent type resolved by a fallback',
    roles: ['conversation-start', 'memory-search', 'ingest-worker'],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
