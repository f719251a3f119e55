/**
 * A loopback HTTP server that speaks the Mem0 platform REST API the way the vendor documents it
 * (paths, `Authorization: Token <key>`, snake_case JSON, asynchronous `add` with an event id for
 * inferred memories, paginated lists, filters with AND/OR/NOT), with injectable faults (401, 429,
 * 5xx, slow replies) and a log of every request. The Mem0 adapter's contract tests run against it,
 * and `pnpm start` can use it as a stand-in Mem0 project on a machine with no internet. It is a
 * protocol peer for tests and local runs, never part of a deployment.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonLoopbackServer } from './json-loopback-server';

export interface StoredMemory {
  id: string;
  memory: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  expiration_date: string | null;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

interface Fault {
  status: number;
  delayMs: number;
  remaining: number;
  match?: (req: RecordedRequest) => boolean;
}

const STOPWORDS = new Set(
  'a an and are as at be by did do does for from had has have her his how i in is it its me my of on or our she should so that the their them they this to was we were what when where which who why will with would you your about any tell know remember caller customer user'.split(
    ' ',
  ),
);

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s|ly|er|ers)$/u, '') || word;
}

function terms(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOPWORDS.has(w)).map(stem))];
}

function entityValue(m: StoredMemory, field: string): string | null {
  return (m as unknown as Record<string, string | null>)[field] ?? null;
}

/** Evaluates a Mem0 v2/v3 filter object against one memory. */
export function matchesFilter(m: StoredMemory, filter: unknown): boolean {
  if (filter === null || typeof filter !== 'object') return true;
  const f = filter as Record<string, unknown>;
  for (const [key, condition] of Object.entries(f)) {
    if (key === 'AND') {
      if (!(condition as unknown[]).every((c) => matchesFilter(m, c))) return false;
    } else if (key === 'OR') {
      if (!(condition as unknown[]).some((c) => matchesFilter(m, c))) return false;
    } else if (key === 'NOT') {
      if ((condition as unknown[]).some((c) => matchesFilter(m, c))) return false;
    } else if (['user_id', 'agent_id', 'run_id', 'app_id'].includes(key)) {
      const value = entityValue(m, key);
      if (condition === '*') {
        if (value === null) return false;
      } else if (typeof condition === 'object' && condition !== null) {
        const c = condition as { in?: string[]; ne?: string };
        if (c.in && !c.in.includes(value ?? '')) return false;
        if (c.ne !== undefined && value === c.ne) return false;
      } else if (value !== condition) return false;
    } else if (key === 'created_at' || key === 'updated_at') {
      const at = Date.parse(key === 'created_at' ? m.created_at : m.updated_at);
      const c = condition as { gt?: string; gte?: string; lt?: string; lte?: string };
      if (c.gt && !(at > Date.parse(c.gt))) return false;
      if (c.gte && !(at >= Date.parse(c.gte))) return false;
      if (c.lt && !(at < Date.parse(c.lt))) return false;
      if (c.lte && !(at <= Date.parse(c.lte))) return false;
    } else if (key === 'metadata') {
      for (const [mk, mv] of Object.entries(condition as Record<string, unknown>)) {
        if (m.metadata?.[mk] !== mv) return false;
      }
    } else {
      throw Object.assign(new Error(`unsupported filter field ${key}`), { status: 400 });
    }
  }
  return true;
}

export class Mem0ContractServer extends JsonLoopbackServer {
  readonly requests: RecordedRequest[] = [];
  readonly memories: StoredMemory[] = [];
  /** How long inferred memories take to appear after an asynchronous add. */
  inferDelayMs = 20;
  private readonly faults: Fault[] = [];
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(
    readonly apiKey = 'm0-contract-test-key',
    /** The server's idea of now (expiration dates and default timestamps follow it). */
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** The next `times` requests (matching `match`, if given) fail with `status`. */
  fail(status: number, times = 1, match?: (req: RecordedRequest) => boolean): void {
    this.faults.push({ status, delayMs: 0, remaining: times, match });
  }

  /** The next `times` requests (matching `match`) are answered after `delayMs`. */
  delay(delayMs: number, times = 1, match?: (req: RecordedRequest) => boolean): void {
    this.faults.push({ status: 0, delayMs, remaining: times, match });
  }

  protected override beforeStop(): void {
    for (const t of this.pending) clearTimeout(t);
  }

  /** Requests to a path (method optional), in order. */
  calls(path: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path && (!method || r.method === method));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await this.readJson(req, res, 'http://mem0');
    if (!read) return;
    const { url, body } = read;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.match || f.match(recorded)));
    if (fault) {
      fault.remaining -= 1;
      if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status > 0) {
        const bodies: Record<number, unknown> = { 401: { detail: 'Invalid API key' }, 429: { detail: 'Rate limit exceeded' } };
        return this.reply(res, fault.status, bodies[fault.status] ?? { detail: `server error ${fault.status}` });
      }
    }
    if (req.headers.authorization !== `Token ${this.apiKey}`) return this.reply(res, 401, { detail: 'Invalid API key' });
    try {
      const [status, payload] = this.route(recorded);
      return this.reply(res, status, payload);
    } catch (error) {
      return this.reply(res, (error as { status?: number }).status ?? 500, { detail: (error as Error).message });
    }
  }

  private visible(m: StoredMemory, showExpired: boolean): boolean {
    return showExpired || m.expiration_date === null || m.expiration_date >= new Date(this.now()).toISOString().slice(0, 10);
  }

  private route(r: RecordedRequest): [number, unknown] {
    const b = (r.body ?? {}) as Record<string, unknown>;
    const key = `${r.method} ${r.path}`;
    if (key === 'GET /v1/ping/')
      return [200, { status: 'ok', org_id: 'org_contract', project_id: 'proj_contract', user_email: 'contract@example.invalid' }];
    if (key === 'POST /v3/memories/add/') return this.add(b);
    if (key === 'POST /v3/memories/search/') {
      for (const id of ['user_id', 'agent_id', 'app_id', 'run_id']) if (id in b) return [400, { detail: `${id} must be inside filters` }];
      if (typeof b.query !== 'string' || b.query.length === 0) return [400, { detail: 'query is required' }];
      const q = terms(b.query);
      const threshold = typeof b.threshold === 'number' ? b.threshold : 0.1;
      const topK = typeof b.top_k === 'number' ? b.top_k : 10;
      const scored = this.memories
        .filter((m) => this.visible(m, b.show_expired === true) && matchesFilter(m, b.filters))
        .map((m) => {
          const words = new Set(terms(m.memory));
          const covered = q.length === 0 ? 0.5 : q.filter((t) => words.has(t)).length / q.length;
          return { ...m, score: Math.round(covered * 1000) / 1000 };
        })
        .filter((m) => m.score >= threshold)
        .sort((a, b2) => b2.score - a.score || b2.created_at.localeCompare(a.created_at))
        .slice(0, topK);
      return [200, { results: scored }];
    }
    if (key === 'POST /v3/memories/') {
      if (!b.filters) return [400, { detail: 'filters are required' }];
      const page = Number(r.query.page ?? '1');
      const size = Number(r.query.page_size ?? '100');
      const all = this.memories
        .filter((m) => this.visible(m, b.show_expired === true) && matchesFilter(m, b.filters))
        .sort((a, c) => c.created_at.localeCompare(a.created_at));
      const results = all.slice((page - 1) * size, page * size);
      return [
        200,
        {
          count: all.length,
          next: page * size < all.length ? `page=${page + 1}` : null,
          previous: page > 1 ? `page=${page - 1}` : null,
          results,
        },
      ];
    }
    if (key === 'DELETE /v1/memories/') {
      const fields = ['user_id', 'agent_id', 'app_id', 'run_id'].filter((f) => r.query[f]);
      if (fields.length === 0) return [400, { detail: 'At least one filter is required to delete all memories' }];
      for (let i = this.memories.length - 1; i >= 0; i -= 1) {
        const m = this.memories[i] as StoredMemory;
        if (fields.every((f) => entityValue(m, f) === r.query[f])) this.memories.splice(i, 1);
      }
      return [200, { message: 'Memories deleted successfully!' }];
    }
    if (key === 'GET /v1/entities/') {
      const users = new Map<string, StoredMemory[]>();
      for (const m of this.memories) if (m.user_id) users.set(m.user_id, [...(users.get(m.user_id) ?? []), m]);
      const page = Number(r.query.page ?? '1');
      const size = Number(r.query.page_size ?? '100');
      const all = [...users.entries()].sort((a, c) => a[0].localeCompare(c[0]));
      const results = all.slice((page - 1) * size, page * size).map(([name, ms]) => ({
        id: name,
        name,
        type: 'user',
        total_memories: ms.length,
        created_at: ms.map((m) => m.created_at).sort()[0],
        updated_at: ms
          .map((m) => m.updated_at)
          .sort()
          .at(-1),
      }));
      return [200, { count: all.length, next: page * size < all.length ? `page=${page + 1}` : null, previous: null, results }];
    }
    const entity = /^\/v2\/entities\/(user|agent|app|run)\/([^/]+)\/$/.exec(r.path);
    if (r.method === 'DELETE' && entity) {
      const field = `${entity[1]}_id`;
      const name = decodeURIComponent(entity[2] ?? '');
      for (let i = this.memories.length - 1; i >= 0; i -= 1)
        if (entityValue(this.memories[i] as StoredMemory, field) === name) this.memories.splice(i, 1);
      return [204, {}];
    }
    return [404, { detail: `no route ${key}` }];
  }

  private add(b: Record<string, unknown>): [number, unknown] {
    const messages = b.messages;
    if (!Array.isArray(messages) || messages.length === 0) return [400, { detail: 'messages must be a non-empty list' }];
    if (!['user_id', 'agent_id', 'app_id', 'run_id'].some((k) => typeof b[k] === 'string'))
      return [400, { detail: 'one of user_id, agent_id, app_id, run_id is required' }];
    if (b.expiration_date !== undefined && b.expiration_date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.expiration_date))) {
      return [400, { detail: 'expiration_date must be YYYY-MM-DD' }];
    }
    const created = new Date(typeof b.timestamp === 'number' ? b.timestamp * 1000 : this.now()).toISOString();
    const make = (content: string): StoredMemory => ({
      id: randomUUID(),
      memory: content,
      user_id: (b.user_id as string) ?? null,
      agent_id: (b.agent_id as string) ?? null,
      run_id: (b.run_id as string) ?? null,
      metadata: (b.metadata as Record<string, unknown>) ?? null,
      created_at: created,
      updated_at: created,
      expiration_date: (b.expiration_date as string) ?? null,
    });
    const contents = (messages as { role?: string; content?: unknown }[]).filter(
      (m) => m.role !== 'system' && typeof m.content === 'string',
    );
    if (b.infer === false) {
      const stored = contents.map((m) => make(m.content as string));
      this.memories.push(...stored);
      return [200, { message: 'ok', results: stored.map((m) => ({ id: m.id, data: { memory: m.memory }, event: 'ADD' })) }];
    }
    // Inference is asynchronous on the platform: facts appear later, attributed to the user.
    const eventId = randomUUID();
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      for (const m of contents) if (m.role === 'user') this.memories.push(make(m.content as string));
    }, this.inferDelayMs);
    this.pending.add(timer);
    return [200, { event_id: eventId, status: 'PENDING' }];
  }
}
