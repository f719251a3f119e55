import type { Memory } from '../domain/memory';
import { EXTRACT_FIELDS, PER_CALL_FIELDS } from '../extraction/extract-fields';
import { mentionsPhrase } from '../text/text-utils';
import { mentionsSaid } from '../text/value-said';

const FIELD_KEYS = new Set<string>(EXTRACT_FIELDS);

const DAY_MS = 86_400_000;

export interface RankingRules {
  /** Keys: memory types or metadata fields; the largest matching weight multiplies the score. */
  readonly searchWeights: Readonly<Record<string, number>>;
  /** Each present (non-empty) metadata field among these multiplies the score by 1.1. */
  readonly priorityFields: readonly string[];
  readonly limit: number;
  /** Minimum store relevance in [0, 1]; memories without a store score count as 1. */
  readonly threshold: number;
  /**
   * How strongly type/field weights count (0: not at all, 1: fully, the default): a mid-call
   * search keeps them gentle so relevance decides and weights break near-ties.
   */
  readonly weightStrength?: number;
  /** How strongly recency counts (0–1, default 1). */
  readonly recencyStrength?: number;
  /** Multiplier of the raw transcript layer (caller statements not chosen as key statements); default 1. */
  readonly transcriptWeight?: number;
  /**
   * Rank memories stating a value that a newer memory among the candidates replaced (an old
   * budget, a former contact preference) below, by this factor (default 1: no change).
   */
  readonly supersededFactor?: number;
  /**
   * How a replaced value is recognised in a memory's text (default: as said). Mid-call search
   * passes `mentionsValue`, which also knows an amount however it is said.
   */
  readonly mentions?: (text: string, value: string) => boolean;
}

/** For each caller field among the memories, the values older memories stated that the newest one replaced. */
export function replacedValues(memories: readonly Memory[], current: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of memories) {
    const platformKey = typeof m.metadata.field === 'string' ? m.metadata.field : null;
    for (const [key, value] of Object.entries(m.metadata)) {
      if (typeof value !== 'string' || value.length === 0 || PER_CALL_FIELDS.has(key)) continue;
      if (!FIELD_KEYS.has(key) && key !== platformKey) continue;
      const now = current.get(key);
      if (now === undefined || now === value) continue;
      const list = out.get(key) ?? [];
      if (!list.includes(value)) out.set(key, [...list, value]);
    }
  }
  return out;
}

/**
 * Whether a memory is about a value a newer one replaced: it states it (its metadata), or its
 * text mentions it without the current value ("delivered to 14 Elm Street" once the delivery
 * address is 9 Kingfisher Close; "about forty-five thousand dollars" once the budget is $60,000).
 */
export function aboutReplacedValue(
  memory: Pick<Memory, 'text' | 'metadata'>,
  current: ReadonlyMap<string, string>,
  replaced: ReadonlyMap<string, readonly string[]>,
  mentions: (text: string, value: string) => boolean = mentionsSaid,
  /** Fields whose current value this memory's own call states: another value it states was said beside it, not replaced. */
  ownCall: ReadonlySet<string> = new Set(),
): boolean {
  for (const [key, value] of Object.entries(memory.metadata)) {
    const now = current.get(key);
    if (typeof value === 'string' && !PER_CALL_FIELDS.has(key) && !ownCall.has(key) && now !== undefined && now !== value) return true;
  }
  for (const [key, values] of replaced) {
    const now = current.get(key);
    if (now !== undefined && mentions(memory.text, now)) continue;
    if (values.some((v) => mentions(memory.text, v))) return true;
  }
  return false;
}

/** For each caller field among the memories, the newest memory stating it: its value and its call (conversation id). */
function newestStatements(memories: readonly Memory[]): Map<string, { value: string; call: string; at: number }> {
  const newest = new Map<string, { value: string; call: string; at: number }>();
  for (const m of memories) {
    const at = Date.parse(m.createdAt) || 0;
    const call = typeof m.metadata.conversation_id === 'string' ? m.metadata.conversation_id : '';
    const platformKey = typeof m.metadata.field === 'string' ? m.metadata.field : null;
    for (const [key, value] of Object.entries(m.metadata)) {
      if (typeof value !== 'string' || value.length === 0 || PER_CALL_FIELDS.has(key)) continue;
      if (!FIELD_KEYS.has(key) && key !== platformKey) continue;
      const seen = newest.get(key);
      if (!seen || at > seen.at) newest.set(key, { value, call, at });
    }
  }
  return newest;
}

/** For each caller field among the memories, the call (conversation id) whose memory states its current value. */
export function currentCalls(memories: readonly Memory[]): Map<string, string> {
  return new Map([...newestStatements(memories)].map(([k, v]) => [k, v.call]));
}

/** For each caller field among the memories, the value of the newest memory that states it. */
export function currentValues(memories: readonly Memory[]): Map<string, string> {
  return new Map([...newestStatements(memories)].map(([k, v]) => [k, v.value]));
}

/** The things a memory's call said were replaced (`metadata.replaced`: "Ford Fiesta; email"). */
export function replacedIn(memory: Pick<Memory, 'metadata'>): string[] {
  const value = memory.metadata.replaced;
  return typeof value === 'string'
    ? value
        .split(';')
        .map((p) => p.trim())
        .filter((p) => p.length > 0)
    : [];
}

/**
 * Whether a memory mentions a thing another call said it replaced (the replacing call's own
 * memories say why it changed, and are not about the old thing).
 */
export function mentionsReplacedElsewhere(memory: Pick<Memory, 'text' | 'metadata'>, replaced: readonly string[]): boolean {
  if (replaced.length === 0) return false;
  const own = replacedIn(memory);
  return replaced.some((p) => !own.includes(p) && mentionsPhrase(memory.text, p));
}

/** Records that a thing was replaced by a memory made at `createdAt` (ISO-8601), keeping the latest time. */
export function noteReplacedAt(at: Record<string, string>, phrase: string, createdAt: string): void {
  const when = at[phrase];
  if (when === undefined || (Date.parse(createdAt) || 0) > (Date.parse(when) || 0)) at[phrase] = createdAt;
}

/**
 * The replaced things a memory was said before (or when) they were replaced: a later call's memory
 * that mentions one again is not about the old thing. A thing with no time known counts as
 * replaced after every memory.
 */
export function replacedBefore(
  memory: Pick<Memory, 'createdAt'>,
  replaced: readonly string[],
  at: Readonly<Record<string, string>>,
): string[] {
  const created = Date.parse(memory.createdAt) || 0;
  return replaced.filter((p) => {
    const when = at[p];
    return when === undefined || !(created > (Date.parse(when) || 0));
  });
}

export interface RankedMemory extends Memory {
  /** Final ranking score: relevance × weight × recency × priority. */
  readonly rankScore: number;
}

/** Recency boost: ×1.5 under 7 days old, ×1.2 under 30 days, ×1 after; never increases with age. */
export function recencyBoost(createdAt: string, now: number): number {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return 1;
  const age = Math.max(0, now - created);
  if (age < 7 * DAY_MS) return 1.5;
  if (age < 30 * DAY_MS) return 1.2;
  return 1;
}

export function isExpired(memory: Pick<Memory, 'expiresAt'>, now: number): boolean {
  if (memory.expiresAt === null) return false;
  const expires = Date.parse(memory.expiresAt);
  return !Number.isNaN(expires) && expires <= now;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && value !== false;
}

export function weightOf(memory: Memory, weights: Readonly<Record<string, number>>): number {
  let weight = 1;
  let matched = false;
  for (const [key, w] of Object.entries(weights)) {
    if (memory.type === key || present(memory.metadata[key])) {
      weight = matched ? Math.max(weight, w) : w;
      matched = true;
    }
  }
  return weight;
}

/**
 * Orders memories for an agent type: expired ones dropped, below-threshold ones dropped, then by
 * relevance × type/field weight × recency × priority-field boosts, newest first on ties, capped.
 */
export function rankMemories(memories: readonly Memory[], rules: RankingRules, now: number): RankedMemory[] {
  const ranked: RankedMemory[] = [];
  const weightStrength = rules.weightStrength ?? 1;
  const recencyStrength = rules.recencyStrength ?? 1;
  const superseded = rules.supersededFactor ?? 1;
  const live = memories.filter((m) => !isExpired(m, now));
  const current = superseded === 1 ? new Map<string, string>() : currentValues(live);
  // A value is replaced only by another call's: within one call, "we launch in November" and the
  // lead's "by the sixteenth of October" are two things said, not an old value and a new one.
  const currentFieldsOf = new Map<string, Set<string>>();
  if (superseded !== 1)
    for (const [key, call] of currentCalls(live)) currentFieldsOf.set(call, (currentFieldsOf.get(call) ?? new Set()).add(key));
  const none: ReadonlySet<string> = new Set();
  const replacedByNewer = superseded === 1 ? new Map<string, string[]>() : replacedValues(live, current);
  // Things a call said it replaced ("a Picanto instead of the Fiesta"): other calls' memories that
  // mention them rank below.
  // When each was replaced: a memory of a later call that mentions it again is not about the old thing.
  const replacedAt: Record<string, string> = {};
  if (superseded !== 1) for (const m of live) for (const p of replacedIn(m)) noteReplacedAt(replacedAt, p, m.createdAt);
  const replacedThings = Object.keys(replacedAt);
  for (const memory of memories) {
    if (isExpired(memory, now)) continue;
    const call = memory.metadata.conversation_id;
    const ownCall = (typeof call === 'string' ? currentFieldsOf.get(call) : undefined) ?? none;
    const relevance = memory.score ?? 1;
    // A fallback (nothing matched) carries no relevance; it is context, ranked by recency.
    if (relevance < rules.threshold && memory.fallback !== true) continue;
    let priority = 1;
    for (const field of rules.priorityFields) if (present(memory.metadata[field])) priority *= 1 + 0.1 * weightStrength;
    const weight = weightOf(memory, rules.searchWeights) ** weightStrength;
    const recency = 1 + (recencyBoost(memory.createdAt, now) - 1) * recencyStrength;
    const layer = memory.metadata.layer === 'transcript' && memory.metadata.key_statement !== true ? (rules.transcriptWeight ?? 1) : 1;
    // The replacing call's own memories keep their words and rank (why it changed is an answer too).
    // A long memory whose answering sentence (the store's passage) is not about what was replaced
    // ranks less far below: "Sixty guests. And it must all be halal." still answers what food is
    // wanted once sixty became seventy-five, though the old count is said beside it.
    const replacedSince = replacedBefore(memory, replacedThings, replacedAt);
    const about = (m: Pick<Memory, 'text' | 'metadata'>) =>
      mentionsReplacedElsewhere(m, replacedSince) || aboutReplacedValue(m, current, replacedByNewer, rules.mentions, ownCall);
    const replaced =
      superseded === 1 || !about(memory)
        ? 1
        : memory.passage && !about({ ...memory, text: memory.passage })
          ? Math.sqrt(superseded)
          : superseded;
    const rankScore = Math.max(relevance, 1e-6) * weight * recency * priority * layer * replaced;
    ranked.push({ ...memory, rankScore });
  }
  ranked.sort(
    (a, b) =>
      b.rankScore - a.rankScore ||
      (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ranked.slice(0, Math.max(0, rules.limit));
}
