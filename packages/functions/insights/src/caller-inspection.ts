import {
  BlobKeys,
  type CallerIdentity,
  type ConversationIndex,
  contextFromStore,
  DeadlineExceededError,
  HttpError,
  identifyCaller,
  memoryUserIds,
  type RoleDependencies,
  recallMemories,
  withDeadline,
} from '@agentic-memory/function-kit';
import {
  type AgentTypeResolution,
  buildSearchAnswer,
  buildStartContent,
  type CallerContext,
  type ConversationRecord,
  contextFromSnapshot,
  isProvider,
  type Memory,
  type MemorySpace,
  maskPhone,
  memoryProvider,
  memorySpaceOf,
  NEW_CALLER,
  PROVIDERS,
  type ProfileSnapshot,
  platformAgentFor,
  resolveAgentType,
  snapshotName,
} from '@agentic-memory/memory-core';
import { platformAdapter } from '@agentic-memory/provider-adapters';

/**
 * The admin API's read-only views of what the system knows, for the operator tuning an agent (the
 * local dashboard's calls list and caller inspector; on AWS the same routes, IAM-authorised): the
 * recent calls from the worker's per-conversation records, what the agent hears at call start, the
 * caller's memories grouped by the call that taught them, and the mid-call search run exactly as
 * the platforms' tool runs it. Every view is computed by the functions the call path uses.
 */
export type InspectionDependencies = RoleDependencies<'blobStore' | 'memoryStore'>;

const DAY_MS = 86_400_000;
/** Reads in flight at once (blob store). */
const READ_CONCURRENCY = 32;
/** Records read per recent-calls request at most: beyond, the reply says it is truncated. */
const MAX_RECORDS_READ = 2_000;
/** Memories listed per caller at most. */
const MAX_MEMORIES = 10_000;
/** A mid-call question, as long as a platform's tool would pass one. */
const MAX_QUERY_CHARS = 1_000;

export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
    }),
  );
  return out;
}

function integerParam(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new HttpError(400, 'invalid_query', `${name} must be an integer from ${min} to ${max}`);
  return value;
}

async function readJson<T>(deps: Pick<InspectionDependencies, 'blobStore'>, key: string): Promise<T | null> {
  const blob = await deps.blobStore.get(key);
  if (!blob) return null;
  try {
    return JSON.parse(Buffer.from(blob.body).toString('utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * One call of the recent-calls list: the worker's record of it (`ConversationRecord`), with the
 * caller masked, the platform named as such, and what older records lack filled in.
 */
export interface RecentCall
  extends Pick<
    ConversationRecord,
    'conversation_id' | 'caller_key' | 'agent_type' | 'at' | 'memories' | 'memory_types' | 'fields' | 'returning'
  > {
  /** `***0123`, or the caller key's first characters for records written before the mask was kept. */
  readonly caller: string;
  readonly platform: string;
  readonly field_sources: Readonly<Record<string, string>>;
  readonly degraded: boolean;
  readonly degraded_reasons: readonly string[];
  /** The values dropped at ingestion, by name (`dataCollection.plan`, `turns[3].offsetSecs`…). */
  readonly dropped_fields: readonly string[];
}

function recentCall(record: ConversationRecord): RecentCall {
  const { provider, caller, field_sources, degraded, dropped_fields, topics: _topics, ...kept } = record;
  return {
    ...kept,
    caller: caller ?? `key ${record.caller_key.slice(0, 8)}…`,
    platform: provider,
    field_sources: field_sources ?? {},
    degraded: (degraded ?? []).length > 0,
    degraded_reasons: degraded ?? [],
    dropped_fields: dropped_fields ?? [],
  };
}

/**
 * `GET /v1/calls`: the calls ingested, newest first by call time, from the per-conversation
 * records (`analytics/<day>/…`), walking back day by day from tomorrow (clock skew) until `limit`
 * calls are found or the last `days` × 24 hours are covered. `?limit=` (1–500, default 50), `?days=` (1–730,
 * default 366), `?platform=`, `?agent_type=`.
 */
export async function recentCalls(deps: InspectionDependencies, query: string): Promise<Record<string, unknown>> {
  const q = new URLSearchParams(query);
  const limit = integerParam(q, 'limit', 50, 1, 500);
  const days = integerParam(q, 'days', 366, 1, 730);
  const platform = q.get('platform') || null;
  if (platform !== null && !isProvider(platform))
    throw new HttpError(400, 'invalid_query', `platform must be one of ${PROVIDERS.join(', ')}`);
  const agentType = q.get('agent_type') || null;
  if (agentType !== null && !Object.hasOwn(deps.agentTypes, agentType))
    throw new HttpError(404, 'unknown_agent_type', agentType.slice(0, 64));

  // The last `days` × 24 hours, not calendar days: at 00:30 "the last day" still holds yesterday evening.
  const now = deps.clock.now();
  const since = now - days * DAY_MS;
  const first = Math.floor(now / DAY_MS) + 1;
  const last = Math.floor(since / DAY_MS);
  const dayList = Array.from({ length: first - last + 1 }, (_, i) => new Date((first - i) * DAY_MS).toISOString().slice(0, 10));
  const found: ConversationRecord[] = [];
  let read = 0;
  let truncated = false;
  // Eight days at a time, newest first: a quiet deployment is answered in a few listings.
  for (let i = 0; i < dayList.length && found.length < limit && !truncated; i += 8) {
    const batch = dayList.slice(i, i + 8);
    const keys = (
      await mapLimited(batch, 8, (day) => deps.blobStore.list(agentType ? BlobKeys.analyticsPrefix(day, agentType) : `analytics/${day}/`))
    ).flat();
    const toRead = keys.slice(0, Math.max(0, MAX_RECORDS_READ - read));
    if (toRead.length < keys.length) truncated = true;
    read += toRead.length;
    const records = await mapLimited(toRead, READ_CONCURRENCY, (key) => readJson<ConversationRecord>(deps, key));
    for (const r of records) if (r && (platform === null || r.provider === platform) && !(Date.parse(r.at) < since)) found.push(r);
  }
  found.sort((a, b) => b.at.localeCompare(a.at) || a.conversation_id.localeCompare(b.conversation_id));
  return {
    calls: found.slice(0, limit).map(recentCall),
    ...(truncated ? { truncated: true, records_read: read } : {}),
  };
}

/** The agent type an admin view runs as: the platform's resolution, as a call of that platform would get it. */
export function adminResolution(deps: Pick<InspectionDependencies, 'agentTypes' | 'environment'>, q: URLSearchParams): AgentTypeResolution {
  const platform = q.get('platform') || null;
  const requested = q.get('agent_type') || null;
  if (platform !== null && !isProvider(platform))
    throw new HttpError(400, 'invalid_query', `platform must be one of ${PROVIDERS.join(', ')}`);
  if (requested !== null && !Object.hasOwn(deps.agentTypes, requested))
    throw new HttpError(404, 'unknown_agent_type', requested.slice(0, 64));
  const provider = platform ?? (requested ? deps.agentTypes[requested]?.provider : null);
  if (!provider) throw new HttpError(400, 'invalid_query', 'platform (elevenlabs, vapi, retell, generic) or agent_type is required');
  const agentId = q.get('agent_id') || null;
  const resolution = resolveAgentType(
    { provider, header: requested, platformIds: [agentId] },
    deps.agentTypes,
    deps.environment.agent_map,
    deps.environment.memory_spaces,
  );
  // The platform would ignore it silently; an operator who asked for it is told.
  if (resolution.headerRejected)
    throw new HttpError(
      400,
      'agent_type_outside_space',
      `${requested} serves another memory space than ${provider}'s (${resolution.space.name}): a ${provider} call never runs as it`,
    );
  return resolution;
}

function resolutionView(resolution: AgentTypeResolution, platform: string) {
  return {
    platform,
    memory_space: { name: resolution.space.name, platforms: resolution.space.providers },
    agent_type: resolution.agentType,
    agent_type_source: resolution.source,
  };
}

/**
 * `GET /v1/users/{phone}/snapshot`: what the agent hears at call start — the caller's context read
 * as call start reads it (the snapshot of the agent type in the platform's space; on a miss, what
 * `on_snapshot_miss` does), then the first message, dynamic variables and memory context built by
 * the same functions, and the platform's reply body as it goes on the wire.
 */
export async function callStartView(deps: InspectionDependencies, e164: string, query: string): Promise<Record<string, unknown>> {
  const q = new URLSearchParams(query);
  const resolution = adminResolution(deps, q);
  const provider = resolution.space.providers.find((p) => p === q.get('platform')) ?? resolution.config.provider;
  const agentType = resolution.config;
  const caller = await identifyCaller(deps, e164, agentType);
  const name = snapshotName(resolution.agentType, agentType.provider, resolution.space);
  const snapshot = await readJson<ProfileSnapshot>(deps, BlobKeys.snapshot(caller.key, name));
  const now = deps.clock.now();
  let ctx: CallerContext = NEW_CALLER;
  let source: 'snapshot' | 'store' | 'none' = 'none';
  if (snapshot) {
    ctx = contextFromSnapshot(snapshot, now);
    source = 'snapshot';
  } else if (agentType.on_snapshot_miss === 'query_store') {
    ctx = await withDeadline(agentType.recall_deadline_ms, (signal) =>
      contextFromStore(deps, caller, resolution.agentType, agentType, resolution.space, signal),
    );
    source = 'store';
  }
  const content = buildStartContent(ctx, agentType, now);
  const agentId = q.get('agent_id') || null;
  const platformAgentId = platformAgentFor(deps.environment.agent_map, provider, [agentId]);
  const { overrides } = agentType.response_config;
  return {
    caller: maskPhone(e164),
    ...resolutionView(resolution, provider),
    source,
    snapshot: snapshot
      ? {
          name,
          updated_at: snapshot.updatedAt,
          call_count: snapshot.callCount,
          memory_count: snapshot.memoryCount,
          last_call_at: snapshot.lastCallAt,
          valid_until: snapshot.validUntil,
          fields: snapshot.fields,
        }
      : null,
    returning: ctx.returning,
    first_message: content.greeting,
    first_message_sent: overrides.first_message,
    prompt_sent: Boolean(overrides.prompt && agentType.response_config.base_prompt),
    memory_summary: content.memorySummary,
    memory_context: content.promptContext,
    dynamic_variables: content.dynamicVariables,
    reply: platformAdapter(provider).formatCallStart(content, ctx, agentType, { userId: caller.userId, platformAgentId }),
  };
}

const DERIVED_TYPES = new Set(['lead', 'conversion', 'issue', 'technical', 'resolution']);
/** Metadata keys that describe a memory rather than a field it states. */
const DESCRIPTIVE_KEYS = new Set([
  'conversation_id',
  'provider',
  'agent_type',
  'agent_id',
  'direction',
  'memory_type',
  'source',
  'field_source',
  'layer',
  'key_statement',
  'turn',
  'asked',
  'field',
  'resolved',
  'converted',
  'pipeline_stage',
]);

/** Where a memory came from: its `source` metadata, else what wrote it. */
function memorySource(memory: Memory): string {
  const source = memory.metadata.source;
  if (typeof source === 'string' && source.length > 0) return source;
  if (DERIVED_TYPES.has(memory.type)) return 'derived';
  return 'unlabelled';
}

function memoryView(memory: Memory, now: number) {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(memory.metadata)) {
    if (DESCRIPTIVE_KEYS.has(key) || value === null || value === '' || typeof value === 'boolean') continue;
    fields[key] = String(value);
  }
  const fieldSource = memory.metadata.field_source;
  return {
    id: memory.id,
    type: memory.type,
    text: memory.text,
    source: memorySource(memory),
    ...(typeof fieldSource === 'string' ? { field_source: fieldSource } : {}),
    key_statement: memory.metadata.key_statement === true,
    platform: memoryProvider(memory),
    created_at: memory.createdAt,
    expires_at: memory.expiresAt,
    expired: memory.expiresAt !== null && Date.parse(memory.expiresAt) <= now,
    fields,
  };
}

/** The caller's per-conversation records, by conversation id, through the index the worker keeps. */
async function conversationRecords(deps: InspectionDependencies, caller: CallerIdentity): Promise<Map<string, ConversationRecord>> {
  const indexKeys = (await deps.blobStore.list(BlobKeys.callerPrefix(caller.key))).filter((k) => !k.includes('/events/'));
  const records = await mapLimited(indexKeys, READ_CONCURRENCY, async (key) => {
    const index = await readJson<Partial<ConversationIndex>>(deps, key);
    return index?.analytics ? readJson<ConversationRecord>(deps, index.analytics) : null;
  });
  const out = new Map<string, ConversationRecord>();
  for (const r of records) if (r) out.set(r.conversation_id, r);
  return out;
}

/**
 * `GET /v1/users/{phone}/memories`: every memory of the caller (of one platform's memory space with
 * `?platform=`), grouped by the call that taught it, newest call first: each memory's type, source
 * (summary, extraction, platform_analysis, transcript, derived…), expiry and the fields it states;
 * each call's extracted fields with where each came from (data collection, transcript, summary).
 */
export async function memoriesByCall(deps: InspectionDependencies, e164: string, query: string): Promise<Record<string, unknown>> {
  const q = new URLSearchParams(query);
  const platform = q.get('platform') || null;
  if (platform !== null && !isProvider(platform))
    throw new HttpError(400, 'invalid_query', `platform must be one of ${PROVIDERS.join(', ')}`);
  const space: MemorySpace | null = platform ? memorySpaceOf(platform, deps.environment.memory_spaces) : null;
  const caller = await identifyCaller(deps, e164, { caller_id_mode: 'keyed' });
  const memories: Memory[] = [];
  for (const userId of memoryUserIds(deps, caller.key, e164)) {
    let cursor: string | null = null;
    do {
      const page = await deps.memoryStore.list(userId, { cursor, pageSize: 500, space });
      memories.push(...page.memories);
      cursor = page.nextCursor;
    } while (cursor && memories.length < MAX_MEMORIES);
  }
  const records = await conversationRecords(deps, caller);
  const now = deps.clock.now();
  const groups = new Map<string, Memory[]>();
  for (const m of memories) {
    const id = typeof m.metadata.conversation_id === 'string' ? m.metadata.conversation_id : '';
    groups.set(id, [...(groups.get(id) ?? []), m]);
  }
  const calls = [...groups.entries()].map(([conversationId, group]) => {
    const record = conversationId ? records.get(conversationId) : undefined;
    const at =
      record?.at ??
      group
        .map((m) => m.createdAt)
        .sort()
        .at(-1) ??
      null;
    const first = group[0];
    return {
      conversation_id: conversationId || null,
      at,
      platform: record?.provider ?? (first ? memoryProvider(first) : null),
      agent_type: record?.agent_type ?? (typeof first?.metadata.agent_type === 'string' ? first.metadata.agent_type : null),
      fields: record?.fields ?? [],
      field_sources: record?.field_sources ?? {},
      degraded_reasons: record?.degraded ?? [],
      dropped_fields: record?.dropped_fields ?? [],
      memories: group.map((m) => memoryView(m, now)),
    };
  });
  calls.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  return {
    caller: maskPhone(e164),
    caller_key: caller.key,
    memory_space: space ? { name: space.name, platforms: space.providers } : null,
    total: memories.length,
    calls,
  };
}

/**
 * `GET /v1/users/{phone}/search?query=`: the mid-call search exactly as the platform's tool runs it
 * — the same agent type resolution, memory space, deadline and ranking (`recallMemories`), the
 * answer the agent's LLM receives and the platform's reply body — without the tool's 5-second
 * answer cache, so the operator always sees the store's current answer.
 */
export async function adminSearch(deps: InspectionDependencies, e164: string, query: string): Promise<Record<string, unknown>> {
  const q = new URLSearchParams(query);
  const text = (q.get('query') ?? '').trim();
  if (text.length === 0) throw new HttpError(400, 'invalid_query', 'query is required');
  if (text.length > MAX_QUERY_CHARS) throw new HttpError(400, 'invalid_query', `query is at most ${MAX_QUERY_CHARS} characters`);
  const resolution = adminResolution(deps, q);
  const provider = resolution.space.providers.find((p) => p === q.get('platform')) ?? resolution.config.provider;
  const agentType = resolution.config;
  const started = performance.now();
  let ranked: Awaited<ReturnType<typeof recallMemories>> = [];
  let degraded: string | null = null;
  try {
    ranked = await withDeadline(agentType.recall_deadline_ms, async (signal) => {
      const caller = await identifyCaller(deps, e164, agentType);
      return recallMemories(deps, agentType, resolution.space, caller.userId, text, signal);
    });
  } catch (error) {
    // The tool answers an empty result then; so does this view, saying why.
    degraded = error instanceof DeadlineExceededError ? `no answer within recall_deadline_ms (${error.ms} ms)` : (error as Error).message;
  }
  const answer = buildSearchAnswer(ranked);
  const { body } = platformAdapter(provider).formatToolAnswers([
    { call: { query: text, callerNumber: e164, toolCallId: 'admin-search', name: 'memory_search' }, answer },
  ]);
  return {
    caller: maskPhone(e164),
    ...resolutionView(resolution, provider),
    query: text,
    elapsed_ms: Math.round((performance.now() - started) * 10) / 10,
    deadline_ms: agentType.recall_deadline_ms,
    degraded,
    answer,
    ranked: ranked.map((m) => ({
      id: m.id,
      type: m.type,
      text: m.text,
      created_at: m.createdAt,
      store_score: m.score ?? null,
      rank_score: Math.round(m.rankScore * 1000) / 1000,
      ...(m.fallback ? { fallback: true } : {}),
    })),
    reply: body,
  };
}
