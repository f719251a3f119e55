import {
  createCallPathHandler,
  emit,
  type HttpLambda,
  header,
  identifyCaller,
  json,
  logger,
  type RoleDependencies,
  recallMemories,
  registerCallerCache,
  resolveRequestAgentType,
  TtlCache,
  withDeadline,
} from '@agentic-memory/function-kit';
import {
  type AgentType,
  buildSearchAnswer,
  type MemorySpace,
  maskPhone,
  resolveAgentType,
  type SearchAnswer,
} from '@agentic-memory/memory-core';
import { platformAdapter, type ToolAnswer, type ToolCall } from '@agentic-memory/provider-adapters';

/**
 * Mid-call answers change only when a call ends: a short cache absorbs an LLM asking twice, and
 * never outlives a forget-me or a newly ingested call by more than this.
 */
const ANSWER_CACHE_MS = 5_000;
const EMPTY = buildSearchAnswer([]);

/**
 * Mid-call recall, for every platform through its adapter. The caller comes from the platform (a
 * header bound to the caller variable, the call object), never from the LLM: none → the platform's
 * refusal (400, or Vapi's 200 with an error result). The memory store is queried under
 * `recall_deadline_ms` and ranked by the agent type's rules; any failure past authentication is an
 * empty result.
 */
/** What mid-call recall uses: the memory store. */
export type MemorySearchDependencies = RoleDependencies<'memoryStore'>;

export function createMemorySearchHandler(deps: MemorySearchDependencies, cache = new TtlCache<SearchAnswer>()): HttpLambda {
  registerCallerCache(cache);
  async function answer(agentTypeName: string, agentType: AgentType, space: MemorySpace, call: ToolCall): Promise<ToolAnswer> {
    if (!call.callerNumber) return { call, answer: null, error: 'missing_caller' };
    const e164 = call.callerNumber;
    try {
      const result = await withDeadline(agentType.recall_deadline_ms, async (signal) => {
        const caller = await identifyCaller(deps, e164, agentType);
        const key = `${agentTypeName}@${space.name}:${caller.key}:${call.query.trim().toLowerCase()}`;
        const now = deps.clock.now();
        const cached = cache.get(key, now);
        if (cached) {
          emit('CacheHit');
          return cached;
        }
        emit('CacheMiss');
        const fresh = buildSearchAnswer(await recallMemories(deps, agentType, space, caller.userId, call.query, signal));
        cache.set(key, fresh, ANSWER_CACHE_MS, now);
        return fresh;
      });
      logger.info('memory search', { agentType: agentTypeName, caller: maskPhone(e164), results: result.count });
      return { call, answer: result };
    } catch (error) {
      emit('DegradedReply');
      logger.warn('memory search degraded to an empty result', {
        agentType: agentTypeName,
        caller: maskPhone(e164),
        error: (error as Error).message,
      });
      return { call, answer: EMPTY };
    }
  }

  return createCallPathHandler(
    {
      role: 'memory-search',
      deps,
      degraded: (provider) => {
        const { statusCode, body } = platformAdapter(provider).formatToolAnswers([
          { call: { query: '', callerNumber: null, toolCallId: null }, answer: EMPTY },
        ]);
        return json(statusCode, body);
      },
    },
    async (event, provider) => {
      const adapter = platformAdapter(provider);
      const request = { provider, header: header(event, 'x-agent-type') };
      const agentIdHeader = header(event, 'x-agent-id') ?? null;
      // The caller parameter of the agent type the header (or the provider default) selects.
      const preliminary = resolveAgentType(
        { ...request, platformIds: [agentIdHeader] },
        deps.agentTypes,
        deps.environment.agent_map,
        deps.environment.memory_spaces,
      );
      // A body the adapter cannot read is an unexpected error: it degrades to an empty result.
      const calls = adapter.parseToolCalls(
        { path: event.rawPath, headers: event.headers ?? {}, rawBody: event.rawBody, body: event.jsonBody },
        preliminary.config.webhooks.memory_search?.caller_parameter ?? 'caller_id',
      );
      // The agent: ElevenLabs tools send `X-Agent-Id: {{system__agent_id}}`; Vapi and Retell carry it in the signed body.
      const resolution = resolveRequestAgentType(deps, { ...request, platformIds: [agentIdHeader, ...(calls[0]?.platformIds ?? [])] });
      const answers = await Promise.all(calls.map((call) => answer(resolution.agentType, resolution.config, resolution.space, call)));
      if (answers.some((a) => a.answer === null)) logger.warn('memory search without a caller: refused', { provider });
      const { statusCode, body } = adapter.formatToolAnswers(answers);
      return json(statusCode, body);
    },
  );
}
