import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  type AddOptions,
  type Clock,
  type Memory,
  type MemoryMetadata,
  type MemoryPage,
  type MemorySearchQuery,
  type MemoryStore,
  type MemoryType,
  type NewMemory,
  pageOptions,
  type UserDirectory,
  type UserPage,
} from '@agentic-memory/memory-core';
import { queryTerms, STOPWORDS } from './fts-query';
import { type Lexicon, PLAIN_LEXICON, wordsOf } from './lexicon';
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
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
DROP TRIGGER IF EXISTS memories_ai;
DROP TRIGGER IF EXISTS memories_ad;
DROP TRIGGER IF EXISTS memories_au;
DROP TABLE IF EXISTS memories_fts;
CREATE VIRTUAL TABLE IF NOT EXISTS memory_terms USING fts5(lemmas, concepts, tokenize="unicode61 remove_diacritics 2 tokenchars '_'");
CREATE TRIGGER IF NOT EXISTS memory_terms_ad AFTER DELETE ON memories BEGIN
  DELETE FROM memory_terms WHERE rowid = old.rowid;
END;
`;
/** Bumped when what is indexed changes; with the lexicon's id it decides whether a file is re-indexed on open. */
const INDEX_VERSION = 'terms-2';

/** How a stored text is indexed: its words' lemmas (and known compounds), and the broader terms of its nouns. */
export function indexTerms(text: string, lexicon: Lexicon): { lemmas: string; concepts: string } {
  const words = wordsOf(text);
  const lemmas = new Set<string>();
  const concepts = new Set<string>();
  words.forEach((word, i) => {
    for (const lemma of lexicon.lemmas(word)) {
      lemmas.add(lemma);
      if (!STOPWORDS.has(word)) for (const b of lexicon.broader(lemma)) concepts.add(b);
    }
    const next = words[i + 1];
    if (next !== undefined) {
      const compound = `${word}_${next}`;
      if (lexicon.isCompound(compound)) {
        lemmas.add(compound);
        for (const b of lexicon.broader(compound)) concepts.add(b);
      }
    }
  });
  for (const l of lemmas) concepts.delete(l);
  return { lemmas: [...lemmas].join(' '), concepts: [...concepts].join(' ') };
}

/** One query word and every term that finds it, with how much a match counts (1 for its own lemmas). */
interface QueryConcept {
  readonly word: string;
  readonly terms: ReadonlyMap<string, number>;
}

export function queryConcepts(text: string, lexicon: Lexicon): QueryConcept[] {
  const words = queryTerms(text);
  const concepts: QueryConcept[] = [];
  words.forEach((word, i) => {
    const terms = new Map<string, number>();
    for (const lemma of lexicon.lemmas(word)) {
      terms.set(lemma, 1);
      for (const [related, weight] of lexicon.related(lemma)) if (!terms.has(related)) terms.set(related, weight);
    }
    const next = words[i + 1];
    if (next !== undefined && lexicon.isCompound(`${word}_${next}`)) terms.set(`${word}_${next}`, 1);
    concepts.push({ word, terms });
  });
  return concepts;
}

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

function checkSignal(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * MemoryStore on Node's built-in SQLite, one database file (WAL). Recall: each memory is indexed
 * under its words' lemmas and its nouns' broader terms (FTS5, diacritics folded); a query's words
 * also find their lemmas, synonyms and related terms (the lexicon). Relevance in [0, 1] is how
 * much of the query a memory covers, each query word weighted by how rare it is among this
 * caller's memories (so one incidental shared word does not decide) and by how it matched (own
 * lemma 1, synonym 0.75, related 0.5, broader term of the memory 0.6). When nothing matches, the
 * caller's most recent distilled memories come back marked `fallback`. A file indexed by another
 * version or lexicon is re-indexed when opened.
 */
export class SqliteMemoryStore implements MemoryStore, UserDirectory {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly deleteTerms: StatementSync;
  private readonly insertTerms: StatementSync;
  private readonly deleteUserStmt: StatementSync;
  private readonly deleteConversationStmt: StatementSync;
  private readonly lexicon: Lexicon;

  constructor(
    path: string,
    private readonly clock: Clock,
    options: { readonly lexicon?: Lexicon } = {},
  ) {
    this.lexicon = options.lexicon ?? PLAIN_LEXICON;
    this.db = openSqlite(path);
    this.db.exec(SCHEMA);
    this.upsert = this.db.prepare(`
      INSERT INTO memories (id, user_id, text, type, created_at, created_ms, expires_at, expires_ms, metadata)
      VALUES ($id, $user_id, $text, $type, $created_at, $created_ms, $expires_at, $expires_ms, $metadata)
      ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, text = excluded.text, type = excluded.type,
        created_at = excluded.created_at, created_ms = excluded.created_ms, expires_at = excluded.expires_at,
        expires_ms = excluded.expires_ms, metadata = excluded.metadata
      RETURNING rowid`);
    this.deleteTerms = this.db.prepare('DELETE FROM memory_terms WHERE rowid = ?');
    this.insertTerms = this.db.prepare('INSERT INTO memory_terms (rowid, lemmas, concepts) VALUES (?, ?, ?)');
    this.deleteUserStmt = this.db.prepare('DELETE FROM memories WHERE user_id = ?');
    this.deleteConversationStmt = this.db.prepare(
      "DELETE FROM memories WHERE user_id = ? AND json_extract(metadata, '$.conversation_id') = ?",
    );
    this.reindexIfNeeded();
  }

  /** Re-indexes every memory when the file was indexed by another index version or lexicon (or by an older release). */
  private reindexIfNeeded(): void {
    const wanted = `${INDEX_VERSION}:${this.lexicon.id}`;
    const row = this.db.prepare("SELECT value FROM store_meta WHERE key = 'index'").get() as { value: string } | undefined;
    if (row?.value === wanted) return;
    transaction(this.db, () => {
      this.db.exec('DELETE FROM memory_terms');
      const rows = this.db.prepare('SELECT rowid, text FROM memories').all() as unknown as { rowid: number; text: string }[];
      for (const r of rows) this.index(r.rowid, r.text);
      this.db
        .prepare("INSERT INTO store_meta (key, value) VALUES ('index', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(wanted);
    });
  }

  private index(rowid: number, text: string): void {
    const { lemmas, concepts } = indexTerms(text, this.lexicon);
    this.deleteTerms.run(rowid);
    this.insertTerms.run(rowid, lemmas, concepts);
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
        const row = this.upsert.get({
          $id: m.id,
          $user_id: userId,
          $text: m.text,
          $type: m.type,
          $created_at: m.createdAt,
          $created_ms: Date.parse(m.createdAt),
          $expires_at: m.expiresAt,
          $expires_ms: m.expiresAt === null ? null : Date.parse(m.expiresAt),
          $metadata: JSON.stringify(m.metadata),
        }) as { rowid: number };
        this.index(Number(row.rowid), m.text);
      }
    });
  }

  async search(query: MemorySearchQuery): Promise<readonly Memory[]> {
    checkSignal(query.signal);
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0) return [];
    const { where, params } = this.filters(query);
    // The caller's own name in a question about the caller says nothing about which memory answers it.
    const own = new Set(wordsOf(this.callerName(query.userId) ?? ''));
    const concepts = queryConcepts(query.text, this.lexicon).filter((c) => !own.has(c.word));
    const threshold = query.threshold ?? 0;
    const matched = concepts.length === 0 ? [] : this.matching(concepts, where, params, threshold);
    if (matched.length > 0) return matched.slice(0, limit);
    return this.fallback(where, params, limit);
  }

  /** The newest name the caller's memories state, if any. */
  private callerName(userId: string): string | null {
    const row = this.db
      .prepare(
        `SELECT json_extract(metadata, '$.name') AS name FROM memories
         WHERE user_id = ? AND json_extract(metadata, '$.name') IS NOT NULL ORDER BY created_ms DESC LIMIT 1`,
      )
      .get(userId) as { name: unknown } | undefined;
    return typeof row?.name === 'string' ? row.name : null;
  }

  /** Memories that match the query's concepts, scored, best first; the same text said twice comes back once (the newest). */
  private matching(
    concepts: readonly QueryConcept[],
    where: string,
    params: Record<string, string | number | null>,
    threshold: number,
  ): Memory[] {
    const allTerms = new Set(concepts.flatMap((c) => [...c.terms.keys()]));
    const match = `{lemmas concepts} : (${[...allTerms].map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ')})`;
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS}, t.lemmas AS lemmas, t.concepts AS concepts FROM memory_terms t JOIN memories m ON m.rowid = t.rowid
         WHERE memory_terms MATCH $match AND ${where} LIMIT 2000`,
      )
      .all({ ...params, $match: match }) as unknown as (MemoryRow & { lemmas: string; concepts: string })[];
    if (rows.length === 0) return [];
    const total = Number((this.db.prepare(`SELECT COUNT(*) AS n FROM memories m WHERE ${where}`).get(params) as { n: number }).n);
    const docs = rows.map((r) => ({ row: r, lemmas: new Set(r.lemmas.split(' ')), concepts: new Set(r.concepts.split(' ')) }));
    // How rare each query word is among this caller's memories (any of its terms counts).
    const weights = concepts.map((c) => {
      const df = docs.filter((d) => [...c.terms.keys()].some((t) => d.lemmas.has(t) || d.concepts.has(t))).length;
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    });
    const possible = weights.reduce((a, b) => a + b, 0) || 1;
    const scored = docs.map((d) => {
      let got = 0;
      concepts.forEach((c, i) => {
        let best = 0;
        for (const [term, w] of c.terms) {
          if (d.lemmas.has(term)) best = Math.max(best, w);
          else if (d.concepts.has(term)) best = Math.max(best, w * 0.6);
        }
        got += best * (weights[i] ?? 0);
      });
      // Shorter memories that say the same are a little better answers.
      const length = d.lemmas.size;
      const score = (got / possible) * (1 / (1 + Math.max(0, length - 40) / 200));
      return { row: d.row, score: Math.min(1, Math.max(0, score)) };
    });
    const seen = new Set<string>();
    return scored
      .filter((s) => s.score > 0 && s.score >= threshold)
      .sort((a, b) => b.score - a.score || b.row.created_ms - a.row.created_ms)
      .filter((s) => {
        const key = s.row.text.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((s) => toMemory(s.row, Math.round(s.score * 1e4) / 1e4));
  }

  /** Nothing matched: the caller's most recent distilled memories (not the raw transcript layer), marked as such. */
  private fallback(where: string, params: Record<string, string | number | null>, limit: number): Memory[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM memories m WHERE ${where} AND coalesce(json_extract(m.metadata, '$.layer'), '') <> 'transcript'
         ORDER BY m.created_ms DESC, m.rowid DESC LIMIT $limit`,
      )
      .all({ ...params, $limit: limit }) as unknown as MemoryRow[];
    return rows.map((r) => ({ ...toMemory(r, 0), fallback: true }));
  }

  async list(userId: string, options: { cursor?: string | null; pageSize?: number; signal?: AbortSignal } = {}): Promise<MemoryPage> {
    checkSignal(options.signal);
    const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? 100)), 1000);
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM memories m
         WHERE m.user_id = $user AND (m.expires_ms IS NULL OR m.expires_ms > $now)
           AND ($after_ms IS NULL OR m.created_ms < $after_ms OR (m.created_ms = $after_ms AND m.rowid < $after_rowid))
         ORDER BY m.created_ms DESC, m.rowid DESC LIMIT $limit`,
      )
      .all({
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
    const params: Record<string, string | number | null> = { $user: query.userId, $now: this.clock.now() };
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
