import {
  type AddOptions,
  type Clock,
  inMemorySpace,
  isMemoryType,
  type Memory,
  type MemoryListOptions,
  type MemoryMetadata,
  type MemoryPage,
  type MemorySearchQuery,
  type MemorySpace,
  type MemoryStore,
  MemoryStoreError,
  type MemoryStoreErrorKind,
  type MemoryType,
  type MetadataValue,
  type NewMemory,
  PROVIDERS,
  pageOptions,
  spaceHoldsUnlabelled,
  type Turn,
  type UserDirectory,
  type UserPage,
} from '@agentic-memory/memory-core';
import type { MemoryClient } from 'mem0ai';

/** Metadata keys this store keeps for itself on every Mem0 memory (stripped on read). */
const TYPE_KEY = '_am_type';
const CREATED_KEY = '_am_created_at';
const EXPIRES_KEY = '_am_expires_at';
const OWN_KEYS = new Set([TYPE_KEY, CREATED_KEY, EXPIRES_KEY]);

export interface Mem0StoreOptions {
  readonly apiKey: string;
  /** Default `https://api.mem0.ai`. */
  readonly host?: string;
  readonly clock: Clock;
  /** Hard deadline of a hot-path call (search); the agent type's `recall_deadline_ms`. */
  readonly recallDeadlineMs?: number;
  /** Hard deadline of each ingestion-side call (add, delete, list). */
  readonly ingestDeadlineMs?: number;
  /** Attempts of an ingestion call on rate limits, 5xx and timeouts (the hot path never retries). */
  readonly ingestAttempts?: number;
  /** Backoff before retry n (1-based) is `backoffMs × 4^(n-1)`. */
  readonly backoffMs?: number;
}

interface Mem0Memory {
  id: string;
  memory?: string;
  metadata?: Record<string, MetadataValue> | null;
  createdAt?: string;
  expirationDate?: string | null;
  score?: number;
}

const clients = new Map<string, Promise<MemoryClient>>();
let sdkModule: Promise<typeof import('mem0ai')> | null = null;

/**
 * The SDK module, imported once, after `MEM0_TELEMETRY=false` is set (its telemetry switch is read
 * when it loads). Started when a store is constructed, so the first recall — under the call path's
 * 300 ms deadline — does not pay for loading it.
 */
function mem0Sdk(): Promise<typeof import('mem0ai')> {
  if (!sdkModule) {
    process.env.MEM0_TELEMETRY = 'false';
    const loading = import('mem0ai');
    sdkModule = loading;
    loading.catch(() => {
      if (sdkModule === loading) sdkModule = null;
    });
  }
  return sdkModule;
}

/** One client per (host, key) per container, created on first use. */
function clientFor(apiKey: string, host: string): Promise<MemoryClient> {
  const key = `${host}\u0000${apiKey}`;
  let client = clients.get(key);
  if (!client) {
    client = mem0Sdk().then(({ MemoryClient }) => new MemoryClient({ apiKey, host }));
    clients.set(key, client);
    client.catch(() => clients.delete(key));
  }
  return client;
}

/** Maps whatever the SDK (or fetch) throws to our MemoryStoreError. */
export function toMemoryStoreError(error: unknown): MemoryStoreError {
  if (error instanceof MemoryStoreError) return error;
  const e = error as { name?: string; errorCode?: string; message?: string };
  const byName: Record<string, MemoryStoreErrorKind> = {
    AuthenticationError: 'unauthorized',
    RateLimitError: 'rate_limited',
    NetworkError: 'unavailable',
    ValidationError: 'invalid',
    MemoryNotFoundError: 'invalid',
    MemoryQuotaExceededError: 'quota',
    ConfigurationError: 'invalid',
    TypeError: 'unavailable',
    DeadlineExceededError: 'timeout',
    TimeoutError: 'timeout',
    AbortError: 'timeout',
  };
  let kind: MemoryStoreErrorKind = (e?.name && byName[e.name]) || 'unknown';
  if (kind === 'unknown' && typeof e?.errorCode === 'string' && /^HTTP_5\d\d$/.test(e.errorCode)) kind = 'unavailable';
  return new MemoryStoreError(kind, `mem0: ${e?.message ?? String(error)}`, { cause: error });
}

function deadline<T>(ms: number, work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new MemoryStoreError('timeout', `mem0: no answer within ${ms} ms`)), ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new MemoryStoreError('timeout', 'mem0: aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(toMemoryStoreError(error));
      },
    );
  });
}

function dateOnly(iso: string): string {
  return iso.slice(0, 10);
}

function toMessages(turns: readonly Turn[]): { role: 'user' | 'assistant'; content: string }[] {
  return turns
    .filter((t) => (t.speaker === 'caller' || t.speaker === 'agent') && t.text.trim().length > 0)
    .map((t) => ({ role: t.speaker === 'caller' ? 'user' : 'assistant', content: t.text }));
}

/**
 * MemoryStore on the Mem0 platform through the `mem0ai` MemoryClient. Every call has a hard
 * deadline (the SDK has none); errors become MemoryStoreError; ingestion retries with backoff.
 *
 * Writing a call: the run (`run_id` = conversation id) is deleted first, so a retried ingestion
 * replaces instead of duplicating; the turns are added as user/assistant messages for Mem0's own
 * extraction (asynchronous: not searchable at once); the typed memories memory-core built are added
 * verbatim (`infer: false`), one add per memory type, with their metadata and `expiration_date` —
 * except our verbatim caller statements, which Mem0's extraction from the same turns replaces.
 */
export class Mem0MemoryStore implements MemoryStore, UserDirectory {
  private readonly host: string;
  private readonly recallDeadlineMs: number;
  private readonly ingestDeadlineMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: Mem0StoreOptions) {
    if (!options.apiKey) throw new Error('MEM0_API_KEY is required for the Mem0 memory store');
    this.host = (options.host ?? 'https://api.mem0.ai').replace(/\/+$/, '');
    this.recallDeadlineMs = options.recallDeadlineMs ?? 300;
    this.ingestDeadlineMs = options.ingestDeadlineMs ?? 15_000;
    this.attempts = Math.max(1, options.ingestAttempts ?? 3);
    this.backoffMs = options.backoffMs ?? 250;
    void mem0Sdk().catch(() => undefined);
  }

  private client(): Promise<MemoryClient> {
    return clientFor(this.options.apiKey, this.host);
  }

  /** An ingestion-side call: deadline per attempt, retried on rate limits, 5xx and timeouts. */
  private async ingestCall<T>(call: (client: MemoryClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const client = await this.client();
        return await deadline(this.ingestDeadlineMs, call(client), signal);
      } catch (error) {
        const mapped = toMemoryStoreError(error);
        if (!mapped.retryable || attempt >= this.attempts || signal?.aborted) throw mapped;
        await new Promise((r) => setTimeout(r, this.backoffMs * 4 ** (attempt - 1)));
      }
    }
  }

  async add(userId: string, memories: readonly NewMemory[], options: AddOptions = {}): Promise<void> {
    if (!userId) throw new Error('userId must not be empty');
    const conversation = options.conversation;
    const runId = conversation?.id ?? (memories[0]?.metadata.conversation_id as string | undefined) ?? undefined;
    if (runId) await this.ingestCall((c) => c.deleteAll({ userId, runId }), options.signal);
    const base: Record<string, MetadataValue> = {};
    for (const key of ['conversation_id', 'provider', 'agent_type', 'agent_id'] as const) {
      const value = memories[0]?.metadata[key];
      if (value !== undefined) base[key] = value;
    }
    const latestExpiry = memories
      .map((m) => m.expiresAt)
      .filter((e): e is string => e !== null)
      .sort()
      .at(-1);
    const messages = conversation ? toMessages(conversation.turns) : [];
    // Mem0 extracts its own memories from the turns: our verbatim caller statements would repeat them.
    const typed = messages.length > 0 ? memories.filter((m) => !(m.type === 'semantic' && m.metadata.source === 'transcript')) : memories;
    if (messages.length > 0) {
      const callTime = memories[0]?.createdAt;
      await this.ingestCall(
        (c) =>
          c.add(messages, {
            userId,
            runId,
            metadata: {
              ...base,
              [TYPE_KEY]: 'semantic',
              ...(callTime ? { [CREATED_KEY]: callTime } : {}),
              ...(latestExpiry ? { [EXPIRES_KEY]: latestExpiry } : {}),
            },
            ...(latestExpiry ? { expirationDate: dateOnly(latestExpiry) } : {}),
            ...(callTime ? { timestamp: Math.floor(Date.parse(callTime) / 1000) } : {}),
          }),
        options.signal,
      );
    }
    // One add per memory type (per call time and expiry, which a call's memories share).
    const groups = new Map<string, { type: MemoryType; group: NewMemory[] }>();
    for (const m of typed) {
      const key = `${m.type}|${m.createdAt}|${m.expiresAt}`;
      const entry = groups.get(key) ?? { type: m.type, group: [] };
      entry.group.push(m);
      groups.set(key, entry);
    }
    for (const { type, group } of groups.values()) {
      const metadata: Record<string, MetadataValue> = {};
      for (const m of group) Object.assign(metadata, m.metadata);
      const first = group[0] as NewMemory;
      const expiry = group
        .map((m) => m.expiresAt)
        .filter((e): e is string => e !== null)
        .sort()
        .at(-1);
      await this.ingestCall(
        (c) =>
          c.add(
            group.map((m) => ({ role: 'user' as const, content: m.text })),
            {
              userId,
              ...(runId ? { runId } : {}),
              infer: false,
              metadata: { ...metadata, [TYPE_KEY]: type, [CREATED_KEY]: first.createdAt, ...(expiry ? { [EXPIRES_KEY]: expiry } : {}) },
              ...(expiry ? { expirationDate: dateOnly(expiry) } : {}),
              timestamp: Math.floor(Date.parse(first.createdAt) / 1000),
            },
          ),
        options.signal,
      );
    }
  }

  async search(query: MemorySearchQuery): Promise<readonly Memory[]> {
    if (query.limit <= 0) return [];
    const conditions: Record<string, unknown>[] = [{ user_id: query.userId }, ...spaceConditions(query.space)];
    // Mem0 has no `in` on metadata: the types become an OR of equalities.
    if (query.types && query.types.length > 0) conditions.push({ OR: query.types.map((t) => ({ metadata: { [TYPE_KEY]: t } })) });
    if (query.createdAfter) conditions.push({ created_at: { gte: query.createdAfter } });
    if (query.createdBefore) conditions.push({ created_at: { lt: query.createdBefore } });
    const filters = conditions.length === 1 ? conditions[0] : { AND: conditions };
    const client = await deadline(this.recallDeadlineMs, this.client(), query.signal);
    const res = (await deadline(
      this.recallDeadlineMs,
      client.search(query.text.trim() || 'recent', { filters, topK: Math.min(query.limit, 1000), threshold: query.threshold ?? 0 }),
      query.signal,
    )) as unknown as { results?: Mem0Memory[] } | Mem0Memory[];
    const results = Array.isArray(res) ? res : (res.results ?? []);
    const now = this.options.clock.now();
    return results
      .map((r) => this.toMemory(r))
      .filter((m) => !this.expired(m, now) && (m.score ?? 1) >= (query.threshold ?? 0) && inSpace(m, query.space))
      .slice(0, query.limit);
  }

  async list(userId: string, options: MemoryListOptions = {}): Promise<MemoryPage> {
    const page = options.cursor ? Number(options.cursor) : 1;
    if (!Number.isInteger(page) || page < 1) throw new Error('invalid cursor');
    const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? 100)), 1000);
    const space = spaceConditions(options.space);
    const filters = space.length === 0 ? { user_id: userId } : { AND: [{ user_id: userId }, ...space] };
    const res = (await this.ingestCall((c) => c.getAll({ filters, page, pageSize }), options.signal)) as unknown as {
      results?: Mem0Memory[];
      next?: string | null;
    };
    const now = this.options.clock.now();
    const memories = (res.results ?? []).map((r) => this.toMemory(r)).filter((m) => !this.expired(m, now) && inSpace(m, options.space));
    return { memories, nextCursor: res.next ? String(page + 1) : null };
  }

  /** The project's users (`GET /v1/entities/`): entities of type user, named by their user id. */
  async listUsers(options: { page: number; pageSize: number; signal?: AbortSignal }): Promise<UserPage> {
    const { page, pageSize } = pageOptions(options);
    const res = (await this.ingestCall((c) => c.users({ page, pageSize }), options.signal)) as unknown as {
      count?: number;
      next?: string | null;
      results?: { id?: string; name?: string; type?: string; total_memories?: number; totalMemories?: number }[];
    };
    const users = (res.results ?? [])
      .filter((u) => (u.type ?? 'user') === 'user' && typeof (u.name ?? u.id) === 'string')
      .map((u) => ({ userId: (u.name ?? u.id) as string, memoryCount: u.total_memories ?? u.totalMemories ?? null }));
    return { users, total: typeof res.count === 'number' ? res.count : null, nextPage: res.next ? page + 1 : null };
  }

  async deleteUser(userId: string, signal?: AbortSignal): Promise<number> {
    if (!userId) throw new Error('deleteUser needs an explicit user id');
    const counted = (await this.ingestCall((c) => c.getAll({ filters: { user_id: userId }, page: 1, pageSize: 1 }), signal)) as unknown as {
      count?: number;
    };
    await this.ingestCall((c) => c.deleteAll({ userId }), signal);
    return counted.count ?? 0;
  }

  private expired(memory: Memory, now: number): boolean {
    return memory.expiresAt !== null && Date.parse(memory.expiresAt) <= now;
  }

  private toMemory(r: Mem0Memory): Memory {
    const raw = r.metadata ?? {};
    const metadata: Record<string, MetadataValue> = {};
    for (const [key, value] of Object.entries(raw)) if (!OWN_KEYS.has(key)) metadata[key] = value;
    const type = typeof raw[TYPE_KEY] === 'string' && isMemoryType(raw[TYPE_KEY]) ? raw[TYPE_KEY] : 'semantic';
    const createdAt = typeof raw[CREATED_KEY] === 'string' ? raw[CREATED_KEY] : (r.createdAt ?? new Date(0).toISOString());
    const expiresAt =
      typeof raw[EXPIRES_KEY] === 'string' ? raw[EXPIRES_KEY] : r.expirationDate ? `${r.expirationDate}T23:59:59.999Z` : null;
    const memory: Memory = { id: r.id, text: r.memory ?? '', type, createdAt, expiresAt, metadata: metadata as MemoryMetadata };
    return typeof r.score === 'number' ? { ...memory, score: Math.max(0, Math.min(1, r.score)) } : memory;
  }
}

/**
 * Mem0 filter conditions keeping one memory space. Mem0 metadata filters have equality and NOT
 * but no `in` and no "field missing": a space holding the seed system's unlabelled memories
 * (ElevenLabs') excludes every other platform; any other space is an OR of its platforms.
 * Results are checked again on our side (inSpace), whatever the filter matched.
 */
function spaceConditions(space: MemorySpace | null | undefined): Record<string, unknown>[] {
  if (!space) return [];
  if (spaceHoldsUnlabelled(space)) {
    return PROVIDERS.filter((p) => !space.providers.includes(p)).map((p) => ({ NOT: [{ metadata: { provider: p } }] }));
  }
  const each = space.providers.map((p) => ({ metadata: { provider: p } }));
  return each.length === 1 ? each : [{ OR: each }];
}

function inSpace(memory: Memory, space: MemorySpace | null | undefined): boolean {
  return !space || inMemorySpace(memory, space);
}
