import type { AgentType } from '../config/agent-type-schema';
import { EXTRACT_FIELDS, PER_CALL_FIELDS } from '../extraction/extract-fields';
import type { Clock } from '../ports/clock';
import { isExpired, mentionsReplacedElsewhere, noteReplacedAt, rankMemories, replacedBefore, replacedIn } from '../ranking/memory-ranker';
import { mentionsPhrase } from '../text/text-utils';
import { mentionsSaid } from '../text/value-said';
import type { Memory } from './memory';
import type { ProfileSnapshot } from './profile-snapshot';

export interface SnapshotContext {
  readonly callerKey: string;
  readonly agentTypeName: string;
  readonly agentType: AgentType;
  readonly clock: Clock;
  /**
   * How a replaced value is recognised in a text. Default: as said. The ingest worker passes
   * `mentionsValue`, which also knows an amount however it is said ("forty-five thousand dollars"
   * for $45,000); the call-start path keeps the light default (its bundle carries no number parser).
   */
  readonly mentions?: Mentions;
  /**
   * How a memory of the call that replaced a thing is shown without it, clause by clause (null:
   * nothing left). Default: not shown when it mentions one. The ingest worker passes
   * `withoutReplaced`; the call-start path (which builds a snapshot only when none was stored)
   * keeps the light default.
   */
  readonly cut?: (text: string, replaced: readonly string[]) => string | null;
  /** The ways a replaced address is mentioned later (the worker passes `addressForms`). Default: as stored. */
  readonly addressForms?: (address: string) => readonly string[];
}

/** Without the worker's wording rules: a text that mentions a replaced thing is not shown. */
const dropIfMentioned = (text: string, replaced: readonly string[]) => (replaced.some((p) => mentionsPhrase(text, p)) ? null : text);

type Mentions = (text: string, value: string) => boolean;

/** How many conversation ids a snapshot remembers for de-duplication. */
export const RECENT_CONVERSATIONS = 200;

/** The fields a memory states: extracted fields, and the key of a platform-analysis memory (`field`). */
export function fieldsOf(memory: Pick<Memory, 'metadata'>): Record<string, string> {
  const out: Record<string, string> = {};
  const keys: string[] = [...EXTRACT_FIELDS];
  const platformKey = memory.metadata.field;
  if (typeof platformKey === 'string' && platformKey.length > 0) keys.push(platformKey);
  for (const field of keys) {
    const value = memory.metadata[field];
    if (typeof value === 'string' && value.length > 0) out[field] = value;
  }
  return out;
}

/** A field memory that says nothing beyond these fields' values ("Address: 22 Larch Avenue." while that is the address). */
export function restatesFields(memory: Pick<Memory, 'metadata'>, fields: Readonly<Record<string, string>>): boolean {
  const source = memory.metadata.source;
  if (source !== 'extraction' && source !== 'platform_analysis') return false;
  const stated = Object.entries(fieldsOf(memory));
  // The known-facts line shortens a long value; the memory then still says more.
  return stated.length > 0 && stated.every(([field, value]) => fields[field] === value && value.length <= 160);
}

/** Copies a memory's fields into `into`; with `overwrite` false only fills gaps. */
function collectFields(into: Record<string, string>, memory: Memory, overwrite: boolean): void {
  for (const [field, value] of Object.entries(fieldsOf(memory))) if (overwrite || into[field] === undefined) into[field] = value;
}

/**
 * Whether a memory states a value that a newer call replaced (its budget, contact preference,
 * plan… differ from the current ones): it stays in the store for history, but is never shown as
 * current.
 */
export function isSuperseded(memory: Pick<Memory, 'metadata'>, current: Readonly<Record<string, string>>): boolean {
  for (const [field, value] of Object.entries(fieldsOf(memory))) {
    const now = current[field];
    if (!PER_CALL_FIELDS.has(field) && now !== undefined && now !== value) return true;
  }
  return false;
}

/** Whether a memory's text mentions a value that was replaced ("no more emails" once the preference is text). */
export function mentionsSuperseded(
  text: string,
  superseded: Readonly<Record<string, readonly string[]>>,
  mentions: Mentions = mentionsSaid,
): boolean {
  return Object.values(superseded).some((values) => values.some((v) => mentions(text, v)));
}

/**
 * The current fields without what a newer value replaced: a field that restates another field's
 * replaced value ("solar roof, budget about $45,000, start in September" once the budget and the
 * timeline changed) keeps only its parts that do not.
 */
export function withoutSuperseded(
  fields: Readonly<Record<string, string>>,
  superseded: Readonly<Record<string, readonly string[]>>,
  mentions: Mentions = mentionsSaid,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const others = Object.fromEntries(Object.entries(superseded).filter(([f]) => f !== field));
    if (!mentionsSuperseded(value, others, mentions)) {
      out[field] = value;
      continue;
    }
    const kept = value
      .split(/\s*(?:,(?!\d)|;)\s*|\s+and\s+(?=(?:budget|timeline|start|deadline|by|before|in|around|about)\b)/iu)
      .filter((part) => part.length > 0 && !mentionsSuperseded(part, others, mentions));
    if (kept.length > 0) out[field] = kept.join(', ');
  }
  return out;
}

/**
 * A summary without its sentences that mention a replaced value ("…after her purchase of 14 Elm
 * Grove fell through. She is now moving to 3 Skelton Lane."): the call-start reply shows only
 * current values; the summary itself stays in the store, whole. Null when no sentence is left.
 */
export function withoutSupersededSentences(
  summary: string,
  superseded: Readonly<Record<string, readonly string[]>>,
  mentions: Mentions = mentionsSaid,
): string | null {
  if (Object.keys(superseded).length === 0) return summary;
  const kept = summary.split(/(?<=[.!?])\s+(?=\p{Lu}|\p{N})/u).filter((s) => !mentionsSuperseded(s, superseded, mentions));
  return kept.length > 0 ? kept.join(' ') : null;
}

/** Where the snapshot keeps the things calls said were replaced (not a field: no value is current). */
export const REPLACED = 'replaced_phrases';

/** Adds what the memories' calls said was replaced to the superseded values (the newest kept), and when. */
function collectReplaced(into: Record<string, string[]>, memories: readonly Memory[], at: Record<string, string>): void {
  for (const memory of memories) {
    for (const phrase of replacedIn(memory)) {
      const list = (into[REPLACED] ?? []).filter((p) => p !== phrase);
      into[REPLACED] = [...list, phrase].slice(-20);
      noteReplacedAt(at, phrase, memory.createdAt);
    }
  }
  const kept = new Set(into[REPLACED] ?? []);
  for (const phrase of Object.keys(at)) if (!kept.has(phrase)) delete at[phrase];
}

/** The last summary as the call start shows it: no sentence about a replaced field value, no clause about a replaced thing. */
function shownSummary(
  summary: string | null,
  fieldValues: Readonly<Record<string, readonly string[]>>,
  replaced: readonly string[],
  mentions: Mentions,
  cut: (text: string, replaced: readonly string[]) => string | null,
): string | null {
  if (summary === null) return null;
  // What was replaced goes first, clause by clause ("…from sixty to seventy-five" → "…to
  // seventy-five"), so a sentence that says the new value is kept without the old one.
  const cutFirst = cut(summary, replaced);
  return cutFirst === null ? null : withoutSupersededSentences(cutFirst, fieldValues, mentions);
}

/** Adds `old` to the replaced values of `field` (unless it is the current value again). */
function supersede(
  into: Record<string, string[]>,
  field: string,
  old: string,
  current: string,
  addressForms: (address: string) => readonly string[] = (a) => [a],
): void {
  if (PER_CALL_FIELDS.has(field) || old === current) return;
  // A replaced address is also mentioned by its street alone ("the Elm Grove purchase fell through"),
  // unless the current one is on the same street.
  const forms =
    field === 'address' ? addressForms(old).filter((f) => f === old || !current.toLowerCase().includes(f.toLowerCase())) : [old];
  for (const form of forms) {
    const list = into[field] ?? [];
    if (!list.includes(form)) into[field] = [...list, form].slice(-10);
  }
}

/** The transcript layer is searched, not shown: only its key statements may appear at call start. */
function shownAtCallStart(memory: Memory): boolean {
  return memory.metadata.layer !== 'transcript' || memory.metadata.key_statement === true;
}

function byCreatedAsc(a: Memory, b: Memory): number {
  return (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0);
}

/** Builds the caller profile snapshot from all of a caller's memories (idempotent for the same memories). */
export function buildProfileSnapshot(allMemories: readonly Memory[], context: SnapshotContext): ProfileSnapshot {
  const now = context.clock.now();
  const live = allMemories.filter((m) => !isExpired(m, now)).sort(byCreatedAsc);
  const conversations = new Map<string, number>();
  const fields: Record<string, string> = {};
  let lastSummary: string | null = null;
  const history: Record<string, Set<string>> = {};
  for (const memory of live) {
    const conversation = memory.metadata.conversation_id;
    if (typeof conversation === 'string') conversations.set(conversation, Date.parse(memory.createdAt) || 0);
    for (const [field, value] of Object.entries(fieldsOf(memory))) {
      const seen = history[field] ?? new Set<string>();
      seen.add(value);
      history[field] = seen;
    }
    collectFields(fields, memory, true);
    if (memory.metadata.source === 'summary') lastSummary = memory.text;
  }
  const superseded: Record<string, string[]> = {};
  for (const [field, values] of Object.entries(history))
    for (const v of values) supersede(superseded, field, v, fields[field] ?? v, context.addressForms);
  const replacedAt: Record<string, string> = {};
  collectReplaced(superseded, live, replacedAt);
  const recentConversations = [...conversations.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id)
    .slice(0, RECENT_CONVERSATIONS);
  return assemble(live, fields, lastSummary, conversations.size, live.length, recentConversations, context, superseded, replacedAt);
}

function assemble(
  live: readonly Memory[],
  fields: Record<string, string>,
  lastSummary: string | null,
  callCount: number,
  memoryCount: number,
  recentConversations: readonly string[],
  context: SnapshotContext,
  superseded: Readonly<Record<string, readonly string[]>> = {},
  replacedAt: Readonly<Record<string, string>> = {},
): ProfileSnapshot {
  const now = context.clock.now();
  const { memory_config: mc, response_config: rc } = context.agentType;
  const mentions = context.mentions ?? mentionsSaid;
  const cut = context.cut ?? dropIfMentioned;
  const current = withoutSuperseded(fields, superseded, mentions);
  // Field values a newer one replaced drop the memories that state them; things the caller said were
  // replaced ("a Picanto instead of the Fiesta") are cut from what is shown, clause by clause.
  const { [REPLACED]: replacedPhrases = [], ...fieldValues } = superseded;
  const shown = live.flatMap((m) => {
    if (!shownAtCallStart(m) || isSuperseded(m, fields) || mentionsSuperseded(m.text, fieldValues, mentions)) return [];
    // The call that replaced a thing is shown without it; another call's memory about it is history.
    if (mentionsReplacedElsewhere(m, replacedBefore(m, replacedPhrases, replacedAt))) return [];
    const text = cut(m.text, replacedIn(m));
    return text === null ? [] : [text === m.text ? m : { ...m, text }];
  });
  const topMemories = rankMemories(
    // Among a call's statements, those that tell more are shown first ("delivered on Fridays,
    // starting the 24th" before "shall I apply that?"); other memories count as fully relevant.
    shown.map((m) => (typeof m.metadata.information === 'number' ? { ...m, score: Math.min(1, 0.4 + m.metadata.information / 10) } : m)),
    {
      searchWeights: mc.search_weights,
      priorityFields: mc.priority_fields,
      threshold: 0,
      // Room beside the memories that only restate a current field (the prompt lists fields on their own line).
      limit: Math.max(rc.max_memories_in_context, mc.search_limit) + shown.filter((m) => restatesFields(m, current)).length,
    },
    now,
  ).map(({ rankScore: _rank, score: _score, ...memory }) => memory);
  const expiries = topMemories
    .map((m) => m.expiresAt)
    .filter((e): e is string => e !== null)
    .sort();
  const newest = [...live].sort(byCreatedAsc).at(-1);
  return {
    version: 1,
    callerKey: context.callerKey,
    agentType: context.agentTypeName,
    updatedAt: new Date(now).toISOString(),
    callCount,
    memoryCount,
    lastCallAt: newest ? newest.createdAt : null,
    fields: current,
    topMemories,
    lastSummary: shownSummary(lastSummary, fieldValues, replacedPhrases, mentions, cut),
    validUntil: expiries[0] ?? null,
    ...(Object.keys(superseded).length > 0 ? { supersededValues: superseded } : {}),
    ...(Object.keys(replacedAt).length > 0 ? { replacedAt } : {}),
    recentConversations,
  };
}

/**
 * Folds one call's memories into the caller's previous snapshot — without reading the memory store
 * back (a remote store such as Mem0 indexes asynchronously). Re-folding the same conversation
 * replaces its memories and never counts it twice.
 */
export function updateProfileSnapshot(
  previous: ProfileSnapshot | null,
  conversationId: string,
  callMemories: readonly Memory[],
  context: SnapshotContext,
): ProfileSnapshot {
  const now = context.clock.now();
  const seen = previous?.recentConversations ?? [];
  const isNew = !seen.includes(conversationId);
  const fresh = callMemories.filter((m) => !isExpired(m, now));
  const kept = (previous?.topMemories ?? []).filter((m) => m.metadata.conversation_id !== conversationId && !isExpired(m, now));
  const pool = [...kept, ...fresh];
  const fields: Record<string, string> = { ...(previous?.fields ?? {}) };
  let lastSummary = previous?.lastSummary ?? null;
  const previousLast = previous?.lastCallAt ? Date.parse(previous.lastCallAt) : Number.NEGATIVE_INFINITY;
  const callTime = Math.max(...fresh.map((m) => Date.parse(m.createdAt) || 0), Number.NEGATIVE_INFINITY);
  // An older call arriving late fills gaps but does not overwrite newer values.
  const newest = callTime >= previousLast;
  const superseded: Record<string, string[]> = Object.fromEntries(
    Object.entries(previous?.supersededValues ?? {}).map(([k, v]) => [k, [...v]]),
  );
  const before = { ...fields };
  for (const memory of [...fresh].sort(byCreatedAsc)) {
    collectFields(fields, memory, newest);
    if (newest && memory.metadata.source === 'summary') lastSummary = memory.text;
  }
  for (const [field, old] of Object.entries(before)) supersede(superseded, field, old, fields[field] ?? old, context.addressForms);
  // Things replaced before this fold without a recorded time: replaced by the previous last call at the latest.
  const replacedAt: Record<string, string> = { ...(previous?.replacedAt ?? {}) };
  if (previous?.lastCallAt) for (const p of superseded[REPLACED] ?? []) replacedAt[p] ??= previous.lastCallAt;
  collectReplaced(superseded, [...fresh].sort(byCreatedAsc), replacedAt);
  // A value that is current again is no longer superseded.
  for (const [field, values] of Object.entries(superseded)) superseded[field] = values.filter((v) => v !== fields[field]);
  const callCount = (previous?.callCount ?? 0) + (isNew && fresh.length > 0 ? 1 : 0);
  const memoryCount = (previous?.memoryCount ?? 0) + (isNew ? fresh.length : 0);
  const recentConversations =
    fresh.length > 0 ? [conversationId, ...seen.filter((c) => c !== conversationId)].slice(0, RECENT_CONVERSATIONS) : [...seen];
  const snapshot = assemble(pool, fields, lastSummary, callCount, memoryCount, recentConversations, context, superseded, replacedAt);
  const lastCallAt =
    [previous?.lastCallAt ?? null, snapshot.lastCallAt]
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1) ?? null;
  return { ...snapshot, lastCallAt };
}
