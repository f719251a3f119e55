import {
  BlobKeys,
  contextFromStore,
  createCallPathHandler,
  emit,
  type HttpLambda,
  header,
  identifyCaller,
  json,
  logger,
  type RoleDependencies,
  registerCallerCache,
  resolveRequestAgentType,
  TtlCache,
  withDeadline,
} from '@agentic-memory/function-kit';
import {
  type AgentType,
  type Blob,
  buildStartContent,
  type CallerContext,
  contextFromSnapshot,
  type MemorySpace,
  maskPhone,
  NEW_CALLER,
  type ProfileSnapshot,
  type Provider,
  platformAgentFor,
  resolveAgentType,
  snapshotName,
  UNCHANGED,
} from '@agentic-memory/memory-core';
import { type CallStart, PayloadError, platformAdapter } from '@agentic-memory/provider-adapters';

/**
 * What call start uses: the snapshot in the blob store and, for agent types with
 * `on_snapshot_miss: query_store`, the memory store (the Lambda entry leaves the store's client out
 * of the bundle when no agent type of the environment reads it).
 */
export type ConversationStartDependencies = RoleDependencies<'blobStore' | 'memoryStore'>;

/**
 * How long a cached answer is served without looking at the snapshot again: no instance serves an
 * erased caller, a superseded snapshot or a stale "new caller" for longer. After it, one
 * conditional read (nothing transferred when the snapshot did not change) revalidates the entry.
 */
export const FRESH_MS = 5_000;

/** A cached caller context, with the snapshot version it came from (null: there was none). */
export interface CachedContext {
  readonly ctx: CallerContext;
  readonly etag: string | null;
  readonly checkedAt: number;
}

export interface ConversationStartOptions {
  /** Shared so tests (and the local runtime) can inspect or clear it. */
  readonly cache?: TtlCache<CachedContext>;
}

/**
 * Call start, for every platform through its adapter: resolve the agent type, then the caller's
 * context from the in-process cache (fresh for `FRESH_MS`, then revalidated with one conditional
 * read), the profile snapshot (one blob read), or per `on_snapshot_miss` — all within
 * `recall_deadline_ms`. Past authentication it always answers 200: on any failure, the agent
 * type's new-caller reply with every declared variable.
 */
export function createConversationStartHandler(deps: ConversationStartDependencies, options: ConversationStartOptions = {}): HttpLambda {
  const cache = registerCallerCache(options.cache ?? new TtlCache<CachedContext>());
  const { agentTypes, environment } = deps;

  /** The context of a snapshot read (or re-read), cached with its version. */
  function fromSnapshot(cacheKey: string, blob: Blob, ttl: number, now: number): CallerContext {
    const snapshot = JSON.parse(Buffer.from(blob.body).toString('utf8')) as ProfileSnapshot;
    const ctx = contextFromSnapshot(snapshot, now);
    cache.set(cacheKey, { ctx, etag: blob.etag, checkedAt: now }, ttl, now);
    return ctx;
  }

  async function callerContext(
    agentTypeName: string,
    agentType: AgentType,
    space: MemorySpace,
    e164: string,
    signal: AbortSignal,
  ): Promise<{ ctx: CallerContext; source: string; userId: string }> {
    const caller = await identifyCaller(deps, e164, agentType);
    // The request's memory space decides what is read: its platform's snapshot and memories only.
    const snapshotAs = snapshotName(agentTypeName, agentType.provider, space);
    const cacheKey = `${snapshotAs}:${caller.key}`;
    const snapshotKey = BlobKeys.snapshot(caller.key, snapshotAs);
    const now = deps.clock.now();
    const ttl = agentType.performance_config.cache_duration * 1000;
    const cached = cache.get(cacheKey, now);
    if (cached && now - cached.checkedAt < FRESH_MS) {
      emit('CacheHit');
      return { ctx: cached.ctx, source: 'cache', userId: caller.userId };
    }
    emit('CacheMiss');
    const blob = cached?.etag
      ? await deps.blobStore.getIfChanged(snapshotKey, cached.etag, signal)
      : await deps.blobStore.get(snapshotKey, signal);
    if (blob === UNCHANGED && cached) {
      emit('SnapshotHit');
      cache.set(cacheKey, { ...cached, checkedAt: now }, ttl, now);
      return { ctx: cached.ctx, source: 'snapshot', userId: caller.userId };
    }
    if (blob && blob !== UNCHANGED) {
      emit('SnapshotHit');
      return { ctx: fromSnapshot(cacheKey, blob, ttl, now), source: 'snapshot', userId: caller.userId };
    }
    emit('SnapshotMiss');
    if (agentType.on_snapshot_miss === 'query_store') {
      const ctx = await contextFromStore(deps, caller, agentTypeName, agentType, space, signal);
      cache.set(cacheKey, { ctx, etag: null, checkedAt: now }, ttl, now);
      return { ctx, source: 'store', userId: caller.userId };
    }
    cache.set(cacheKey, { ctx: NEW_CALLER, etag: null, checkedAt: now }, ttl, now);
    return { ctx: NEW_CALLER, source: 'none', userId: caller.userId };
  }

  /** The platform's reply for this agent type and caller context. */
  function reply(
    provider: Provider,
    agentType: AgentType,
    ctx: CallerContext,
    userId: string | null,
    platformIds: CallStart['platformIds'],
  ) {
    const content = buildStartContent(ctx, agentType, deps.clock.now());
    const platformAgentId = platformAgentFor(environment.agent_map, provider, platformIds);
    return json(200, platformAdapter(provider).formatCallStart(content, ctx, agentType, { userId, platformAgentId }));
  }

  return createCallPathHandler(
    {
      role: 'conversation-start',
      deps,
      // A body we could not read: the platform's default agent type's new-caller reply.
      degraded: (provider, event) => {
        const fallback = resolveAgentType(
          { provider, header: header(event, 'x-agent-type') },
          agentTypes,
          environment.agent_map,
          environment.memory_spaces,
        );
        return reply(provider, fallback.config, NEW_CALLER, null, []);
      },
    },
    async (event, provider) => {
      const adapter = platformAdapter(provider);
      const agentTypeHeader = header(event, 'x-agent-type');
      // Mapping-driven platforms read the body through the provider's default agent type.
      const preliminary = resolveAgentType(
        { provider, header: agentTypeHeader },
        agentTypes,
        environment.agent_map,
        environment.memory_spaces,
      );
      let start: CallStart = { callerNumber: null, platformIds: [] };
      try {
        start = adapter.parseCallStart(event.jsonBody, preliminary.config.webhooks.conversation_initiation.field_mappings);
      } catch (error) {
        if (!(error instanceof PayloadError)) throw error;
        logger.warn('conversation start without a usable body', { reason: error.reason });
      }
      const resolution = resolveRequestAgentType(deps, { provider, header: agentTypeHeader, platformIds: start.platformIds });
      const agentType = resolution.config;
      if (!start.callerNumber) {
        logger.info('conversation start', { agentType: resolution.agentType, caller: 'none', returning: false });
        return reply(provider, agentType, NEW_CALLER, null, start.platformIds);
      }
      const e164 = start.callerNumber;
      try {
        const { ctx, source, userId } = await withDeadline(agentType.recall_deadline_ms, (signal) =>
          callerContext(resolution.agentType, agentType, resolution.space, e164, signal),
        );
        logger.info('conversation start', { agentType: resolution.agentType, caller: maskPhone(e164), source, returning: ctx.returning });
        return reply(provider, agentType, ctx, userId, start.platformIds);
      } catch (error) {
        emit('DegradedReply');
        logger.warn('conversation start degraded to a new-caller reply', {
          agentType: resolution.agentType,
          caller: maskPhone(e164),
          error: (error as Error).message,
        });
        return reply(provider, agentType, NEW_CALLER, null, start.platformIds);
      }
    },
  );
}
