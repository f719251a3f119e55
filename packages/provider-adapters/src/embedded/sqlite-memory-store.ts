import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  type AddOptions,
  type Clock,
  type Memory,
  type MemoryListOptions,
  type MemoryMetadata,
  type MemoryPage,
  type MemorySearchQuery,
  type MemorySpace,
  type MemoryStore,
  type MemoryType,
  type NewMemory,
  pageOptions,
  UNLABELLED_MEMORY_PROVIDER,
  type UserDirectory,
  type UserPage,
} from '@agentic-memory/memory-core';
import { ftsMatchExpression, queryTerms, termPrefix } from './fts-query';
import { openSqlite, transaction } from './sqlite-database';

interface MemoryRow {
  rowid: number;
  id: string;
  text: string;
  type: string;
  created_at: string;
  created_ms: number;
  expires_at: string | null;
  metadata: string;
  rank?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS memories (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_at TEXT,
  expires_ms INTEGER,
  metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memories_user_created ON memories (user_id, created_ms DESC);
CREATE VIRTUAL TABLE IF NOT EXISTS memories_fts USING fts5(text, content='memories', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER IF NOT EXISTS memories_ai AFTER INSERT ON memories BEGIN
  INSERT INTO memories_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS memories_ad AFTER DELETE ON memories BEGIN
  INSERT INTO memories_fts(memories_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS memories_au AFTER UPDATE OF text ON memories BEGIN
  INSERT INTO memories_fts(memories_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO memories_fts(rowid, text) VALUES (new.rowid, new.text);
END;
`;

const COLUMNS = 'm.rowid AS rowid, m.id, m.text, m.type, m.created_at, m.created_ms, m.expires_at, m.metadata';

function toMemory(row: MemoryRow, score?: number): Memory {
  const memory: Memory = {
    id: row.id,
    text: row.text,
    type: row.type as MemoryType,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    metadata: JSON.parse(row.metadata) as MemoryMetadata,
  };
  return score === undefined ? memory : { ...memory, score };
}

function encodeCursor(row: MemoryRow): string {
  return Buffer.from(`${row.created_ms}:${row.rowid}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdMs: number; rowid: number } {
  const [ms, rowid] = Buffer.from(cursor, 'base64url').toString().split(':').map(Number);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(rowid)) throw new Error('invalid cursor');
  return { createdMs: ms as number, rowid: rowid as number };
}

/** A memory's platform as the SQL sees it: its `provider` metadata, or the seed system's when it has none. */
const PROVIDER_SQL = `CASE WHEN json_type(m.metadata, '$.provider') = 'text' AND json_extract(m.metadata, '$.provider') <> ''
  THEN json_extract(m.metadata, '$.provider') ELSE '${UNLABELLED_MEMORY_PROVIDER}' END`;

/** The WHERE clause (and its parameters) keeping one memory space's memories; none for every space. */
function spaceFilter(space: MemorySpace | null | undefined): { clause: string | null; params: Record<string, string> } {
  if (!space) return { clause: null, params: {} };
  const params = Object.fromEntries(space.providers.map((p, i) => [`$space${i}`, p]));
  return { clause: `${PROVIDER_SQL} IN (${Object.keys(params).join(', ')})`, params };
}

function checkSignal(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * MemoryStore on Node's built-in SQLite: FTS5 with porter stemming for recall, BM25 for
 * relevance, one database file (WAL). Scores are in [0, 1]: half the share of the query's
 * content words the memory contains, half its BM25 relative to the best candidate.
 */
export class SqliteMemoryStore implements MemoryStore, UserDirectory {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly deleteUserStmt: StatementSync;
  private readonly deleteConversationStmt: StatementSync;

  constructor(
    path: string,
    private readonly clock: Clock,
  ) {
    this.db = openSqlite(path);
    this.db.exec(SCHEMA);
    this.upsert = this.db.prepare(`
      INSERT INTO memories (id, user_id, text, type, created_at, created_ms, expires_at, expires_ms, metadata)
      VALUES ($id, $user_id, $text, $type, $created_at, $created_ms, $expires_at, $expires_ms, $metadata)
      ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, text = excluded.text, type = excluded.type,
        created_at = excluded.created_at, created_ms = excluded.created_ms, expires_at = excluded.expires_at,
        expires_ms = excluded.expires_ms, metadata = excluded.metadata`);
    this.deleteUserStmt = this.db.prepare('DELETE FROM memories WHERE user_id = ?');
    this.deleteConversationStmt = this.db.prepare(
      "DELETE FROM memories WHERE user_id = ? AND json_extract(metadata, '$.conversation_id') = ?",
    );
  }

  async add(userId: string, memories: readonly NewMemory[], options: AddOptions = {}): Promise<void> {
    checkSignal(options.signal);
    if (userId.length === 0) throw new Error('userId must not be empty');
    for (const m of memories) {
      if (Number.isNaN(Date.parse(m.createdAt))) throw new Error(`memory ${m.id}: createdAt is not a date`);
      if (m.expiresAt !== null && Number.isNaN(Date.parse(m.expiresAt))) throw new Error(`memory ${m.id}: expiresAt is not a date`);
    }
    const conversationId = options.conversation?.id;
    transaction(this.db, () => {
      // Re-ingesting a conversation replaces what it wrote before, even if the rules changed.
      if (conversationId) this.deleteConversationStmt.run(userId, conversationId);
      for (const m of memories) {
        this.upsert.run({
          $id: m.id,
          $user_id: userId,
          $text: m.text,
          $type: m.type,
          $created_at: m.createdAt,
          $created_ms: Date.parse(m.createdAt),
          $expires_at: m.expiresAt,
          $expires_ms: m.expiresAt === null ? null : Date.parse(m.expiresAt),
          $metadata: JSON.stringify(m.metadata),
        });
      }
    });
  }

  async search(query: MemorySearchQuery): Promise<readonly Memory[]> {
    checkSignal(query.signal);
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0) return [];
    const terms = queryTerms(query.text);
    const match = ftsMatchExpression(terms);
    const { where, params } = this.filters(query);
    if (match === null) {
      // Nothing to match on ("tell me about them"): the newest memories, with a neutral score.
      const rows = this.db
        .prepare(`SELECT ${COLUMNS} FROM memories m WHERE ${where} ORDER BY m.created_ms DESC, m.rowid DESC LIMIT $limit`)
        .all({ ...params, $limit: limit }) as unknown as MemoryRow[];
      const neutral = 0.5;
      return neutral < (query.threshold ?? 0) ? [] : rows.map((r) => toMemory(r, neutral));
    }
    const candidates = this.db
      .prepare(
        `SELECT ${COLUMNS}, bm25(memories_fts) AS rank FROM memories_fts JOIN memories m ON m.rowid = memories_fts.rowid
         WHERE memories_fts MATCH $match AND ${where} ORDER BY rank LIMIT $candidates`,
      )
      .all({ ...params, $match: match, $candidates: Math.max(limit * 5, 50) }) as unknown as MemoryRow[];
    if (candidates.length === 0) return [];
    const best = Math.max(...candidates.map((r) => -(r.rank ?? 0)), Number.EPSILON);
    const scored = candidates.map((row) => {
      const words = new Set((row.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
      const covered =
        terms.filter((t) => {
          if (words.has(stem(t))) return true;
          const prefix = termPrefix(t);
          return prefix !== null && [...words].some((w) => w.startsWith(prefix));
        }).length / terms.length;
      const relevance = 0.5 * covered + 0.5 * (-(row.rank ?? 0) / best);
      return { row, score: Math.min(1, Math.max(0, relevance)) };
    });
    return scored
      .filter((s) => s.score >= (query.threshold ?? 0))
      .sort((a, b) => b.score - a.score || b.row.created_ms - a.row.created_ms)
      .slice(0, limit)
      .map((s) => toMemory(s.row, Math.round(s.score * 1e4) / 1e4));
  }

  async list(userId: string, options: MemoryListOptions = {}): Promise<MemoryPage> {
    checkSignal(options.signal);
    const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? 100)), 1000);
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const space = spaceFilter(options.space);
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM memories m
         WHERE m.user_id = $user AND (m.expires_ms IS NULL OR m.expires_ms > $now)${space.clause ? ` AND ${space.clause}` : ''}
           AND ($after_ms IS NULL OR m.created_ms < $after_ms OR (m.created_ms = $after_ms AND m.rowid < $after_rowid))
         ORDER BY m.created_ms DESC, m.rowid DESC LIMIT $limit`,
      )
      .all({
        ...space.params,
        $user: userId,
        $now: this.clock.now(),
        $after_ms: after?.createdMs ?? null,
        $after_rowid: after?.rowid ?? null,
        $limit: pageSize + 1,
      }) as unknown as MemoryRow[];
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return { memories: page.map((r) => toMemory(r)), nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
  }

  async listUsers(options: { page: number; pageSize: number; signal?: AbortSignal }): Promise<UserPage> {
    checkSignal(options.signal);
    const { page, pageSize } = pageOptions(options);
    const total = Number((this.db.prepare('SELECT COUNT(DISTINCT user_id) AS n FROM memories').get() as { n: number }).n);
    const rows = this.db
      .prepare('SELECT user_id, COUNT(*) AS n FROM memories GROUP BY user_id ORDER BY user_id LIMIT $limit OFFSET $offset')
      .all({ $limit: pageSize, $offset: (page - 1) * pageSize }) as unknown as { user_id: string; n: number }[];
    return {
      users: rows.map((r) => ({ userId: r.user_id, memoryCount: Number(r.n) })),
      total,
      nextPage: page * pageSize < total ? page + 1 : null,
    };
  }

  async deleteUser(userId: string, signal?: AbortSignal): Promise<number> {
    checkSignal(signal);
    return Number(this.deleteUserStmt.run(userId).changes);
  }

  close(): void {
    this.db.close();
  }

  private filters(query: MemorySearchQuery): { where: string; params: Record<string, string | number | null> } {
    const clauses = ['m.user_id = $user', '(m.expires_ms IS NULL OR m.expires_ms > $now)'];
    const space = spaceFilter(query.space);
    const params: Record<string, string | number | null> = { ...space.params, $user: query.userId, $now: this.clock.now() };
    if (space.clause) clauses.push(space.clause);
    if (query.types && query.types.length > 0) {
      clauses.push(`m.type IN (${query.types.map((_, i) => `$type${i}`).join(', ')})`);
      query.types.forEach((t, i) => {
        params[`$type${i}`] = t;
      });
    }
    if (query.createdAfter) {
      clauses.push('m.created_ms >= $after');
      params.$after = parseDate(query.createdAfter, 'createdAfter');
    }
    if (query.createdBefore) {
      clauses.push('m.created_ms < $before');
      params.$before = parseDate(query.createdBefore, 'createdBefore');
    }
    return { where: clauses.join(' AND '), params };
  }
}

function parseDate(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`${what} is not a date: ${iso.slice(0, 40)}`);
  return ms;
}

/** A light suffix stripper matching the porter tokenizer closely enough to count covered terms. */
function stem(word: string): string {
  return word.replace(/(ing|ed|es|s|ly|er|ers|ment|ation)$/u, '') || word;
}
