/**
 * The one catalogue of custom metrics: the code that emits and the dashboard that shows both read
 * it. Pure data, no Powertools import, so the CDK app can use it.
 */
import { type FunctionRole, rolesWhere } from '@agentic-memory/memory-core';

export const METRIC_NAMESPACE = 'AgenticMemory';
export const METRIC_SERVICE = 'agentic-memory';

export type MetricUnitName = 'Milliseconds' | 'Seconds' | 'Count' | 'None';

export interface MetricDefinition {
  readonly unit: MetricUnitName;
  readonly description: string;
  /** Roles that emit it. */
  readonly roles: readonly FunctionRole[];
  /** A bounded dimension added to the detailed set (the rejection reason, the secret's name). */
  readonly extraDimension?: 'reason' | 'secret';
  /** On the dashboard, or deliberately not (with the reason). */
  readonly dashboard: true | { readonly omitted: string };
}

/** Dimension sets every custom metric is emitted with: detailed (bounded values only) and the rollup for alarms. */
export const DETAILED_DIMENSIONS = ['service', 'environment', 'role', 'agent_type', 'provider'] as const;
export const ROLLUP_DIMENSIONS = ['service', 'environment', 'role'] as const;

/** Reasons a request is rejected (the `reason` dimension of RejectedWebhook): a closed set. */
export const REJECTION_REASONS = [
  'unauthorized',
  'invalid_signature',
  'payload_too_large',
  'unsupported_media_type',
  'malformed_body',
  'malformed_path',
  'missing_caller',
  'invalid_phone',
  'invalid_period',
  'unknown_agent_type',
  'not_found',
  'invalid_query',
  'agent_type_outside_space',
  'other',
] as const;

const HTTP_ROLES = rolesWhere((r) => r.trigger === 'http');
const CALL_PATH = rolesWhere((r) => r.callPath);

export const METRICS = {
  ResponseLatency: {
    unit: 'Milliseconds',
    description: 'Time from handler entry to reply, per HTTP role',
    roles: HTTP_ROLES,
    dashboard: true,
  },
  MemoryStoreLatency: {
    unit: 'Milliseconds',
    description: 'One memory-store call (search, list, add)',
    roles: [...CALL_PATH, 'ingest-worker'],
    dashboard: true,
  },
  SnapshotHit: {
    unit: 'Count',
    description: 'Conversation start served from a caller profile snapshot',
    roles: ['conversation-start'],
    dashboard: true,
  },
  SnapshotMiss: {
    unit: 'Count',
    description: 'No snapshot for the caller (new caller, or not yet ingested)',
    roles: ['conversation-start'],
    dashboard: true,
  },
  CacheHit: { unit: 'Count', description: 'Served from the in-process TTL cache', roles: CALL_PATH, dashboard: true },
  CacheMiss: { unit: 'Count', description: 'Not in the in-process TTL cache', roles: CALL_PATH, dashboard: true },
  DegradedReply: {
    unit: 'Count',
    description: 'A default reply or empty result served because something failed or was too slow',
    roles: CALL_PATH,
    dashboard: true,
  },
  RejectedWebhook: {
    unit: 'Count',
    description: 'Requests refused with 4xx, by reason',
    roles: HTTP_ROLES,
    extraDimension: 'reason',
    dashboard: true,
  },
  MissingCredential: {
    unit: 'Count',
    description:
      'A credential the role needs is missing or a placeholder in the environment secret (by secret name): requests it checks are refused, the memory store degrades',
    roles: [...HTTP_ROLES, 'ingest-worker'],
    extraDimension: 'secret',
    dashboard: true,
  },
  IgnoredEvent: {
    unit: 'Count',
    description: 'Authenticated events stored but not ingested (unknown or non-ingested types)',
    roles: ['webhook-intake'],
    dashboard: true,
  },
  InitiationFailure: {
    unit: 'Count',
    description: 'Call initiation failures reported by the platform',
    roles: ['webhook-intake'],
    dashboard: true,
  },
  AudioStored: {
    unit: 'Count',
    description: 'Post-call audio files stored',
    roles: ['webhook-intake'],
    dashboard: { omitted: 'volume only: audio is stored for operators, never ingested' },
  },
  EventQueued: {
    unit: 'Count',
    description: 'Post-call events stored and queued for ingestion',
    roles: ['webhook-intake'],
    dashboard: true,
  },
  RecordsReceived: {
    unit: 'Count',
    description: 'Queue records handed to the worker in one invocation',
    roles: ['ingest-worker'],
    dashboard: { omitted: 'mirrors the SQS and Lambda metrics of the queue widget' },
  },
  MemoriesWritten: { unit: 'Count', description: 'Memories written by the worker', roles: ['ingest-worker'], dashboard: true },
  IngestLag: { unit: 'Milliseconds', description: 'Platform event time to memories written', roles: ['ingest-worker'], dashboard: true },
  IngestFailure: {
    unit: 'Count',
    description: 'Messages the worker could not ingest (retried, then dead-lettered)',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  FieldsDropped: {
    unit: 'Count',
    description: 'Values of a call dropped at ingestion for being out of range or of the wrong type (the rest of the call is ingested)',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  DeadLettered: {
    unit: 'Count',
    description:
      'Messages dead-lettered on their first receipt because they can never be ingested (payload unreadable, data that breaks ingestion)',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  DuplicateDelivery: {
    unit: 'Count',
    description: 'Redelivered messages skipped thanks to the done marker',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  ForgottenDropped: {
    unit: 'Count',
    description: 'Queued calls of a caller erased since they arrived, dropped with their payload',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  CallerErased: {
    unit: 'Count',
    description: 'Forget-me requests carried out',
    roles: ['insights'],
    dashboard: { omitted: 'a rare operator action, audited in the insights log group' },
  },
  CallPastRetention: {
    unit: 'Count',
    description: "Calls already past the agent type's retention when ingested (counted from the call's time): nothing stored",
    roles: ['ingest-worker'],
    dashboard: { omitted: 'rare (an old call replayed or delivered late); each one is also logged with its call time and expiry' },
  },
  CallWithoutCaller: {
    unit: 'Count',
    description: 'Calls ingested with no caller number (raw payload kept, no memories)',
    roles: ['ingest-worker'],
    dashboard: true,
  },
  AgentTypeFallback: {
    unit: 'Count',
    description: 'Agent type resolved by a fallback',
    roles: [...CALL_PATH, 'ingest-worker'],
    dashboard: true,
  },
  AgentTypeRejected: {
    unit: 'Count',
    description: "X-Agent-Type naming another memory space's agent type (ignored)",
    roles: CALL_PATH,
    dashboard: true,
  },
  ReconciledCalls: {
    unit: 'Count',
    description: 'Calls whose post-call webhook never arrived, recovered by reconciliation (> 0 hour after hour: the webhook is broken)',
    roles: ['reconcile'],
    dashboard: true,
  },
  CostPerCall: { unit: 'None', description: 'USD per call for the reported day (cost report)', roles: ['cost-report'], dashboard: true },
  DailyCost: {
    unit: 'None',
    description: 'USD spent by the stack on the reported day (cost report)',
    roles: ['cost-report'],
    dashboard: true,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
