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
import { ANSWER_TAGS, answerTags, asksForProblem, moneyIntent, numberTerms, questionIntents } from './answer-types';
import { englishFor } from './cross-lingual';
import { STOPWORDS } from './fts-query';
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
`;
/**
 * The search index: lemmas and broader terms of the text, and its context: the lemmas of what the
 * agent had asked (`metadata.asked`) and what is true of the whole memory (a call's summary is
 * what the call was about).
 */
const TERMS_SCHEMA = `
CREATE VIRTUAL TABLE IF NOT EXISTS memory_terms USING fts5(lemmas, concepts, context, tokenize="unicode61 remove_diacritics 2 tokenchars '_'");
CREATE TRIGGER IF NOT EXISTS memory_terms_ad AFTER DELETE ON memories BEGIN
  DELETE FROM memory_terms WHERE rowid = old.rowid;
END;
`;
/** Bumped when what is indexed changes; with the lexicon's id it decides whether a file is re-indexed on open. */
const INDEX_VERSION = 'terms-19';

/** How a stored text is indexed: its words' lemmas (and known compounds), and the broader terms of its nouns. */
export function indexTerms(text: string, lexicon: Lexicon): { lemmas: string; concepts: string } {
  const words = wordsOf(text);
  const lemmas = new Set<string>();
  const concepts = new Set<string>();
  words.forEach((word, i) => {
    for (const lemma of lexicon.lemmas(word)) {
      lemmas.add(lemma);
      if (STOPWORDS.has(word)) continue;
      for (const b of lexicon.broader(lemma)) concepts.add(b);
      // What the word's definition says it is about (vegetarian → meat, skiing → sport), weakly.
      for (const d of lexicon.defines(lemma)) concepts.add(`${GLOSS}${d}`);
    }
    // A word of another language is also filed under its English word (and that word's kinds).
    if (!STOPWORDS.has(word) && !lexicon.isEnglish(word)) {
      for (const english of englishFor(word)) {
        lemmas.add(english);
        for (const b of lexicon.broader(english)) concepts.add(b);
      }
    }
    for (const compound of compoundsAt(words, i, lexicon)) {
      lemmas.add(compound);
      for (const b of lexicon.broader(compound)) concepts.add(b);
    }
  });
  for (const n of numberTerms(text)) lemmas.add(n);
  for (const l of lemmas) concepts.delete(l);
  for (const tag of answerTags(text, lexicon, (w) => lexicon.lemmas(w))) concepts.add(tag);
  return { lemmas: [...lemmas].join(' '), concepts: [...concepts].join(' ') };
}

/** Adverb particles of phrasal verbs: with their verb one word (take up, fix up), alone nearly meaningless. */
const PARTICLES = new Set(['up', 'out', 'off', 'back', 'over', 'down', 'away', 'round', 'around', 'through', 'along', 'forward']);

/** Pronouns said between a verb and its particle ("pick it up", "turn them off"). */
const OBJECT_PRONOUNS = new Set(['it', 'them', 'him', 'her', 'me', 'us', 'you', 'this', 'that', 'these', 'those', 'one']);

/**
 * The compounds two words starting at `i` form, as the lexicon knows them: as said (`living_room`)
 * or with the first word's lemma (moved in → `move_in`, took up → `take_up`), and a verb with its
 * particle after an object pronoun (pick it up → `pick_up`, turned them off → `turn_off`).
 */
function compoundsAt(words: readonly string[], i: number, lexicon: Lexicon): string[] {
  const word = words[i];
  const next = words[i + 1];
  if (word === undefined || next === undefined || STOPWORDS.has(word)) return [];
  const seconds = [next];
  const after = words[i + 2];
  if (OBJECT_PRONOUNS.has(next) && after !== undefined) seconds.push(after);
  return [...new Set(lexicon.lemmas(word).flatMap((lemma) => seconds.map((second) => `${lemma}_${second}`)))].filter((c) =>
    lexicon.isCompound(c),
  );
}

/** Marks a broader term of a word the agent asked in the context column (FTS reads past the mark). */
const ASKED_KIND = '^';

/**
 * Marks a word of the call's summary in a memory's context column: what the call was about. The
 * mark is part of the token (`_` is a token character), so a topic word never makes a memory a
 * candidate on its own — it only weighs the candidates the question's words found.
 */
const TOPIC = '__';

/**
 * What a call was about, as context terms of each of its statements: the lemmas of its summary's
 * content words ("I started on the 2nd of June" in the call whose summary says "his first week at
 * the museum" is about the museum).
 */
export function topicTerms(summary: string, lexicon: Lexicon): string {
  const out = new Set<string>();
  for (const word of wordsOf(summary)) {
    if (STOPWORDS.has(word) || word.length < 3 || /^\d/u.test(word)) continue;
    for (const lemma of lexicon.lemmas(word)) out.add(`${TOPIC}${lemma}`);
  }
  return [...out].join(' ');
}

/**
 * What the agent had asked before a caller's answer, as index terms: the lemmas of its content
 * words, and — marked, weaker — their broader terms (asked for "the car registration", the answer
 * is about a vehicle).
 */
export function contextTerms(asked: string, lexicon: Lexicon): string {
  const lemmas = new Set<string>();
  const kinds = new Set<string>();
  for (const word of wordsOf(asked)) {
    if (STOPWORDS.has(word)) continue;
    for (const lemma of lexicon.lemmas(word)) {
      lemmas.add(lemma);
      // Kinds of the words only: an answer tag of a word asked about is not the answer's kind.
      for (const b of lexicon.broader(lemma)) if (!b.startsWith('_')) kinds.add(b);
    }
  }
  for (const l of lemmas) kinds.delete(l);
  return [...lemmas, ...[...kinds].map((k) => `${ASKED_KIND}${k}`)].join(' ');
}

/** One query word and every term that finds it, with how much a match counts (1 for its own lemmas). */
interface QueryConcept {
  readonly word: string;
  readonly terms: ReadonlyMap<string, number>;
  /** The kind of answer asked for (a place, a date…), not a word of the question. */
  readonly intent?: boolean;
  /** The word's own lemmas (what a phrase of the question is matched on). */
  readonly own?: readonly string[];
  /** Position among the question's content words (two in a row make a phrase). */
  readonly position?: number;
  /** Terms from the word's definition (eat: "take in solid food" → food): they rank, but never alone make a memory about the word. */
  readonly defined?: ReadonlySet<string>;
  /** Stored words found through word vectors: they rank and make a memory about the word, but do not make the word common. */
  readonly near?: ReadonlySet<string>;
}

/** How much a word of a query word's definition counts (eat → food finds shellfish, whose kind is food). */
const QUERY_GLOSS_MATCH = 0.35;

/** At most this many of a caller's words are related to one question word through word vectors. */
const MAX_NEAR_WORDS = 8;

/** Word vectors closer than this relate a question word to a stored one (GloVe cosine). */
const VECTOR_MIN_SIMILARITY = 0.6;

/**
 * How much a stored word found through word vectors counts: 0.2 at the threshold, rising to 0.45
 * at a cosine of 0.9 — below a WordNet related term (0.5). Chosen on the dev half (rounds one to
 * eleven): more weight or a lower threshold let small talk in long calls outrank the answer.
 */
function vectorWeight(similarity: number): number {
  return Math.min(0.45, 0.2 + (similarity - VECTOR_MIN_SIMILARITY) * (0.25 / 0.3));
}

/** How much a memory holding an amount of money covers a question's money word (spend, pay, invest). */
const MONEY_WORD_MATCH = 0.8;

export function queryConcepts(text: string, lexicon: Lexicon): QueryConcept[] {
  const intents = questionIntents(text);
  // A word about an amount of money asks for one, however the question is put ("the most she will pay").
  const moneyWords = new Set(wordsOf(text).filter((w) => !STOPWORDS.has(w) && lexicon.lemmas(w).some((l) => lexicon.isMoneyWord(l))));
  if (moneyWords.size > 0 && !intents.some((i) => i.word === 'how much')) intents.push(moneyIntent());
  const consumed = new Set(intents.flatMap((i) => i.consumes));
  const words = wordsOf(text);
  const concepts: QueryConcept[] = intents.map((i) => ({ word: `(${i.word})`, terms: i.terms, intent: true }));
  const asked = new Set<string>();
  const expand = (terms: Map<string, number>, lemma: string) => {
    if (!terms.has(lemma) || (terms.get(lemma) ?? 0) < 1) terms.set(lemma, 1);
    for (const [related, weight] of lexicon.related(lemma)) if (!terms.has(related)) terms.set(related, weight);
  };
  // A number asked about, however it is said.
  for (const n of numberTerms(text)) concepts.push({ word: n, terms: new Map([[n, 1]]) });
  const digits = new Set(numberTerms(text).length > 0 ? words.filter((w) => /^\d+$/u.test(w)) : []);
  // Particles of the question's phrasal verbs (take up, fix up): part of the verb, not words of their own.
  const particles = new Set<number>();
  for (let i = 0; i < words.length && concepts.length < 16; i += 1) {
    const word = words[i] as string;
    if (particles.has(i) || STOPWORDS.has(word) || consumed.has(word) || asked.has(word) || digits.has(word)) continue;
    asked.add(word);
    const terms = new Map<string, number>();
    const own = lexicon.lemmas(word);
    // Two words that mean one thing (spare time, moving in, take up) find what that thing is called,
    // and the first word means only the phrase: not its other senses (fix up is not "a fix", a
    // difficult situation; spare time is not "spare" as in save). A verb's particle is no word of its own.
    const compounds = compoundsAt(words, i, lexicon);
    for (const lemma of own) {
      if (compounds.length > 0) terms.set(lemma, 1);
      else expand(terms, lemma);
    }
    if (!lexicon.isEnglish(word)) for (const english of englishFor(word)) expand(terms, english);
    for (const compound of compounds) {
      expand(terms, compound);
      const particle = compound.slice(compound.lastIndexOf('_') + 1);
      for (const at of [i + 1, i + 2]) if (words[at] === particle && PARTICLES.has(particle)) particles.add(at);
    }
    if (moneyWords.has(word)) terms.set(ANSWER_TAGS.money, MONEY_WORD_MATCH);
    const defined = new Set<string>();
    // The words of its definition, weakly (eat: "take in solid food" → food).
    for (const lemma of compounds.length > 0 ? compounds : own) {
      for (const d of lexicon.defines(lemma)) {
        if (terms.has(d) || STOPWORDS.has(d)) continue;
        terms.set(d, QUERY_GLOSS_MATCH);
        defined.add(d);
      }
    }
    concepts.push({ word, terms, own, position: i, defined });
  }
  return concepts;
}

interface SentenceTerms {
  readonly lemmas: ReadonlySet<string>;
  readonly concepts: ReadonlySet<string>;
  readonly pairs: ReadonlySet<string>;
}

/** How much less a sentence counts that does not say the question's two-word phrases as phrases ("late fee", "paper tray"). */
const PHRASE_WEIGHT = 0.15;
/** How much a stored word's broader term counts when it is what the query asks for (hen → animal). */
const BROADER_MATCH = 0.8;
/** Marks a term of a stored word's definition in the broader-terms column (FTS reads past the mark). */
const GLOSS = '~';
/** How much a word of a stored word's definition counts (vegetarian: "someone who eats no meat"). */
const GLOSS_MATCH = 0.4;
/** How much the kind of answer asked for (a place, a date…) counts against an average word of the question. */
const INTENT_SHARE = 0.5;
/**
 * A question asking when, how long or how often is answered only by a memory that says a date, a
 * time, a duration or a frequency — fewer than say a number or a name — so that kind counts twice
 * as much as an average word of the question: "when did he fly to Oaxaca?" finds "I fly out on
 * April 12th" before "I booked a trip to Oaxaca!".
 */
const TIME_INTENTS: ReadonlySet<string> = new Set(['(when)', '(how long)', '(how often)']);
const TIME_INTENT_SHARE = 2;
/** How much a word of what the agent had asked counts, when the caller's answer does not say it. */
const CONTEXT_MATCH = 0.7;
/**
 * How much more a statement counts when its call was about the question (its call's summary covers
 * the question's words): at most ×(1 + this). The same for every statement of a call, so it orders
 * calls, not the statements within one.
 */
const TOPIC_BOOST = 1;
/** How much the best sentence of a memory counts against the memory as a whole. */
const SENTENCE_SHARE = 0.8;

/**
 * How strongly a related word's commonness among the caller's memories lowers it (the exponent of
 * its rarity share). Chosen on the dev half (rounds 1–15) and the peer conversations: 0.5 found
 * three more dev answers and four more peer answers than none; 1 found fewer dev answers.
 */
const SPECIFICITY = 0.5;

/** Above this, a score is eased towards 1 rather than cut at it (a call-topic boost can take a score past 1). */
const SOFT_CAP_FROM = 0.8;

/**
 * A raw score as a relevance in [0, 1): unchanged up to 0.8, then eased towards 1 — so memories
 * that all score past 1 (a question about what a call was about) keep their order instead of tying.
 */
export function relevance(score: number): number {
  if (!(score > 0)) return 0;
  if (score <= SOFT_CAP_FROM) return score;
  const room = 1 - SOFT_CAP_FROM;
  return SOFT_CAP_FROM + room * (1 - Math.exp(-(score - SOFT_CAP_FROM) / room));
}

/** The sentences of a stored text. */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])["'”’)]*\s+/u).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** A sentence as compared for duplicates: its words only, without a label (`Caller said: "…`, `Issue (billing): …`). */
function normalisedSentence(sentence: string): string {
  return wordsOf(sentence.replace(/^[^"“:]{0,40}:\s*["“]?/u, '')).join(' ');
}

/** How strongly an intent must want a kind for a collected field holding it to be a candidate without a shared word. */
const FIELD_KIND_MATCH = 0.7;
/** The least score of a collected field holding the kind of answer asked for. */
const FIELD_KIND_SCORE = 0.45;
/** The least score of a collected field whose label a question word names. */
const FIELD_NAMED_SCORE = 0.6;
/**
 * The kinds a field rarely holds by chance (a date, a time, a duration, a place, an amount), unlike
 * a number or a name, which most fields hold.
 */
const FLOORED_KINDS: ReadonlySet<string> = new Set([
  ANSWER_TAGS.date,
  ANSWER_TAGS.time,
  ANSWER_TAGS.duration,
  ANSWER_TAGS.place,
  ANSWER_TAGS.money,
]);

/** Whether a memory is one of the platform's data-collection results ("Install date: 14 October 2026."). */
function isCollectedField(row: MemoryRow): boolean {
  return row.metadata.includes('"platform_analysis"') && (JSON.parse(row.metadata) as MemoryMetadata).source === 'platform_analysis';
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
 * MemoryStore on Node's built-in SQLite, one database file (WAL). Recall: each memory is indexed
 * under its words' lemmas and, as broader terms, its words' kinds up the lexicon's hierarchy and
 * the kinds of answer it holds (a place, a date, an amount…; see `answer-types`), FTS5 with
 * diacritics folded. A query's words also find their synonyms, derived forms and broader terms,
 * and the question adds the kind of answer it asks for. Relevance in [0, 1] is how much of the
 * query a memory covers — mostly within its best sentence — each query word weighted by how rare
 * it is among this caller's memories (so one incidental shared word does not decide) and by how it
 * matched (own lemma 1, synonym or derived form 0.75, broader term 0.5, the memory's broader term
 * 0.8 of that); holding the kind of answer asked for is not enough on its own. Two memories whose
 * best sentence is the same come back once. When nothing matches, the caller's most relevant
 * recent memories come back marked `fallback`: those holding the kind of answer asked for first.
 * A file indexed by another version or lexicon is re-indexed when opened.
 */
export class SqliteMemoryStore implements MemoryStore, UserDirectory {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly deleteTerms: StatementSync;
  private readonly insertTerms: StatementSync;
  private readonly deleteUserStmt: StatementSync;
  private readonly deleteConversationStmt: StatementSync;
  private readonly lexicon: Lexicon;
  private readonly sentenceCache = new Map<string, SentenceTerms>();

  constructor(
    path: string,
    private readonly clock: Clock,
    options: { readonly lexicon?: Lexicon } = {},
  ) {
    this.lexicon = options.lexicon ?? PLAIN_LEXICON;
    this.db = openSqlite(path);
    this.db.exec(SCHEMA);
    const wantedIndex = `${INDEX_VERSION}:${this.lexicon.id}`;
    const indexed = this.db.prepare("SELECT value FROM store_meta WHERE key = 'index'").get() as { value: string } | undefined;
    const stale = indexed?.value !== wantedIndex;
    // A file indexed by another version or lexicon (or an older release) gets a new index.
    if (stale) this.db.exec('DROP TRIGGER IF EXISTS memory_terms_ad; DROP TABLE IF EXISTS memory_terms;');
    this.db.exec(TERMS_SCHEMA);
    this.upsert = this.db.prepare(`
      INSERT INTO memories (id, user_id, text, type, created_at, created_ms, expires_at, expires_ms, metadata)
      VALUES ($id, $user_id, $text, $type, $created_at, $created_ms, $expires_at, $expires_ms, $metadata)
      ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, text = excluded.text, type = excluded.type,
        created_at = excluded.created_at, created_ms = excluded.created_ms, expires_at = excluded.expires_at,
        expires_ms = excluded.expires_ms, metadata = excluded.metadata
      RETURNING rowid`);
    this.deleteTerms = this.db.prepare('DELETE FROM memory_terms WHERE rowid = ?');
    this.insertTerms = this.db.prepare('INSERT INTO memory_terms (rowid, lemmas, concepts, context) VALUES (?, ?, ?, ?)');
    this.deleteUserStmt = this.db.prepare('DELETE FROM memories WHERE user_id = ?');
    this.deleteConversationStmt = this.db.prepare(
      "DELETE FROM memories WHERE user_id = ? AND json_extract(metadata, '$.conversation_id') = ?",
    );
    if (stale) this.reindex(wantedIndex);
  }

  /** Indexes every memory again (the index was dropped: another index version or lexicon, or an older release). */
  private reindex(wanted: string): void {
    transaction(this.db, () => {
      const rows = this.db.prepare('SELECT rowid, text, metadata FROM memories').all() as unknown as {
        rowid: number;
        text: string;
        metadata: string;
      }[];
      const parsed = rows.map((r) => ({ ...r, meta: JSON.parse(r.metadata) as MemoryMetadata }));
      const summaries = new Map<string, string>();
      for (const r of parsed)
        if (r.meta.source === 'summary' && typeof r.meta.conversation_id === 'string') summaries.set(r.meta.conversation_id, r.text);
      for (const r of parsed) this.index(r.rowid, r.text, r.meta, summaries.get(String(r.meta.conversation_id)));
      this.db
        .prepare("INSERT INTO store_meta (key, value) VALUES ('index', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(wanted);
    });
  }

  private index(rowid: number, text: string, metadata: MemoryMetadata, summary?: string): void {
    const { lemmas, concepts } = indexTerms(text, this.lexicon);
    const asked = [
      // Every memory of a call is also about what the call was about (its summary): it orders calls.
      summary ? topicTerms(summary, this.lexicon) : '',
      typeof metadata.asked === 'string' ? contextTerms(metadata.asked, this.lexicon) : '',
      // What the call was about, whatever its words: its summary and the issue or lead it raised.
      metadata.source === 'summary' || ['issue', 'lead'].includes(String(metadata.memory_type)) ? ANSWER_TAGS.purpose : '',
      // What is wrong: an issue the call raised, or the caller's answer when the agent asked what the problem was.
      ['issue', 'technical'].includes(String(metadata.memory_type)) ||
      (typeof metadata.asked === 'string' && asksForProblem(metadata.asked))
        ? ANSWER_TAGS.problem
        : '',
    ]
      .filter((t) => t.length > 0)
      .join(' ');
    this.deleteTerms.run(rowid);
    this.insertTerms.run(rowid, lemmas, concepts, asked);
  }

  async add(userId: string, memories: readonly NewMemory[], options: AddOptions = {}): Promise<void> {
    checkSignal(options.signal);
    if (userId.length === 0) throw new Error('userId must not be empty');
    for (const m of memories) {
      if (Number.isNaN(Date.parse(m.createdAt))) throw new Error(`memory ${m.id}: createdAt is not a date`);
      if (m.expiresAt !== null && Number.isNaN(Date.parse(m.expiresAt))) throw new Error(`memory ${m.id}: expiresAt is not a date`);
    }
    const conversationId = options.conversation?.id;
    const summary = memories.find((m) => m.metadata.source === 'summary')?.text;
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
        this.index(Number(row.rowid), m.text, m.metadata, summary);
      }
    });
  }

  async search(query: MemorySearchQuery): Promise<readonly Memory[]> {
    checkSignal(query.signal);
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0) return [];
    const { where, params } = this.filters(query);
    // The caller's own name in a question about the caller says nothing about which memory answers it.
    const own = new Set(wordsOf(this.callerName(query.userId, query.space) ?? ''));
    const concepts = this.withRelatedWords(
      queryConcepts(query.text, this.lexicon).filter((c) => !own.has(c.word)),
      where,
      params,
    );
    const threshold = query.threshold ?? 0;
    const matched = concepts.length === 0 ? [] : this.matching(concepts, where, params, threshold);
    if (matched.length > 0) return matched.slice(0, limit);
    return this.fallback(
      concepts.filter((c) => c.intent),
      where,
      params,
      limit,
    );
  }

  /**
   * Each question word also finds the words of this caller's memories that its word vector is
   * close to (GloVe cosine ≥ 0.6: evening ~ night, injury ~ ankle, car ~ truck), weaker than a
   * synonym — the gap WordNet leaves between what was said and how it is asked. Only the caller's
   * own vocabulary is compared (a few thousand words), so it costs a millisecond or two.
   */
  private withRelatedWords(
    concepts: readonly QueryConcept[],
    where: string,
    params: Record<string, string | number | null>,
  ): QueryConcept[] {
    const similarity = this.lexicon.similarity?.bind(this.lexicon);
    if (!similarity || concepts.every((c) => c.intent)) return [...concepts];
    const vocabulary = new Set<string>();
    const rows = this.db
      .prepare(`SELECT t.lemmas AS lemmas FROM memory_terms t JOIN memories m ON m.rowid = t.rowid WHERE ${where} LIMIT 5000`)
      .all(params) as unknown as { lemmas: string }[];
    for (const r of rows)
      for (const w of r.lemmas.split(' ')) if (w.length >= 3 && !STOPWORDS.has(w) && !w.includes('_')) vocabulary.add(w);
    return concepts.map((c) => {
      if (c.intent || !c.own || c.own.length === 0) return c;
      const found: [string, number][] = [];
      for (const word of vocabulary) {
        if (c.terms.has(word)) continue;
        let best = -1;
        for (const lemma of c.own) best = Math.max(best, similarity(lemma, word) ?? -1);
        if (best >= VECTOR_MIN_SIMILARITY) found.push([word, best]);
      }
      if (found.length === 0) return c;
      // The closest few: each more term is scored against every sentence of every candidate.
      const closest = found.sort((a, b) => b[1] - a[1]).slice(0, MAX_NEAR_WORDS);
      const terms = new Map(c.terms);
      for (const [word, cosine] of closest) terms.set(word, vectorWeight(cosine));
      return { ...c, terms, near: new Set(closest.map(([word]) => word)) };
    });
  }

  /** The newest name the caller's memories of the space state, if any. */
  private callerName(userId: string, space: MemorySpace | null | undefined): string | null {
    const inSpace = spaceFilter(space);
    const row = this.db
      .prepare(
        `SELECT json_extract(m.metadata, '$.name') AS name FROM memories m
         WHERE m.user_id = $user AND json_extract(m.metadata, '$.name') IS NOT NULL${inSpace.clause ? ` AND ${inSpace.clause}` : ''}
         ORDER BY m.created_ms DESC LIMIT 1`,
      )
      .get({ ...inSpace.params, $user: userId }) as { name: unknown } | undefined;
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
    const match = `{lemmas concepts context} : (${[...allTerms].map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ')})`;
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS}, t.lemmas AS lemmas, t.concepts AS concepts, t.context AS context FROM memory_terms t JOIN memories m ON m.rowid = t.rowid
         WHERE memory_terms MATCH $match AND ${where} LIMIT 2000`,
      )
      .all({ ...params, $match: match }) as unknown as (MemoryRow & { lemmas: string; concepts: string; context: string | null })[];
    if (rows.length === 0) return [];
    const total = Number((this.db.prepare(`SELECT COUNT(*) AS n FROM memories m WHERE ${where}`).get(params) as { n: number }).n);
    const docs = rows.map((r) => ({
      row: r,
      lemmas: new Set(r.lemmas.split(' ')),
      concepts: new Set(r.concepts.split(' ')),
      context: new Set((r.context ?? '').split(' ').filter((t) => t.length > 0)),
      field: isCollectedField(r),
    }));
    // How rare each query word is among this caller's memories (any of its terms counts).
    const documentFrequency = concepts.map(
      (c) =>
        docs.filter((d) =>
          [...c.terms.keys()].some(
            (t) => !c.defined?.has(t) && !c.near?.has(t) && (d.lemmas.has(t) || d.concepts.has(t) || d.context.has(t)),
          ),
        ).length,
    );
    const rarity = documentFrequency.map((df) => Math.log(1 + (total - df + 0.5) / (df + 0.5)));
    // The kind of answer asked for counts half as much as an average word of the question, however
    // many memories hold that kind (most mention a person or a number; the question still wants one);
    // a date, a duration or a frequency twice as much (TIME_INTENTS).
    const words = rarity.filter((_, i) => !concepts[i]?.intent);
    const wordWeight = words.length > 0 ? words.reduce((a, b) => a + b, 0) / words.length : 1;
    const weights = concepts.map((c, i) =>
      c.intent ? wordWeight * (TIME_INTENTS.has(c.word) ? TIME_INTENT_SHARE : INTENT_SHARE) : (rarity[i] ?? 0),
    );
    const possible = weights.reduce((a, b) => a + b, 0) || 1;
    // A word related to a question word counts less the more of this caller's memories hold it
    // ("home" → "place" is in half of them; "home" → "flat" in one): how rare it is, as a share of
    // how rare a word held by one memory would be. A question word said as itself counts in full;
    // found as a kind of what is said ("home" for every "house"), it counts by the same rule.
    const rarest = Math.log(1 + (total + 0.5) / 1.5);
    const share = (df: number) => (df <= 1 ? 1 : Math.min(1, Math.log(1 + (total - df + 0.5) / (df + 0.5)) / rarest) ** SPECIFICITY);
    const relatedShare = new Map<string, number>();
    const broaderShare = new Map<string, number>();
    // How many memories hold each related term (any way), and each question word found only as a
    // kind (not said): counted in one pass over the memories' terms.
    const related = new Set<string>();
    const ownTerms = new Set<string>();
    for (const c of concepts) {
      if (c.intent) continue;
      const own = new Set(c.own ?? []);
      for (const term of c.terms.keys()) (own.has(term) ? ownTerms : related).add(term);
    }
    const relatedDf = new Map<string, number>();
    const broaderDf = new Map<string, number>();
    for (const d of docs) {
      const seen = new Set<string>();
      for (const terms of [d.lemmas, d.concepts, d.context])
        for (const t of terms) {
          if (related.has(t) && !seen.has(t)) {
            seen.add(t);
            relatedDf.set(t, (relatedDf.get(t) ?? 0) + 1);
          }
          if (terms !== d.lemmas && ownTerms.has(t) && !d.lemmas.has(t) && !seen.has(`^${t}`)) {
            seen.add(`^${t}`);
            broaderDf.set(t, (broaderDf.get(t) ?? 0) + 1);
          }
        }
    }
    for (const t of related) relatedShare.set(t, share(relatedDf.get(t) ?? 0));
    for (const t of ownTerms) broaderShare.set(t, share(broaderDf.get(t) ?? 0));
    const best = (c: QueryConcept, lemmas: ReadonlySet<string>, broader: ReadonlySet<string>, context: ReadonlySet<string>) => {
      let found = 0;
      for (const [term, full] of c.terms) {
        const w = full * (relatedShare.get(term) ?? 1);
        const indirect = w * (broaderShare.get(term) ?? 1);
        if (lemmas.has(term)) found = Math.max(found, w);
        else if (broader.has(term)) found = Math.max(found, term.startsWith('_') ? w : indirect * BROADER_MATCH);
        else if (broader.has(`${GLOSS}${term}`)) found = Math.max(found, indirect * GLOSS_MATCH);
        else if (context.has(term)) found = Math.max(found, term.startsWith('_') ? w : indirect * CONTEXT_MATCH);
        else if (context.has(`${ASKED_KIND}${term}`)) found = Math.max(found, indirect * CONTEXT_MATCH * BROADER_MATCH);
      }
      return found;
    };
    const coverage = (lemmas: ReadonlySet<string>, broader: ReadonlySet<string>, context: ReadonlySet<string>) =>
      concepts.reduce((got, c, i) => got + best(c, lemmas, broader, context) * (weights[i] ?? 0), 0) / possible;
    // How much of the question the statement's call was about (its summary's words, marked in the context).
    const topicMarks = concepts.map((c) =>
      c.intent ? [] : [...c.terms].filter(([term]) => !c.near?.has(term)).map(([term, w]) => [`${TOPIC}${term}`, w] as const),
    );
    const topicCoverage = (context: ReadonlySet<string>) => {
      let got = 0;
      topicMarks.forEach((terms, i) => {
        let found = 0;
        for (const [term, w] of terms) if (w > found && context.has(term)) found = w;
        got += found * (weights[i] ?? 0);
      });
      return got / possible;
    };
    // Holding the kind of answer asked for is not enough when the question also says what about;
    // nor is one word of a stored word's definition (two are: "eat meat" and vegetarian).
    const content = concepts.filter((c) => !c.intent);
    const none: ReadonlySet<string> = new Set();
    // "What is wrong with his supply?" when nothing this caller said names a supply: what the caller
    // reported as wrong answers it (the object of a problem question often goes unnamed).
    const problemOnly =
      concepts.some((c) => c.intent && c.terms.has(ANSWER_TAGS.problem)) &&
      concepts.every((c, i) => c.intent || documentFrequency[i] === 0);
    // The kinds of answer the question asks for most (a date for "when", a duration for "how long").
    const askedKinds = concepts.flatMap((c) => (c.intent ? [...c.terms].filter(([, w]) => w >= FIELD_KIND_MATCH).map(([t]) => t) : []));
    const about = (d: { field: boolean; lemmas: ReadonlySet<string>; concepts: ReadonlySet<string>; context: ReadonlySet<string> }) => {
      if (content.length === 0) return true;
      if (problemOnly) return d.context.has(ANSWER_TAGS.problem);
      // A field the platform collected holding the kind asked for answers a question that names
      // none of its words ("when are the fitters going?" → "Install date: 14 October"): the agent
      // asked for it, so it is about what the call was for.
      if (d.field && askedKinds.some((t) => d.concepts.has(t))) return true;
      const direct = (c: QueryConcept) =>
        [...c.terms.keys()].some(
          (t) => !c.defined?.has(t) && (d.lemmas.has(t) || d.concepts.has(t) || d.context.has(t) || d.context.has(`${ASKED_KIND}${t}`)),
        );
      if (content.some(direct)) return true;
      // A word of a question word's definition said, or a kind of what is said (eat: "take in solid
      // food" → shellfish, whose kind is food).
      if (content.some((c) => [...(c.defined ?? [])].some((t) => d.lemmas.has(t) || d.concepts.has(t)))) return true;
      return content.filter((c) => best(c, none, d.concepts, none) > 0).length >= 2;
    };
    // The question's phrases: content words one after the other.
    const phrases = content.flatMap((c, i) => {
      const next = content[i + 1];
      return next && c.position !== undefined && next.position === c.position + 1 ? [[c.own ?? [], next.own ?? []] as const] : [];
    });
    const phraseShare = (pairs: ReadonlySet<string>) =>
      phrases.length === 0 ? 0 : phrases.filter(([a, b]) => a.some((x) => b.some((y) => pairs.has(`${x}|${y}`)))).length / phrases.length;
    // The question's own words, by lemma: one of them naming a collected field asks for it.
    const asked = new Set(content.flatMap((c) => c.own ?? []));
    const scored = docs.filter(about).map((d) => {
      // An answer is usually said in one sentence: the best sentence counts most, the whole memory a little.
      let bestSentence = '';
      let bestCoverage = 0;
      for (const sentence of sentencesOf(d.row.text)) {
        const terms = this.sentenceTerms(sentence);
        const c =
          coverage(terms.lemmas, terms.concepts, d.context) *
          (phrases.length === 0 ? 1 : 1 - PHRASE_WEIGHT * (1 - phraseShare(terms.pairs)));
        if (c > bestCoverage) {
          bestCoverage = c;
          bestSentence = sentence;
        }
      }
      const whole = coverage(d.lemmas, d.concepts, d.context);
      // Shorter memories that say the same are a little better answers.
      const length = d.lemmas.size;
      const topic = topicCoverage(d.context);
      const score =
        (SENTENCE_SHARE * bestCoverage + (1 - SENTENCE_SHARE) * whole) *
        (1 / (1 + Math.max(0, length - 40) / 200)) *
        (1 + TOPIC_BOOST * topic);
      // A collected field of the kind asked for is a likely answer, whatever words it shares.
      const floor = !d.field
        ? 0
        : this.namesField(d.row.text, asked)
          ? FIELD_NAMED_SCORE
          : askedKinds.some((t) => FLOORED_KINDS.has(t) && d.concepts.has(t))
            ? FIELD_KIND_SCORE
            : 0;
      return { row: d.row, score: Math.max(relevance(score), floor), sentence: normalisedSentence(bestSentence), passage: bestSentence };
    });
    const seen = new Set<string>();
    return scored
      .filter((s) => s.score > 0 && s.score >= threshold)
      .sort((a, b) => b.score - a.score || b.row.created_ms - a.row.created_ms)
      .filter((s) => {
        // The same text, or another memory whose best sentence is the same one, comes back once.
        const key = s.row.text.toLowerCase();
        if (seen.has(key) || (s.sentence.length > 0 && seen.has(`sentence:${s.sentence}`))) return false;
        seen.add(key);
        if (s.sentence.length > 0) seen.add(`sentence:${s.sentence}`);
        return true;
      })
      .map((s) => {
        const memory = toMemory(s.row, Math.round(s.score * 1e4) / 1e4);
        return s.passage.length > 0 && s.passage !== memory.text ? { ...memory, passage: s.passage } : memory;
      });
  }

  /**
   * Whether a question word is the head of a collected field's label: "which yard is the horse
   * kept at?" asks for "Yard: Birchcombe Livery.", "what's the registration?" for "Vehicle
   * registration: KP19 XRD." (a modifier does not: "Delivery postcode" is no answer to "what's wrong
   * with his delivery?", nor a participle after the name: "Colonies ordered" is not about an order).
   */
  private namesField(text: string, asked: ReadonlySet<string>): boolean {
    const words = wordsOf(/^([^:]{1,60}):/u.exec(text)?.[1] ?? '');
    // A participle after the name is not it: "Colonies ordered", "Visit requested", "Courtesy car needed".
    while (words.length > 1 && /ed$/u.test(words.at(-1) ?? '')) words.pop();
    const head = words.at(-1);
    return head !== undefined && !STOPWORDS.has(head) && this.lexicon.lemmas(head).some((l) => asked.has(l));
  }

  /** A sentence's index terms (memoised: the same sentences are scored again and again). */
  private sentenceTerms(sentence: string): SentenceTerms {
    let terms = this.sentenceCache.get(sentence);
    if (!terms) {
      const indexed = indexTerms(sentence, this.lexicon);
      // Content words said one after the other, by lemma: the phrases of the sentence.
      const content = wordsOf(sentence).filter((w) => !STOPWORDS.has(w));
      const pairs = new Set<string>();
      content.forEach((word, i) => {
        const next = content[i + 1];
        if (next === undefined) return;
        for (const a of this.lexicon.lemmas(word)) for (const b of this.lexicon.lemmas(next)) pairs.add(`${a}|${b}`);
      });
      terms = { lemmas: new Set(indexed.lemmas.split(' ')), concepts: new Set(indexed.concepts.split(' ')), pairs };
      if (this.sentenceCache.size >= 20_000) this.sentenceCache.clear();
      this.sentenceCache.set(sentence, terms);
    }
    return terms;
  }

  /**
   * Nothing matched: the caller's most relevant recent memories, marked as such — those holding
   * the kind of answer the question asks for first (an amount for "how much…", a duration for
   * "how long…"), distilled memories before the transcript layer, newest first.
   */
  private fallback(
    intents: readonly QueryConcept[],
    where: string,
    params: Record<string, string | number | null>,
    limit: number,
  ): Memory[] {
    const tags = [...new Set(intents.flatMap((c) => [...c.terms.keys()]))];
    const kinds =
      tags.length === 0
        ? []
        : (this.db
            .prepare(
              `SELECT ${COLUMNS} FROM memory_terms t JOIN memories m ON m.rowid = t.rowid
               WHERE memory_terms MATCH $match AND ${where}
               ORDER BY coalesce(json_extract(m.metadata, '$.layer'), '') = 'transcript', m.created_ms DESC, m.rowid DESC LIMIT $limit`,
            )
            .all({ ...params, $match: `concepts : (${tags.map((t) => `"${t}"`).join(' OR ')})`, $limit: limit }) as unknown as MemoryRow[]);
    const recent = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM memories m WHERE ${where} AND coalesce(json_extract(m.metadata, '$.layer'), '') <> 'transcript'
         ORDER BY m.created_ms DESC, m.rowid DESC LIMIT $limit`,
      )
      .all({ ...params, $limit: limit }) as unknown as MemoryRow[];
    const rows = [...new Map([...kinds, ...recent].map((r) => [r.id, r])).values()].slice(0, limit);
    return rows.map((r) => ({ ...toMemory(r, 0), fallback: true }));
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
