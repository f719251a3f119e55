import {
  authenticatorFor,
  createHttpHandler,
  type Dependencies,
  emit,
  HttpError,
  type HttpEvent,
  type HttpLambda,
  header,
  identifyCaller,
  json,
  logger,
  providerForPath,
  setMetricContext,
  TtlCache,
  withDeadline,
} from '@agentic-memory/function-kit';
import { type AgentType, buildSearchAnswer, maskPhone, rankMemories, resolveAgentType } from '@agentic-memory/memory-core';
import { PayloadError, parseElevenLabsToolRequest } from '@agentic-memory/provider-adapters';

/** Mid-call answers change only when a call ends: a short cache absorbs an LLM asking twice. */
const ANSWER_CACHE_MS = 10_000;
const EMPTY = buildSearchAnswer([]);

/**
 * Mid-call recall: the caller comes from the platform (`X-Caller-Id: {{system__caller_id}}` or a
 * bound body parameter), never from the LLM; none → 400. The memory store is queried under
 * `recall_deadline_ms` and ranked by the agent type's rules; any failure past authentication is an
 * empty result with HTTP 200.
 */
export function createMemorySearchHandler(deps: Dependencies, cache = new TtlCache<ReturnType<typeof buildSearchAnswer>>()): HttpLambda {
  const { agentTypes, environment } = deps;

  async function search(agentType: AgentType, userId: string, query: string, signal: AbortSignal) {
    const mc = agentType.memory_config;
    const started = performance.now();
    const candidates = await deps.memoryStore.search({
      userId,
      text: query,
      limit: mc.search_limit * 3,
      threshold: agentType.search_threshold,
      signal,
    });
    emit('MemoryStoreLatency', performance.now() - started);
    const ranked = rankMemories(
      candidates,
      {
        searchWeights: mc.search_weights,
        priorityFields: mc.priority_fields,
        limit: mc.search_limit,
        threshold: agentType.search_threshold,
      },
      deps.clock.now(),
    );
    return buildSearchAnswer(ranked);
  }

  return createHttpHandler(
    {
      role: 'memory-search',
      deps,
      // Past authentication the call never fails because of us: everything else degrades.
      passThrough: (error) => error.statusCode === 401 || error.code === 'missing_caller',
      authenticate: authenticatorFor('memory-search'),
      onUnexpectedError: () => {
        emit('DegradedReply');
        return json(200, EMPTY);
      },
    },
    async (event: HttpEvent) => {
      const provider = providerForPath(event.rawPath) ?? 'elevenlabs';
      const resolution = resolveAgentType(
        { provider, header: header(event, 'x-agent-type'), platformIds: [header(event, 'x-agent-id')] },
        agentTypes,
        environment.agent_map,
      );
      setMetricContext(resolution.agentType, provider);
      if (resolution.fellBack) {
        emit('AgentTypeFallback');
        logger.warn('agent type fallback', { agentType: resolution.agentType, source: resolution.source, reason: resolution.reason });
      }
      const agentType = resolution.config;
      let request: ReturnType<typeof parseElevenLabsToolRequest>;
      try {
        request = parseElevenLabsToolRequest(
          event.jsonBody,
          header(event, 'x-caller-id'),
          agentType.webhooks.memory_search?.caller_parameter,
        );
      } catch (error) {
        if (error instanceof PayloadError) throw new HttpError(400, 'malformed_body', error.reason);
        throw error;
      }
      if (!request.callerNumber) throw new HttpError(400, 'missing_caller', 'no X-Caller-Id header or bound caller parameter');
      const e164 = request.callerNumber;
      try {
        const answer = await withDeadline(agentType.recall_deadline_ms, async (signal) => {
          const caller = await identifyCaller(deps, e164, agentType);
          const key = `${resolution.agentType}:${caller.key}:${request.query.trim().toLowerCase()}`;
          const now = deps.clock.now();
          const cached = cache.get(key, now);
          if (cached) {
            emit('CacheHit');
            return cached;
          }
          emit('CacheMiss');
          const fresh = await search(agentType, caller.userId, request.query, signal);
          cache.set(key, fresh, ANSWER_CACHE_MS, now);
          return fresh;
        });
        logger.info('memory search', { agentType: resolution.agentType, caller: maskPhone(e164), results: answer.count });
        return json(200, answer);
      } catch (error) {
        emit('DegradedReply');
        logger.warn('memory search degraded to an empty result', {
          agentType: resolution.agentType,
          caller: maskPhone(e164),
          error: (error as Error).message,
        });
        return json(200, EMPTY);
      }
    },
  );
}
