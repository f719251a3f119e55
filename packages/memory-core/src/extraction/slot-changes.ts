import { mentionsPhrase, sentences } from '../text/text-utils';
import { CARDINAL_WORDS, parseNumberWords } from './number-words';
import { DAY_ORDINALS, MONTHS } from './timeline';

/**
 * Changes said without naming the old value: "we're down to eighty-five guests now", "visits move
 * to 9:30", "Tomasz should now be her regular carer", "we've moved the whole thing to the
 * nineteenth". A sentence of the new call that says something changed, and a sentence of an
 * earlier call about the same thing (the same counted noun, or a shared content word) with one
 * value of the same kind that differs: that earlier value is what the change replaced. The
 * result feeds the same machinery as "instead of X" (`replacedPhrases`). Pure.
 */

/** Words that say a value is new. */
const CHANGE_CUE =
  /\b(?:(?:is|are|'s|’s|'re|’re|will|should|would)\s+now|now\s+(?:has|have|got|is|are|be|going|coming|wants?|needs?|takes?|on|at|for)|any ?more|no longer|instead|mov(?:e|ed|es|ing)|chang(?:e|ed|es|ing)|switch(?:ed|ing)?|down to|up to|gone for|went for|in the end|after all|from now on|updated?|rose|risen|dropped|fell|increased?|decreased?|reduced|raised|rebooked|rescheduled|brought forward|pushed back|postponed|make it)\b/iu;
/** Words that add a thing beside the one before ("the district nurse now comes at 2pm too"): nothing is replaced. */
const ADDITIVE = /\b(?:also|too|as well|another|additional|extra|both|second)\b/iu;
/** People other than the caller: a sentence about one says nothing about another's values. */
const RELATION =
  /\b(?:husband|wife|partner|fianc[ée]e?|son|daughter|mum|mom|mother|dad|father|brother|sister|nan|gran|grandma|grandad|grandson|granddaughter|aunt|uncle|nephew|niece|cousin|friend|neighbou?r|colleague|boss|landlord|tenant|child|kids?)\b/giu;
/** A date that is not a booking: a birth, an anniversary, a year long past. */
const NOT_A_BOOKING = /\b(?:birth|born|dob|birthday|anniversary|died|passed away|(?:19\d\d))\b/iu;

/** A number as said: digits or number words ("eighty-five", "a hundred and twenty"). */
const NUMBER_WORDS = CARDINAL_WORDS.join('|');
const COUNTED = new RegExp(
  String.raw`(?<![\p{L}\p{N}£$€.,:])(\d+|(?:${NUMBER_WORDS})(?:[\s-]+(?:and[\s-]+)?(?:${NUMBER_WORDS}))*)(?:-|\s+)(?:(?:more|extra|other|regular|adult|main)\s+)?(\p{Ll}{3,})`,
  'giu',
);
/** Counted words that measure rather than name a thing ("2 metres", "three weeks"). */
const UNITS = new Set([
  'metre',
  'meter',
  'mile',
  'kilometre',
  'foot',
  'feet',
  'inch',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'time',
  'percent',
  'pound',
  'quid',
  'euro',
  'dollar',
  'penny',
  'pence',
  'o',
  'clock',
  'and',
  'or',
  'of',
  'to',
  'the',
  'for',
  'per',
  'a',
]);
const TIME =
  /(?<![\p{L}\p{N}:])(\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|half (?:past )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))(?![\p{L}\p{N}])/giu;
const DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTHS})|(${MONTHS})\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?|(?:(?:on|for|to|until|till|by|from|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+the\s+)(${DAY_ORDINALS.join('|')}|\d{1,2}(?:st|nd|rd|th)))(?![\p{L}\p{N}])`,
  'giu',
);
const AMOUNT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?`;
const MONEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:[£$€]\s?${AMOUNT}|${AMOUNT}\s?(?:pounds|euros?|dollars|quid))(?![\p{L}\p{N}])`,
  'giu',
);
/** A capitalised word inside a sentence (a person or a place), not a day or a month. */
const NAME = /(?<=\s)(\p{Lu}\p{Ll}{2,})(?:['’]s)?(?![\p{L}'’])/gu;
const CALENDAR = new RegExp(`^(?:${MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mr|mrs|ms|dr)$`, 'iu');

/** Words too common in calls and summaries to say two sentences are about the same thing. */
const COMMON = new Set(
  'about after again also asked away back been being best call called caller calling calls can could does done from give going good have here into just like made make more much need needs next only over really said same says should some still than that their them then there these they thing this time told very wants wanted well were what when where which while will with would your customer client agent order booking booked confirmed remains stays unchanged instead now new longer anymore rather actually'.split(
    ' ',
  ),
);

function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ies') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('es') && /(?:ss|sh|ch|x)es$/u.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  // A sentence's first word is capitalised only because it comes first ("Visits move to 9:30").
  const sentence = text.replace(/^\s*\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  for (const m of sentence.matchAll(/(?<![\p{L}])(\p{Ll}{4,})(?![\p{L}])/gu)) {
    const w = stem(m[1] ?? '');
    if (!COMMON.has(w) && !COMMON.has(m[1] ?? '')) out.add(w);
  }
  return out;
}

/** Words that measure or price rather than name what a value is about. */
const MEASURE = new Set([
  'month',
  'week',
  'year',
  'night',
  'hour',
  'minute',
  'pound',
  'euro',
  'dollar',
  'total',
  'price',
  'cost',
  'each',
  'head',
  'person',
  'people',
]);

/** The content words within six words of a value as said in a sentence. */
function nearWords(sentence: string, said: string): Set<string> {
  const at = sentence.indexOf(said);
  if (at < 0) return new Set();
  const before = sentence.slice(0, at).trim().split(/\s+/u).slice(-6).join(' ');
  const after = sentence
    .slice(at + said.length)
    .trim()
    .split(/\s+/u)
    .slice(0, 6)
    .join(' ');
  return new Set([...contentWords(`${before} ${after}`)].filter((w) => !MEASURE.has(w)));
}

function numberValue(said: string): number | null {
  if (/^\d+$/u.test(said)) return Number(said);
  return parseNumberWords(said.toLowerCase().split(/[\s-]+/u))?.value ?? null;
}

interface Valued {
  /** As written in the sentence. */
  readonly said: string;
  /** Comparable form. */
  readonly value: string;
}

function counts(sentence: string): Map<string, Valued[]> {
  const out = new Map<string, Valued[]>();
  for (const m of sentence.matchAll(COUNTED)) {
    const noun = stem(m[2] ?? '');
    if (UNITS.has(noun) || COMMON.has(noun) || CALENDAR.test(noun)) continue;
    const value = numberValue(m[1] ?? '');
    // "One" is as often "a" ("chocolate for one tier") as a count.
    if (value === null || value === 1) continue;
    out.set(noun, [...(out.get(noun) ?? []), { said: m[0].replace(/^\s+/u, ''), value: String(value) }]);
  }
  return out;
}

function timeValue(said: string): string {
  const s = said.toLowerCase().replace(/\./gu, '');
  const half = /^half (?:past )?(\w+)$/u.exec(s);
  if (half) return `${numberValue(half[1] ?? '') ?? half[1]}:30`;
  const m = /^(\d{1,2})(?::(\d{2}))?\s?(am|pm)?$/u.exec(s);
  if (!m) return s;
  const hour = (Number(m[1]) % 12) + (m[3] === 'pm' ? 12 : 0);
  return `${m[3] ? hour : Number(m[1])}:${m[2] ?? '00'}`;
}

function dayOf(m: RegExpMatchArray): string {
  const ordinal = (m[5] ?? '').toLowerCase();
  const spoken = (DAY_ORDINALS as readonly string[]).indexOf(ordinal);
  const day = m[1] ?? m[4] ?? (spoken >= 0 ? String(spoken + 1) : ordinal.replace(/\D/gu, ''));
  return String(Number(day));
}

/** The values of one kind in a sentence. */
function valuesOf(
  kind: 'time' | 'date' | 'money' | 'name',
  sentence: string,
  known: ReadonlySet<string>,
  names: ReadonlySet<string>,
): Valued[] {
  switch (kind) {
    case 'time':
      return [...sentence.matchAll(TIME)].map((m) => ({ said: m[1] ?? m[0], value: timeValue(m[1] ?? m[0]) }));
    case 'date':
      return [...sentence.matchAll(DATE)].map((m) => ({ said: m[5] ? m[0].replace(/^.*?\bthe\s+/iu, '') : m[0], value: dayOf(m) }));
    case 'money':
      return [...sentence.matchAll(MONEY)].map((m) => ({ said: m[0], value: m[0].replace(/[^\d.]/gu, '') }));
    case 'name': {
      // A sentence's first word is a name when the calls write it capitalised elsewhere too ("the new lad, Tomasz").
      const first = /^\s*(\p{Lu}\p{Ll}{2,})(?:['’]s)?(?![\p{L}'’])/u.exec(sentence)?.[1];
      return [...(first && names.has(first) ? [first] : []), ...[...sentence.matchAll(NAME)].map((m) => m[1] ?? '')]
        .filter((n) => !CALENDAR.test(n) && !known.has(n.toLowerCase()))
        .map((n) => ({ said: n, value: n }));
    }
  }
}

/** What the new sentence changed in the earlier one: the earlier values of the same kind. */
function replacedBetween(fresh: string, earlier: string, known: ReadonlySet<string>, names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (ADDITIVE.test(fresh)) return out;
  // A sentence about a relative or a friend changes nothing said about someone else.
  const others = new Set([...earlier.matchAll(RELATION)].map((m) => stem(m[0])));
  if ([...fresh.matchAll(RELATION)].some((m) => !others.has(stem(m[0])))) return out;
  // A counted thing: "eighty-five guests" now, "120 guests" before.
  const freshCounts = counts(fresh);
  for (const [noun, before] of counts(earlier)) {
    const now = freshCounts.get(noun);
    if (now?.length !== 1 || before.length !== 1) continue;
    if (now[0]?.value !== before[0]?.value) out.push(before[0]?.said ?? '');
  }
  // A time, date, amount or person of the same thing: a content word both sentences say close to it.
  for (const kind of ['time', 'date', 'money', 'name'] as const) {
    const now = valuesOf(kind, fresh, known, names);
    const before = valuesOf(kind, earlier, known, names);
    if (kind === 'name') {
      // One person in another's place: each sentence names one the other does not, and both are
      // followed closely by the same word ("Tomasz should now be her regular carer" — "Bronagh to
      // be her regular carer").
      const newOnes = now.filter((n) => !before.some((b) => b.value === n.value));
      const oldOnes = before.filter((b) => !now.some((n) => n.value === b.value));
      const [newOne] = newOnes;
      const [oldOne] = oldOnes;
      if (newOnes.length !== 1 || oldOnes.length !== 1 || !newOne || !oldOne) continue;
      const after = (sentence: string, name: string) =>
        contentWords(
          sentence
            .slice(sentence.indexOf(name) + name.length)
            .split(/\s+/u)
            .slice(0, 6)
            .join(' '),
        );
      const role = after(earlier, oldOne.said);
      if ([...after(fresh, newOne.said)].some((w) => role.has(w))) out.push(oldOne.said);
      continue;
    }
    const [n] = now;
    const [b] = before;
    if (now.length !== 1 || before.length !== 1 || !n || !b || n.value === b.value) continue;
    if (kind === 'date' && (NOT_A_BOOKING.test(earlier) || NOT_A_BOOKING.test(fresh))) continue;
    const close = nearWords(earlier, b.said);
    if ([...nearWords(fresh, n.said)].some((w) => close.has(w))) out.push(b.said);
  }
  return out.filter((p) => p.length > 0);
}

/**
 * The values earlier calls stated that this call's sentences of change replace ("120 guests" once
 * the call says "we're down to eighty-five guests now"). `known`: lower-case names never taken for a
 * changed value (the caller's, the agent's).
 */
export function changedFromEarlier(
  freshTexts: readonly string[],
  earlierTexts: readonly string[],
  known: ReadonlySet<string> = new Set(),
): string[] {
  const said = freshTexts.flatMap((t) => sentences(t));
  const changes = said.filter((s) => CHANGE_CUE.test(s));
  if (changes.length === 0) return [];
  const before = earlierTexts.flatMap((t) => sentences(t));
  // Words written capitalised inside a sentence somewhere: names, not words that open a sentence.
  const names = new Set([...said, ...before].flatMap((t) => [...t.matchAll(NAME)].map((m) => m[1] ?? '')));
  const found = new Set<string>();
  for (const fresh of changes) for (const earlier of before) for (const p of replacedBetween(fresh, earlier, known, names)) found.add(p);
  // A value a sentence of change also says is not what it replaced ("not going to Harrogate any more" is unclear).
  return [...found].filter((p) => !changes.some((s) => mentionsPhrase(s, p)));
}
