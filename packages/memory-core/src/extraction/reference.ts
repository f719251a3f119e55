import type { Turn } from '../domain/call-record';
import { sentences } from '../text/text-utils';

/**
 * The caller's account, membership, customer, policy or booking number: a code (letters and
 * digits, "FH-204-3381", "SKY 77 20 41", "7731 0496") said after a word that names it, in the
 * caller's sentence ("my membership number is …", "die Kundennummer ist …"), in the agent's
 * question the caller answers ("Can I take your policy number?" — "PL-448 201."), or read out by
 * the agent ("Your booking reference is GLA-58213"). Phone numbers, postcodes, amounts and dates
 * are never references: a code counts only after a reference word.
 */

/** Words that name a reference, in the languages the name rules read (compounds written as one word too). */
const REFERENCE_WORDS = String.raw`(?:account|membership|member|customer|client|policy|contract|loyalty|frequent\s+(?:flyer|renter)|patient|tenancy|kundennummer|vertragsnummer|mitgliedsnummer|kunden|vertrags|numéro\s+(?:de\s+)?(?:client|compte|contrat)|número\s+de\s+(?:cliente|cuenta|socio|contrato|póliza)|numero\s+(?:di\s+)?(?:cliente|conto|contratto)|numer\s+(?:klienta|konta|umowy)|klantnummer|lidnummer|kundnummer|müşteri\s+numarası)`;
/** "number", "no.", "ID", "code" and their like after the reference word ("membership number", "policy no."). */
const NUMBER_WORDS = String.raw`(?:\s+(?:number|no\.?|num|id|code|reference|ref|nummer|numéro|número|numero|numer))?(?:['’]s)?`;
/** A reference word, then up to a few filler words ("membership number is", "reference for that is"). */
const CUE = new RegExp(
  String.raw`\b${REFERENCE_WORDS}${NUMBER_WORDS}\b(?:[\s,:#-]+(?:it\s+is|it's|its|that\s+is|that's|is\s+just|is|was|ist|est|es|è|jest|should\s+be|for\s+that\s+is|here\s+is)\b)?[\s,:#-]*`,
  'giu',
);
/** A relative's or someone else's, right before the reference word. */
const SOMEONE_ELSES =
  /\b(?:my|our|his|her|their|the)\s+(?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|friend|neighbou?r|landlord|boss|tenant|employer|company|business)['’]s\s+$/iu;
/** A code: letters and digits, with at least three digits, in groups joined by spaces, hyphens or slashes. */
const CODE = /^(?:[A-Z]{0,4}[\s-]?)?\d[\dA-Z]*(?:[\s/-][\dA-Z]+)*/u;
/** Words that make a number someone's phone, not a reference. */
const PHONE = /\b(?:phone|mobile|cell|landline|telephone|ring me on|call me on|number to call|whatsapp|handynummer|telefon)\b/iu;
/** An agent asking for a reference ("Can I take your membership number?", "Have you got the order reference?"). */
const ASKS_FOR_REFERENCE = new RegExp(String.raw`\b${REFERENCE_WORDS}${NUMBER_WORDS}\b[^.!]*\?`, 'iu');

/** The code at the start of `rest`, tidied (a trailing full stop dropped), when it has three digits or more. */
function codeAt(rest: string): string | null {
  // Letters of a code are written as capitals ("FH-204-3381"); a lower-case word before digits is
  // a word of the sentence ("for 2025", "in 2024"), not part of a code.
  const m = CODE.exec(rest.replace(/^["“'(]+/, ''));
  if (!m) return null;
  // A group of letters only ends the code unless it is a code's own (SKY 77 20 41 starts with one).
  const code = m[0].replace(/[\s/-]+$/u, '').replace(/(?:[\s/-]+[A-Z]+)+$/u, (tail) => (/\d/.test(tail) ? tail : ''));
  const digits = code.replace(/\D/g, '').length;
  if (digits < 3 || code.length < 4) return null;
  // Digits alone are a reference only when there are five or more: fewer are an amount, a count or
  // a year ("1500 bricks", "4500 plus VAT", "in 2024").
  if (!/\p{L}/u.test(code) && digits < 5) return null;
  return code;
}

/** A reference said in one sentence after a word naming it, or null. */
export function findReference(sentence: string): string | null {
  if (PHONE.test(sentence)) return null;
  let found: string | null = null;
  for (const m of sentence.matchAll(CUE)) {
    // "My husband's account number is…": someone else's.
    if (SOMEONE_ELSES.test(sentence.slice(0, m.index ?? 0))) continue;
    const code = codeAt(sentence.slice((m.index ?? 0) + m[0].length));
    if (code) found = code;
  }
  return found;
}

/** A caller's turn that is a code and little else ("FH-204-3381.", "It's 7731 0496, I think"). */
function bareCode(text: string): string | null {
  const rest = text
    .trim()
    .replace(/^(?:(?:yes|yeah|yep|sure|ok|okay|right|so|um|uh|er|erm|it's|its|it is|that's|that is|ja|oui|sí|si|tak)[\s,.!-]+)*/iu, '');
  const code = codeAt(rest);
  if (!code) return null;
  // Little else: the code is most of what the turn says.
  return code.length >= rest.replace(/[.,!?\s]+$/u, '').length * 0.5 ? code : null;
}

/** The agent reading a reference to the caller ("Your booking reference is GLA-58213"). */
const AGENT_GIVES = new RegExp(String.raw`\byour\s+(?:new\s+)?${REFERENCE_WORDS}${NUMBER_WORDS}\s+(?:is|will be)\s+`, 'giu');

/**
 * The latest reference of the call: the caller's own words, the caller's answer to the agent
 * asking for one, or one the agent gives the caller.
 */
export function referenceOfCall(turns: readonly Turn[]): string | null {
  let value: string | null = null;
  let previousAgent = '';
  for (const turn of turns) {
    if (turn.speaker === 'agent') {
      previousAgent = turn.text;
      for (const m of turn.text.matchAll(AGENT_GIVES)) value = codeAt(turn.text.slice((m.index ?? 0) + m[0].length)) ?? value;
      continue;
    }
    if (turn.speaker !== 'caller') continue;
    let found: string | null = null;
    for (const s of sentences(turn.text)) found = findReference(s) ?? found;
    // "Hang on, it's on the bill… right, here it is. EN-4471-2093.": a sentence that is the code.
    if (found === null && ASKS_FOR_REFERENCE.test(previousAgent) && !PHONE.test(previousAgent))
      for (const s of [turn.text, ...sentences(turn.text)]) found ??= bareCode(s);
    value = found ?? value;
    previousAgent = '';
  }
  return value;
}
