import {
  type AdminAuthMode,
  adminAuthenticator,
  BlobKeys,
  createHttpHandler,
  emit,
  forgetCaller,
  HttpError,
  type HttpEvent,
  type HttpLambda,
  identifyCaller,
  json,
  logger,
  memoryUserIds,
  type RoleDependencies,
  setMetricContext,
} from '@agentic-memory/function-kit';
import type { ConversationRecord, Memory } from '@agentic-memory/memory-core';
import { agentAnalytics, daysOf, MemoryStoreError, maskPhone, normaliseE164, userInsights } from '@agentic-memory/memory-core';
import { adminSearch, callStartView, mapLimited, memoriesByCall, recentCalls } from './caller-inspection';

const DAY_MS = 86_400_000;
/** Reads of analytics records in flight at once. */
const READ_CONCURRENCY = 32;

/** A phone number from the path (already URL-decoded by Middy's path parser). */
function phoneFrom(value: string | undefined): string {
  const e164 = normaliseE164(value ?? '');
  if (!e164) throw new HttpError(400, 'invalid_phone', 'expected a phone number in E.164 (URL-encoded, e.g. %2B15550100123)');
  return e164;
}

function period(event: HttpEvent, now: number): { from: string; to: string } {
  const q = new URLSearchParams(event.rawQueryString ?? '');
  const date = (name: 'from' | 'to', value: string): string => {
    const ms = Date.parse(value);
    // Outside what a Date can hold (or not a date at all): the caller's mistake, not ours.
    if (Number.isNaN(ms) || Number.isNaN(new Date(ms - 366 * DAY_MS).getTime())) {
      throw new HttpError(400, 'invalid_period', `${name} must be an ISO-8601 date`);
    }
    return value;
  };
  const to = date('to', q.get('to') ?? new Date(now).toISOString());
  const from = date('from', q.get('from') ?? new Date(Date.parse(to) - 30 * DAY_MS).toISOString());
  if (Date.parse(from) >= Date.parse(to)) throw new HttpError(400, 'invalid_period', 'from must be before to');
  if (Date.parse(to) - Date.parse(from) > 366 * DAY_MS) throw new HttpError(400, 'invalid_period', 'a period is at most 366 days');
  return { from: new Date(Date.parse(from)).toISOString(), to: new Date(Date.parse(to)).toISOString() };
}

/**
 * The admin API (IAM on AWS, `X-Admin-Key` locally): what the system knows about a caller, real analytics per agent
 * type from the worker's per-conversation records, forget-me, and the read-only views of the
 * local dashboard (recent calls, what the agent hears at call start, memories by call, the
 * mid-call search as the tool runs it: see caller-inspection.ts). Phone numbers arrive URL-encoded
 * in the path and are keyed at once; logs carry only the last four digits.
 */
/** What the admin API uses: the memory store and the blob store. */
export type InsightsDependencies = RoleDependencies<'blobStore' | 'memoryStore'>;

export interface InsightsOptions {
  /** `iam` on AWS (API Gateway checked the caller's SigV4 signature), `key` in the local runtime (`X-Admin-Key`). @default 'key' */
  readonly adminAuth?: AdminAuthMode;
}

export function createInsightsHandler(deps: InsightsDependencies, options: InsightsOptions = {}): HttpLambda {
  async function allMemories(userIds: readonly string[]): Promise<Memory[]> {
    const memories: Memory[] = [];
    for (const userId of userIds) {
      let cursor: string | null = null;
      do {
        const page = await deps.memoryStore.list(userId, { cursor, pageSize: 500 });
        memories.push(...page.memories);
        cursor = page.nextCursor;
      } while (cursor && memories.length < 10_000);
    }
    return memories;
  }

  return createHttpHandler(
    {
      role: 'insights',
      deps,
      parseJson: false,
      authenticate: adminAuthenticator(options.adminAuth ?? 'key'),
      // The memory store unavailable (its key not set yet, Mem0 down): a retryable 503 that says so, not a crash.
      onUnexpectedError: (error) =>
        error instanceof MemoryStoreError ? json(503, { error: 'memory_store_unavailable' }) : json(500, { error: 'internal_error' }),
    },
    async (event: HttpEvent) => {
      setMetricContext(null, null);
      const method = event.requestContext?.http?.method ?? 'GET';
      const now = deps.clock.now();

      const params = event.pathParameters ?? {};
      switch (event.routeKey) {
        case 'GET /v1/users/{phone}/insights': {
          const e164 = phoneFrom(params.phone);
          const anyType = Object.values(deps.agentTypes)[0];
          if (!anyType) throw new Error('no agent types configured');
          const caller = await identifyCaller(deps, e164, anyType);
          const memories = await allMemories(memoryUserIds(deps, caller.key, e164));
          const snapshots = await deps.blobStore.list(BlobKeys.snapshotPrefix(caller.key));
          logger.info('caller insights read', { caller: maskPhone(e164), memories: memories.length });
          return json(200, {
            caller: maskPhone(e164),
            caller_key: caller.key,
            agent_types: snapshots.map((k) => k.slice(BlobKeys.snapshotPrefix(caller.key).length).replace(/\.json$/, '')),
            ...userInsights(memories, now),
          });
        }
        case 'GET /v1/agents/{agentType}/analytics': {
          const agentType = params.agentType ?? '';
          if (!Object.hasOwn(deps.agentTypes, agentType)) throw new HttpError(404, 'unknown_agent_type', agentType.slice(0, 64));
          const { from, to } = period(event, now);
          const keys = (
            await mapLimited(daysOf(from, to), 8, (day) => deps.blobStore.list(BlobKeys.analyticsPrefix(day, agentType)))
          ).flat();
          const records = (
            await mapLimited(keys, READ_CONCURRENCY, async (key) => {
              const blob = await deps.blobStore.get(key);
              return blob ? (JSON.parse(Buffer.from(blob.body).toString('utf8')) as ConversationRecord) : null;
            })
          ).filter((r): r is ConversationRecord => r !== null);
          logger.info('agent analytics read', { agentType, records: records.length, from, to });
          return json(200, agentAnalytics(agentType, from, to, records));
        }
        case 'GET /v1/calls':
          return json(200, await recentCalls(deps, event.rawQueryString ?? ''));
        case 'GET /v1/users/{phone}/snapshot':
          return json(200, await callStartView(deps, phoneFrom(params.phone), event.rawQueryString ?? ''));
        case 'GET /v1/users/{phone}/memories':
          return json(200, await memoriesByCall(deps, phoneFrom(params.phone), event.rawQueryString ?? ''));
        case 'GET /v1/users/{phone}/search':
          return json(200, await adminSearch(deps, phoneFrom(params.phone), event.rawQueryString ?? ''));
        case 'DELETE /v1/users/{phone}': {
          const e164 = phoneFrom(params.phone);
          const report = await forgetCaller(deps, e164);
          emit('CallerErased');
          // Audited without the number.
          logger.info('caller erased (forget-me)', { caller: maskPhone(e164), ...report });
          return json(200, { erased: true, caller: maskPhone(e164), deleted: report, tombstone: true });
        }
      }

      throw new HttpError(404, 'not_found', `${method} ${event.rawPath}`);
    },
  );
}
