import {
  BlobKeys,
  emitSingle,
  erasedAfterCallStarted,
  identifyCaller,
  logger,
  postCallEventKey,
  publishMetrics,
  ROUTES,
  type RoleDependencies,
  runInvocation,
  setMetricContext,
  storeAndQueuePostCall,
} from '@agentic-memory/function-kit';
import { type ConversationSummary, maskPhone, type PlatformApi, PlatformApiError, resolveAgentType } from '@agentic-memory/memory-core';
import { PayloadError, platformAdapter } from '@agentic-memory/provider-adapters';

/** What reconciliation uses: the blob store (watermarks, done markers, raw payloads, tombstones) and the queue. */
export type ReconcileDependencies = RoleDependencies<'blobStore' | 'queue'>;

/** The ElevenLabs post-call paths of this product (the versioned one and the seed alias), from the route table. */
export const POST_CALL_PATHS: readonly string[] = ROUTES.filter((r) => r.role === 'webhook-intake' && r.audience === 'elevenlabs').map(
  (r) => r.path,
);

/** What the schedule (or the CLI) asks for. */
export interface ReconcileRequest {
  /** Reconcile exactly these agents (as asked, whatever their webhook). */
  readonly agentIds?: readonly string[];
  /** Every agent of the environment's agent map, whatever its webhook points at. */
  readonly allAgents?: boolean;
  /** ISO-8601: start here instead of the watermark (the watermark never moves back). */
  readonly since?: string;
}

export interface AgentReconcileReport {
  readonly agentId: string;
  /** ISO-8601: where this run started (watermark, --since or the initial lookback). */
  readonly from: string;
  /** ISO-8601: where the next run starts. */
  readonly watermark: string;
  /** Conversations examined (listed). */
  readonly examined: number;
  readonly alreadyIngested: number;
  /** Raw payload stored by the webhook, not ingested yet (queued, in flight or dead-lettered). */
  readonly alreadyQueued: number;
  /** In progress, processing, or ended within `settle_minutes`: left to the webhook for now. */
  readonly notSettled: number;
  /** Failed conversations (no transcript to remember). */
  readonly failed: number;
  /** Started before the caller's erasure: never stored. */
  readonly erased: number;
  /** Fetched, stored and queued through the webhook's path. */
  readonly reconciled: number;
  readonly error: string | null;
}

export interface ReconcileReport {
  readonly agents: readonly AgentReconcileReport[];
  /** Agents of the map left out because their post-call webhook does not point at this deployment. */
  readonly skippedAgents: readonly { readonly agentId: string; readonly reason: string }[];
  readonly reconciled: number;
  /** The run stopped at `max_conversations_per_run`; the watermarks resume the rest. */
  readonly capped: boolean;
  readonly requests: number;
}

export interface ReconcileOptions {
  /** This deployment's public base URL: with it, an agent's webhook must point here, not only at our path. */
  readonly baseUrl?: string | null;
  /** Waits between API requests (tests pass a recording one); default: real time. */
  readonly sleep?: (ms: number) => Promise<void>;
}

interface Watermark {
  readonly agent_id: string;
  /** Conversations that started at or after this instant (Unix seconds) are still to be examined. */
  readonly started_at_or_after_unix_secs: number;
  readonly updated_at: string;
}

const SETTLED_STATUSES = new Set(['done', 'failed']);

/** Spaces API requests at most `perSecond` apart (the SDK handles 429s on its own). */
class RequestPacer {
  private next = 0;
  count = 0;

  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async request<T>(run: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const wait = this.next - now;
    this.next = Math.max(now, this.next) + 1000 / this.perSecond;
    if (wait > 0) await this.sleep(wait);
    this.count += 1;
    return run();
  }
}

function iso(unixSecs: number): string {
  return new Date(unixSecs * 1000).toISOString();
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * Reconciliation: the conversations of each mapped ElevenLabs agent since its watermark, through
 * the API; those already ingested (done marker) or stored by the webhook (raw payload) are
 * skipped; the missing ones are fetched and fed through the webhook's own path (raw payload
 * stored, queued, deduplicated by conversation id), unless the caller was erased after the call
 * started. Bounded by `reconcile.max_conversations_per_run`, paced at `requests_per_second`; the
 * watermark (one blob per agent) survives restarts and never passes a conversation that is not
 * settled yet. Publishes ReconciledCalls.
 */
export function createReconcileHandler(
  deps: ReconcileDependencies,
  api: PlatformApi,
  options: ReconcileOptions = {},
): (request?: ReconcileRequest) => Promise<ReconcileReport> {
  const settings = deps.environment.reconcile;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function readWatermark(agentId: string): Promise<number | null> {
    const blob = await deps.blobStore.get(BlobKeys.reconcileWatermark('elevenlabs', agentId));
    if (!blob) return null;
    const value = JSON.parse(Buffer.from(blob.body).toString('utf8')) as Partial<Watermark>;
    return typeof value.started_at_or_after_unix_secs === 'number' ? value.started_at_or_after_unix_secs : null;
  }

  async function writeWatermark(agentId: string, unixSecs: number): Promise<void> {
    const value: Watermark = {
      agent_id: agentId,
      started_at_or_after_unix_secs: unixSecs,
      updated_at: new Date(deps.clock.now()).toISOString(),
    };
    await deps.blobStore.put(BlobKeys.reconcileWatermark('elevenlabs', agentId), JSON.stringify(value), {
      contentType: 'application/json',
    });
  }

  /** The agents to reconcile: as asked, or the map's agents whose post-call webhook points at us. */
  async function selectAgents(
    request: ReconcileRequest,
    pacer: RequestPacer,
  ): Promise<{ agentIds: string[]; skipped: { agentId: string; reason: string }[] }> {
    if (request.agentIds && request.agentIds.length > 0) return { agentIds: [...new Set(request.agentIds)], skipped: [] };
    const mapped = Object.keys(deps.environment.agent_map.providers.elevenlabs?.ids ?? {});
    if (request.allAgents) return { agentIds: mapped, skipped: [] };
    const skipped: { agentId: string; reason: string }[] = [];
    const agentIds: string[] = [];
    if (mapped.length === 0) return { agentIds, skipped };
    const webhooks = await pacer.request(() => api.listWebhooks());
    let workspaceWebhookId: string | null | undefined;
    for (const agentId of mapped) {
      let webhookId: string | null;
      try {
        const agent = await pacer.request(() => api.getAgent(agentId));
        if (agent.postCallWebhook) webhookId = agent.postCallWebhook.webhookId;
        else {
          workspaceWebhookId ??= (await pacer.request(() => api.getWorkspaceSettings())).postCallWebhook?.webhookId ?? null;
          webhookId = workspaceWebhookId;
        }
      } catch (error) {
        skipped.push({ agentId, reason: `could not read the agent: ${(error as Error).message}` });
        continue;
      }
      const webhook = webhooks.find((w) => w.id === webhookId);
      const path = webhook ? pathOf(webhook.url) : null;
      const ours =
        webhook !== undefined &&
        path !== null &&
        POST_CALL_PATHS.includes(path) &&
        (!options.baseUrl || webhook.url.startsWith(options.baseUrl.replace(/\/+$/, '')));
      if (ours) agentIds.push(agentId);
      else skipped.push({ agentId, reason: webhook ? `its post-call webhook points at ${webhook.url}` : 'no post-call webhook' });
    }
    return { agentIds, skipped };
  }

  /** Ingested (done marker) or stored by the webhook and waiting in the queue (raw payload). */
  async function knownState(conversationId: string): Promise<'ingested' | 'queued' | null> {
    const eventKey = postCallEventKey('post_call_transcription');
    if (await deps.blobStore.get(BlobKeys.done('elevenlabs', eventKey, conversationId))) return 'ingested';
    if (await deps.blobStore.get(BlobKeys.raw('elevenlabs', eventKey, conversationId))) return 'queued';
    return null;
  }

  async function reconcileConversation(
    summary: ConversationSummary,
    pacer: RequestPacer,
  ): Promise<'queued' | 'erased' | 'reconciled' | 'failed'> {
    if (summary.status === 'failed') return 'failed';
    const detail = await pacer.request(() => api.getConversation(summary.conversationId));
    // The body the post-call webhook would have carried: the same envelope, the same parser.
    const rawBody = JSON.stringify({
      type: 'post_call_transcription',
      event_timestamp: detail.startTimeUnixSecs + detail.durationSecs,
      data: detail.wire,
    });
    const body: unknown = JSON.parse(rawBody);
    const preliminary = resolveAgentType({ provider: 'elevenlabs' }, deps.agentTypes, deps.environment.agent_map);
    let envelope: ReturnType<ReturnType<typeof platformAdapter>['parsePostCall']>;
    try {
      envelope = platformAdapter('elevenlabs').parsePostCall(body, preliminary.config.webhooks.post_call.field_mappings);
    } catch (error) {
      if (error instanceof PayloadError) throw new Error(`conversation ${summary.conversationId}: ${error.reason}`);
      throw error;
    }
    const agentType = resolveAgentType(
      { provider: 'elevenlabs', platformIds: envelope.platformIds },
      deps.agentTypes,
      deps.environment.agent_map,
    );
    const receivedAt = new Date(deps.clock.now()).toISOString();
    if (envelope.callerNumber) {
      const caller = await identifyCaller(deps, envelope.callerNumber, agentType.config);
      if (await erasedAfterCallStarted(deps, caller.key, { startedAt: iso(detail.startTimeUnixSecs), receivedAt })) {
        logger.info('conversation of an erased caller not reconciled', { conversationId: summary.conversationId });
        return 'erased';
      }
    }
    const accepted = await storeAndQueuePostCall(deps, {
      provider: 'elevenlabs',
      envelope,
      rawBody,
      agentType: agentType.config,
      receivedAt,
    });
    logger.info('missed post-call webhook reconciled', {
      conversationId: summary.conversationId,
      agentType: agentType.agentType,
      caller: maskPhone(envelope.callerNumber),
      duplicate: accepted.duplicate,
    });
    return accepted.duplicate === true ? 'queued' : 'reconciled';
  }

  async function reconcileAgent(
    agentId: string,
    request: ReconcileRequest,
    budget: { left: number },
    pacer: RequestPacer,
  ): Promise<AgentReconcileReport & { capped: boolean }> {
    const now = Math.floor(deps.clock.now() / 1000);
    const stored = await readWatermark(agentId);
    const since = request.since === undefined ? null : Math.floor(Date.parse(request.since) / 1000);
    const from = since ?? stored ?? now - settings.initial_lookback_hours * 3600;
    const settledBefore = now - settings.settle_minutes * 60;
    const counts = { examined: 0, alreadyIngested: 0, alreadyQueued: 0, notSettled: 0, failed: 0, erased: 0, reconciled: 0 };
    // The watermark advances over settled conversations only, in start order; it stops at the
    // first one left for later (not settled, capped, failed to fetch).
    let watermark = from;
    let blocked = false;
    let capped = false;
    let error: string | null = null;
    let cursor: string | null = null;
    try {
      pages: do {
        const page = await pacer.request(() =>
          // `call_start_after_unix` may be exclusive: ask from one second earlier, skip what is older.
          api.listConversations({ agentId, order: 'oldest_first', startedAfterUnixSecs: from - 1, pageSize: settings.page_size, cursor }),
        );
        for (const summary of page.conversations) {
          if (summary.startTimeUnixSecs < from) continue;
          counts.examined += 1;
          // Already ingested or stored by the webhook: one blob read, no API request, not counted.
          const known = await knownState(summary.conversationId);
          if (known === 'ingested') counts.alreadyIngested += 1;
          else if (known === 'queued') counts.alreadyQueued += 1;
          if (known !== null) {
            if (!blocked) watermark = Math.max(watermark, summary.startTimeUnixSecs);
            continue;
          }
          if (budget.left <= 0) {
            capped = true;
            break pages;
          }
          budget.left -= 1;
          const ended = summary.startTimeUnixSecs + summary.durationSecs;
          if (!SETTLED_STATUSES.has(summary.status) || ended > settledBefore) {
            counts.notSettled += 1;
            blocked = true;
            continue;
          }
          const outcome = await reconcileConversation(summary, pacer);
          if (outcome === 'erased') counts.erased += 1;
          else if (outcome === 'failed') counts.failed += 1;
          else if (outcome === 'queued') counts.alreadyQueued += 1;
          else counts.reconciled += 1;
          if (!blocked) watermark = Math.max(watermark, summary.startTimeUnixSecs);
        }
        cursor = page.nextCursor;
      } while (cursor);
    } catch (e) {
      error = e instanceof PlatformApiError ? e.message : `${(e as Error).message}`;
      logger.error('reconciliation of an agent stopped', { agentId, error: e as Error });
    }
    // Never move back (a --since run over old ground keeps the later watermark).
    const next = Math.max(watermark, stored ?? watermark);
    await writeWatermark(agentId, next);
    const agentType = resolveAgentType({ provider: 'elevenlabs', platformIds: [agentId] }, deps.agentTypes, deps.environment.agent_map);
    emitSingle('ReconciledCalls', counts.reconciled, agentType.agentType, 'elevenlabs');
    return { agentId, from: iso(from), watermark: iso(next), ...counts, error, capped };
  }

  return (request = {}) =>
    runInvocation(deps.environment.name, 'reconcile', async () => {
      try {
        setMetricContext(null, 'elevenlabs');
        if (request.since !== undefined && Number.isNaN(Date.parse(request.since))) {
          throw new Error(`since must be an ISO-8601 date, got "${request.since}"`);
        }
        const pacer = new RequestPacer(settings.requests_per_second, sleep);
        const { agentIds, skipped } = await selectAgents(request, pacer);
        const budget = { left: settings.max_conversations_per_run };
        const agents: AgentReconcileReport[] = [];
        let capped = false;
        for (const agentId of agentIds) {
          if (budget.left <= 0) {
            capped = true;
            break;
          }
          const { capped: agentCapped, ...report } = await reconcileAgent(agentId, request, budget, pacer);
          capped ||= agentCapped;
          agents.push(report);
        }
        const reconciled = agents.reduce((n, a) => n + a.reconciled, 0);
        logger.info('reconciliation run', { agents: agents.length, reconciled, capped, requests: pacer.count });
        return { agents, skippedAgents: skipped, reconciled, capped, requests: pacer.count };
      } finally {
        publishMetrics();
      }
    });
}
