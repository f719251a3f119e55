import type { Turn } from '../domain/call-record';
import { sentences, squash } from '../text/text-utils';

/** One piece of what the caller said: a few consecutive sentences of one turn. */
export interface CallerStatement {
  readonly text: string;
  /** Position in the call (caller turns counted from 0). */
  readonly turn: number;
  /** How much it tells (names, numbers, places, codes, dates, entities); see `informationScore`. */
  readonly information: number;
}

/** Longest statement kept as one memory, in words (longer turns are split at sentence ends). */
export const STATEMENT_MAX_WORDS = 45;
const MIN_WORDS = 4;

const PLEASANTRY =
  /^(?:(?:hi|hello|hey|yes|yeah|yep|no|nope|ok(?:ay)?|sure|thanks|thank you|great|perfect|right|alright|bye|goodbye|cheers|lovely|brilliant|fine|good|uh+|um+|hmm+|mm+|oh|ah|well|so|and|that's all|that is all|speak soon|bye for now|ha|is that right)\b[\s,.!?'-]*)+$/i;

const MONTH_OR_DAY =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|yesterday|week|month|year|spring|summer|autumn|fall|winter|christmas|birthday|anniversary)\b/i;
/** Words that mark a personal fact worth keeping even when said once in passing. */
const FACT_CUES =
  /\b(?:allerg\w*|medication|medicine|prescri\w*|diagnos\w*|diabet\w*|asthma|blood|surgery|operation|pregnan\w*|expecting|school|college|university|plate|registration|licen[cs]e|address|street|road|avenue|apartment|flat|postcode|zip|account|policy|number|password|pin|birthday|born|married|divorced|engaged|wedding|husband|wife|partner|son|daughter|child(?:ren)?|kids?|mother|father|mum|mom|dad|brother|sister|grand\w+|dog|cat|pet|job|work(?:s|ed)? (?:as|at|for)|retired|moved|live[sd]?|allergic|vegetarian|vegan|intolerant|prefer\w*|budget|afford|spend|price|cost|quote|deadline|appointment)\b/i;

/**
 * How much a statement tells, for choosing the few statements shown at call start: numbers,
 * codes, money and dates, names and places (capitalised words inside a sentence, any script),
 * personal-fact words; not length (a rambling turn is long and says little).
 */
export function informationScore(text: string): number {
  let score = 0;
  score += Math.min(3, (text.match(/\d+(?:[.,:/-]\d+)*/g) ?? []).length) * 1.5;
  score += Math.min(2, (text.match(/\b[A-Z]{1,4}[-\s]?\d[\w-]*\b|\b\d+[A-Z]+\b/g) ?? []).length) * 1.5;
  score += /[$£€¥]|\b(?:dollars|pounds|euros?|bucks|grand)\b/i.test(text) ? 1.5 : 0;
  score += MONTH_OR_DAY.test(text) ? 1 : 0;
  const innerCapitals = text
    .split(/(?<=[.!?])\s+/)
    .flatMap((s) => s.split(/\s+/).slice(1))
    .filter((w) => /^\p{Lu}\p{Ll}/u.test(w) && !/^I(?:'|’|$)/.test(w));
  score += Math.min(3, innerCapitals.length) * 1.2;
  score += Math.min(2, (text.match(new RegExp(FACT_CUES.source, 'gi')) ?? []).length) * 1.5;
  const words = text.split(/\s+/).length;
  return Math.round((score + Math.min(1, words / 30)) * 100) / 100;
}

/** Splits one caller turn into statements of at most `STATEMENT_MAX_WORDS` words, at sentence ends. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (const sentence of sentences(text)) {
    const n = sentence.split(/\s+/).length;
    if (count > 0 && count + n > STATEMENT_MAX_WORDS) {
      out.push(current.join(' '));
      current = [];
      count = 0;
    }
    current.push(sentence);
    count += n;
  }
  if (current.length > 0) out.push(current.join(' '));
  return out.flatMap((c) => {
    const words = c.split(/\s+/);
    if (words.length <= STATEMENT_MAX_WORDS * 1.5) return [c];
    const parts: string[] = [];
    for (let i = 0; i < words.length; i += STATEMENT_MAX_WORDS) parts.push(words.slice(i, i + STATEMENT_MAX_WORDS).join(' '));
    return parts;
  });
}

/**
 * Every substantive thing the caller said, in call order: pleasantries and one-word answers
 * left out, long turns split at sentence ends, repeats dropped. Nothing else is dropped — this is
 * the transcript layer search reads.
 */
export function callerStatements(turns: readonly Turn[]): CallerStatement[] {
  const seen = new Set<string>();
  const out: CallerStatement[] = [];
  let turnIndex = -1;
  for (const turn of turns) {
    if (turn.speaker !== 'caller') continue;
    turnIndex += 1;
    for (const piece of chunks(squash(turn.text))) {
      const text = piece.length > 600 ? `${piece.slice(0, 597)}...` : piece;
      if (text.split(/\s+/).length < MIN_WORDS || PLEASANTRY.test(text)) continue;
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text, turn: turnIndex, information: informationScore(text) });
    }
  }
  return out;
}

/**
 * The `max` statements that tell the most, spread over the call: the call is cut into `max`
 * stretches and each stretch first gives its most informative statement; what is left is filled
 * by information alone. Returned in call order.
 */
export function keyStatements(statements: readonly CallerStatement[], max: number): CallerStatement[] {
  if (statements.length <= max) return [...statements];
  const chosen = new Set<CallerStatement>();
  const lastTurn = Math.max(...statements.map((s) => s.turn), 0);
  const span = (lastTurn + 1) / max;
  for (let i = 0; i < max; i += 1) {
    const stretch = statements.filter((s) => s.turn >= i * span && s.turn < (i + 1) * span && s.information > 0);
    const best = [...stretch].sort((a, b) => b.information - a.information)[0];
    if (best && [...chosen].every((c) => c.information <= best.information * 3 || chosen.size < max)) chosen.add(best);
  }
  const byInformation = [...statements].sort((a, b) => b.information - a.information || a.turn - b.turn);
  // The globally most informative statements must not lose their place to a stretch's best.
  const top = byInformation.slice(0, Math.ceil(max / 2));
  const result = new Set<CallerStatement>(top);
  for (const s of [...chosen].sort((a, b) => b.information - a.information)) if (result.size < max) result.add(s);
  for (const s of byInformation) if (result.size < max) result.add(s);
  return [...result].sort((a, b) => a.turn - b.turn);
}
