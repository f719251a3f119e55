import type { Turn } from '../domain/call-record';
import { CARDINAL_WORDS } from '../extraction/number-words';
import { sentences, squash } from '../text/text-utils';

/** One piece of what the caller said: a few consecutive sentences of one turn. */
export interface CallerStatement {
  readonly text: string;
  /** Position in the call (caller turns counted from 0). */
  readonly turn: number;
  /** How much it tells (names, numbers, places, codes, dates, entities); see `informationScore`. */
  readonly information: number;
  /**
   * What the agent had just asked or proposed (its question, else its last sentence), when the
   * statement answers it: "what had he tried?" finds "I restarted it twice" through "Have you
   * tried anything yet?".
   */
  readonly asked?: string;
  /** The text is already a whole memory (`Caller agreed: "…"`), not the caller's words to quote. */
  readonly quoted?: true;
}

/** An agent turn's question (its last one), else its last sentence: what a caller's next words answer. */
export function agentPrompt(text: string): string | null {
  const said = sentences(text);
  const prompt = [...said].reverse().find((s) => s.endsWith('?')) ?? said.at(-1);
  if (!prompt || prompt.split(/\s+/).length < 3) return null;
  return prompt.length > 240 ? `${prompt.slice(0, 237)}...` : prompt;
}

/** A short yes, in the languages the name rules read. */
const AGREEMENT =
  /^(?:(?:oh|ah|um+|uh+|well|so)[\s,]+)*(?:yes|yeah|yep|yup|sure|ok(?:ay)?|absolutely|definitely|of course|please|go ahead|sounds good|that(?:'s| is| would be) (?:fine|great|perfect|good|right|correct)|perfect|great|correct|right|sí|si|claro|vale|oui|d'accord|ja|jawohl|gerne|graag|sim|certo|va bene)\b[\s\p{P}\p{L}]{0,40}$/iu;
const REFUSAL =
  /^(?:(?:oh|ah|um+|uh+|well|so)[\s,]+)*(?:no|nope|no thanks|not really|not now|not yet|non|nein|nee|não|nah)\b[\s\p{P}\p{L}]{0,40}$/iu;
/** Agent questions about who is on the line: a yes to them is an identity, read by the name rules, not a statement. */
const IDENTITY_QUESTION = /\b(?:speaking (?:with|to)|talking (?:with|to)|is this|am i (?:speaking|talking)|who am i|is that)\b/i;

/**
 * A caller's short yes or no to what the agent proposed or asked ("I can upgrade you to the 500
 * megabit plan today." — "Yes please."), as a statement of its own: alone, "yes please" says nothing.
 */
function answerToPrompt(reply: string, prompt: string | null): string | null {
  if (!prompt || IDENTITY_QUESTION.test(prompt) || reply.split(/\s+/).length > 8) return null;
  if (AGREEMENT.test(reply)) return `Caller agreed: "${prompt}"`;
  if (REFUSAL.test(reply)) return `Caller declined: "${prompt}"`;
  return null;
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

/** Words that say a fact changed. */
const CHANGE_CUES =
  /\b(?:instead|rather than|any ?more|no longer|from now on|switch(?:ed)? (?:to|from)|changed? (?:it )?(?:to|from)|make it|scrap|(?:is|are) no good|no more(?! than))\b/iu;

/** A number said in words ("eighty-five", "three thousand eight hundred"; not "one", too often a pronoun). */
const SPOKEN_NUMBER = new RegExp(
  String.raw`\b(?:${CARDINAL_WORDS.filter((w) => w !== 'one').join('|')})(?:(?:[\s-]+(?:and[\s-]+)?)(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand))*\b`,
  'giu',
);

/** Numbers that are only a way of speaking ("two secs", "ten four"). */
const NUMBER_IDIOM = /\b(?:(?:one|two|five|ten) (?:secs?|seconds?|mins?|minutes?|ticks?|tics?)|ten four)\b/giu;

/**
 * How much a statement tells, for choosing the few statements shown at call start: numbers,
 * codes, money and dates, names and places (capitalised words inside a sentence, any script),
 * personal-fact words; not length (a rambling turn is long and says little).
 */
export function informationScore(text: string, asked?: string): number {
  let score = 0;
  const spoken = (text.replace(NUMBER_IDIOM, ' ').match(SPOKEN_NUMBER) ?? []).length;
  const numbers = (text.match(/\d+(?:[.,:/-]\d+)*/g) ?? []).length + spoken;
  score += Math.min(3, numbers) * 1.5;
  score += Math.min(2, (text.match(/\b[A-Z]{1,4}[-\s]?\d[\w-]*\b|\b\d+[A-Z]+\b/g) ?? []).length) * 1.5;
  score += /[$£€¥]|\b(?:dollars|pounds|euros?|bucks|grand)\b/i.test(text) ? 1.5 : 0;
  score += MONTH_OR_DAY.test(text) ? 1 : 0;
  const innerCapitals = text
    .split(/(?<=[.!?])\s+/)
    .flatMap((s) => s.split(/\s+/).slice(1))
    .filter((w) => /^\p{Lu}\p{Ll}/u.test(w) && !/^I(?:'|’|$)/.test(w));
  score += Math.min(3, innerCapitals.length) * 1.2;
  const cues = (text.match(new RegExp(FACT_CUES.source, 'gi')) ?? []).length;
  score += Math.min(2, cues) * 1.5;
  // An answer to the agent asking about a personal fact ("allergic to anything?" — "Yes,
  // penicillin.") tells that fact though it does not name it.
  if (cues === 0 && asked !== undefined && FACT_CUES.test(asked) && !text.trim().endsWith('?')) score += 1.5;
  // A change of fact ("can we do Fridays instead?", "scrap the three recipes"): what is current now.
  score += CHANGE_CUES.test(text) ? 2 : 0;
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
 * left out — except a yes or no to what the agent proposed, kept with the proposal — long turns
 * split at sentence ends, repeats dropped. Nothing else is dropped — this is the transcript layer
 * search reads. Each statement carries what the agent had just asked, when there was something.
 */
export function callerStatements(turns: readonly Turn[]): CallerStatement[] {
  const seen = new Set<string>();
  const out: CallerStatement[] = [];
  let turnIndex = -1;
  let prompt: string | null = null;
  for (const turn of turns) {
    if (turn.speaker !== 'caller') {
      prompt = turn.speaker === 'agent' ? agentPrompt(turn.text) : prompt;
      continue;
    }
    turnIndex += 1;
    const pieces = chunks(squash(turn.text));
    pieces.forEach((piece, i) => {
      const text = piece.length > 600 ? `${piece.slice(0, 597)}...` : piece;
      const asked = i === 0 && prompt ? { asked: prompt } : {};
      if (text.split(/\s+/).length < MIN_WORDS || PLEASANTRY.test(text)) {
        const answer = pieces.length === 1 ? answerToPrompt(text, prompt) : null;
        if (answer && !seen.has(answer.toLowerCase())) {
          seen.add(answer.toLowerCase());
          out.push({ text: answer, turn: turnIndex, information: informationScore(prompt ?? ''), quoted: true });
        }
        return;
      }
      const key = text.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ text, turn: turnIndex, information: informationScore(text, i === 0 ? (prompt ?? undefined) : undefined), ...asked });
    });
    prompt = null;
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
