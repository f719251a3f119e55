/**
 * An environment's deployment settings (`config/environments/<env>.json`): account and region, the
 * agent map (its schema is the domain's, in memory-core), per-role Lambda settings, API throttles,
 * ingest queue, alarms, budget, retention and limits. Validated at synth, in tests and by the
 * local runtime; functions receive only their role's part, validated at build time.
 */

import {
  AgentMapSchema,
  enumOf,
  FUNCTION_ROLES,
  type FunctionRole,
  MemorySpacesSchema,
  message,
  nonEmptyString,
  positiveInt,
  positiveNumber,
} from '@agentic-memory/memory-core';
import type { input as ZodInput, output as ZodOutput } from 'zod';
import { array as zArray, email as zEmail, number as zNumber, strictObject as zStrictObject, string as zString } from 'zod';
import { MAX_LAMBDA_BODY_BYTES } from './body-limit';

/** Retention values CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const scheduleEntry = zStrictObject({
  name: zString().regex(/^[A-Za-z][A-Za-z0-9]*$/, message('expected an alphanumeric name')),
  /** Cron fields in UTC unless time_zone is set. */
  cron: zStrictObject({
    minute: nonEmptyString().default('0'),
    hour: nonEmptyString(),
    week_day: nonEmptyString().default('*'),
  }),
  time_zone: nonEmptyString().optional(),
  min: positiveInt(),
  max: positiveInt(),
});

const provisionedConcurrency = zStrictObject({
  min: positiveInt(),
  max: positiveInt(),
  target_utilization: zNumber(message('expected a number above 0 and below 1'))
    .gt(0, message('expected a number above 0 and below 1'))
    .lt(1, message('expected a number above 0 and below 1')),
  schedule: zArray(scheduleEntry).default([]),
}).superRefine((pc, ctx) => {
  if (pc.max < pc.min) ctx.addIssue({ code: 'custom', path: ['max'], message: `expected at least min (${pc.min})` });
  for (const [i, s] of pc.schedule.entries()) {
    if (s.max < s.min) ctx.addIssue({ code: 'custom', path: ['schedule', i, 'max'], message: `expected at least min (${s.min})` });
  }
});

const functionSettings = zStrictObject({
  memory_mb: positiveInt().min(128, message('expected 128 to 10240')).max(10240, message('expected 128 to 10240')),
  timeout_s: positiveInt().max(900, message('expected at most 900')),
  provisioned_concurrency: provisionedConcurrency.optional(),
});

/** Limits of one class of routes; each route of the class gets them on its own (API Gateway throttles per route). */
const routeThrottle = zStrictObject({
  rate_per_s: positiveNumber(),
  burst: positiveInt(),
});

/** Route classes (`routeClass()` of the kit's route table). */
export const ROUTE_CLASSES = ['webhook', 'call-path', 'admin'] as const;

/** How CodeDeploy moves the `live` aliases to a new version. */
export const DEPLOYMENT_STRATEGIES = ['all-at-once', 'canary', 'linear'] as const;

const deployment = zStrictObject({
  strategy: enumOf(DEPLOYMENT_STRATEGIES, 'deployment strategy'),
  /** canary: the share of traffic sent to the new version first; linear: the share added at each step. */
  percent: positiveInt().max(99, message('expected 1 to 99')).optional(),
  /** canary: minutes before the rest; linear: minutes between steps. */
  interval_minutes: positiveInt().max(60, message('expected at most 60')).optional(),
}).superRefine((d, ctx) => {
  if (d.strategy === 'all-at-once') {
    for (const field of ['percent', 'interval_minutes'] as const)
      if (d[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'not used by all-at-once' });
    return;
  }
  for (const field of ['percent', 'interval_minutes'] as const)
    if (d[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${d.strategy}` });
});

export const EnvironmentSchema = zStrictObject({
  name: zString().regex(/^[a-z][a-z0-9-]*$/, message('expected a lowercase environment name')),
  /** 12-digit AWS account id; null = the CLI's current account. */
  account: zString()
    .regex(/^\d{12}$/, message('expected a 12-digit AWS account id'))
    .nullable()
    .default(null),
  region: zString().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, message('expected an AWS region such as us-east-1')),
  agent_map: AgentMapSchema,
  /** Platforms that share one memory space (opt-in; by default each platform reads only its own callers). */
  memory_spaces: MemorySpacesSchema,
  functions: zStrictObject(
    Object.fromEntries(FUNCTION_ROLES.map((role) => [role, functionSettings])) as Record<FunctionRole, typeof functionSettings>,
  ),
  api: zStrictObject({
    /** Per route class: platform post-call webhooks, the call path (call start, recall), the admin API. */
    throttles: zStrictObject({ webhook: routeThrottle, 'call-path': routeThrottle, admin: routeThrottle }),
  }),
  deployment,
  secret: zStrictObject({
    /** Adopt this existing Secrets Manager secret (by name) instead of creating one; null: the stack creates one. */
    existing_name: nonEmptyString().nullable().default(null),
  }),
  ingest: zStrictObject({
    visibility_timeout_s: positiveInt().max(43200, message('expected at most 43200 (12 h)')),
    dlq_max_receives: positiveInt().max(1000, message('expected at most 1000')),
    batch_size: positiveInt().max(10, message('expected at most 10 (FIFO event sources)')),
    max_concurrency: positiveInt().min(2, message('expected 2 to 1000')).max(1000, message('expected 2 to 1000')),
  }),
  alarms: zStrictObject({
    conversation_start_p99_ms: positiveInt(),
    memory_search_p99_ms: positiveInt(),
    intake_p99_ms: positiveInt(),
    error_rate_percent: positiveNumber().max(100, message('expected at most 100')),
    dlq_visible_messages: positiveInt(),
    ingest_lag_s: positiveInt(),
    degraded_per_5min: positiveInt(),
    /** Email addresses subscribed to the alarm topic; synth refuses none unless no_recipients_reason says why. */
    recipients: zArray(zEmail(message('expected an email address'))).default([]),
    /** The explicit opt-out: why nobody is notified of this environment's alarms. */
    no_recipients_reason: nonEmptyString().min(20, message('expected a reason (at least 20 characters)')).optional(),
  }),
  budget: zStrictObject({
    monthly_usd: positiveNumber(),
    alert_thresholds_percent: zArray(positiveNumber()).min(1, message('expected at least one threshold')),
    recipients: zArray(zEmail(message('expected an email address'))).default([]),
  }),
  retention: zStrictObject({
    log_days: zNumber(message('expected a CloudWatch Logs retention')).refine(
      (v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v),
      message(`expected one of ${LOG_RETENTION_DAYS.join(', ')}`),
    ),
    raw_payload_days: positiveInt(),
    audio_days: positiveInt(),
    reports_days: positiveInt(),
  }),
  limits: zStrictObject({
    max_body_bytes: positiveInt().max(
      MAX_LAMBDA_BODY_BYTES,
      message(
        `expected at most ${MAX_LAMBDA_BODY_BYTES} (the largest body whose base64 API Gateway event fits Lambda's 6 MiB request limit)`,
      ),
    ),
  }),
  /** Missed-call recovery (`pnpm elevenlabs reconcile`, the hourly reconcile role): its stated bounds. */
  reconcile: zStrictObject({
    /**
     * Conversations handled per run across agents (fetched, or left for later); those already ingested
     * or queued cost no API request and do not count. The watermark resumes the rest next run.
     */
    max_conversations_per_run: positiveInt().max(10_000, message('expected at most 10000')),
    /** Platform API requests per second (listing and fetching), on top of the SDK's own 429 handling. */
    requests_per_second: positiveNumber().max(50, message('expected at most 50')),
    /** Conversations per list request (the API allows 1 to 100). */
    page_size: positiveInt().max(100, message('expected at most 100 (the API limit)')),
    /** Calls that ended less than this many minutes ago are left to the webhook (its retries run about 40 minutes). */
    settle_minutes: zNumber(message('expected a number of minutes ≥ 0')).min(0, message('expected a number of minutes ≥ 0')),
    /** Where the first run of an agent starts, without a watermark or --since. */
    initial_lookback_hours: positiveInt().max(24 * 90, message('expected at most 2160 (90 days)')),
  }).default({ max_conversations_per_run: 200, requests_per_second: 2, page_size: 50, settle_minutes: 60, initial_lookback_hours: 24 }),
}).superRefine((env, ctx) => {
  if (env.alarms.recipients.length > 0 && env.alarms.no_recipients_reason !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['alarms', 'no_recipients_reason'], message: 'remove it: alarms.recipients has addresses' });
  }
  const worker = env.functions['ingest-worker'];
  if (env.ingest.visibility_timeout_s < 6 * worker.timeout_s) {
    ctx.addIssue({
      code: 'custom',
      path: ['ingest', 'visibility_timeout_s'],
      message: `expected at least 6 × functions.ingest-worker.timeout_s (${6 * worker.timeout_s})`,
    });
  }
  // A full reconcile run (every conversation of the cap fetched, its list pages, paced) must end
  // within the function's timeout, with a minute to spare for the agents' settings and the stores.
  const r = env.reconcile;
  const pacedRunS =
    Math.ceil((r.max_conversations_per_run + Math.ceil(r.max_conversations_per_run / r.page_size)) / r.requests_per_second) + 60;
  if (env.functions.reconcile.timeout_s < pacedRunS) {
    ctx.addIssue({
      code: 'custom',
      path: ['functions', 'reconcile', 'timeout_s'],
      message: `expected at least ${pacedRunS} (a full reconcile run: max_conversations_per_run fetches and their list pages at requests_per_second, plus 60 s)`,
    });
  }
});

export type EnvironmentInput = ZodInput<typeof EnvironmentSchema>;
export type Environment = ZodOutput<typeof EnvironmentSchema>;
