import { escapeRegex } from '../text/text-utils';

/**
 * What a call says was replaced, whatever the fact: "I've bought a Picanto instead of the Fiesta",
 * "text me rather than email", "we switched from Octopus to Ovo" — the old thing is no longer
 * current. Fields have their own history (a budget replaced by a budget); these phrases cover what
 * no field holds, so the call start never shows a replaced fact as current. Pure.
 */

/** Words after which the replaced thing is named, in the languages of the product's callers. */
const REPLACED_WORDS =
  'instead of|rather than|in place of|in lieu of|en lugar de|en vez de|au lieu de|plutôt que|anstatt|statt|in plaats van|invece di|anziché|em vez de|ao invés de';
const REPLACED_AFTER = new RegExp(`\\b(?:${REPLACED_WORDS})\\s+`, 'giu');
/** "switched from X to Y", "changed from X to Y", "swapped the X for …". */
const REPLACED_FROM =
  /\b(?:switch(?:ed|ing)?|chang(?:ed|ing)|swapp?(?:ed|ing)?|upgrad(?:ed|ing)|downgrad(?:ed|ing))\s+(?:over\s+)?from\s+/giu;
/** Determiners and possessives before the replaced thing. */
const DETERMINER =
  /^(?:the|a|an|my|our|his|her|their|your|that|this|el|la|los|las|le|les|un|une|der|die|das|dem|den|een|het|de|il|lo|gli|o|os|as|um|uma)\s+/iu;
/** Words that end the replaced thing's phrase: a new clause or what comes next. */
const PHRASE_END = new Set(
  'because since as so but and or which who that when while from now for with to at on in by if though although then before after this next until'.split(
    ' ',
  ),
);
/** What says nothing about which thing was replaced ("instead of that", "rather than before"). */
const EMPTY_PHRASE = /^(?:that|this|it|them|one|ones|those|these|before|usual|normal|now|then|there|here|me|him|her|us|you)$/iu;

/** The thing named at the start of `rest`: up to four words, before punctuation or a new clause. */
function phraseAt(rest: string): string | null {
  const clause = rest.split(/[,.;:!?()"“”]/u)[0] ?? '';
  const words: string[] = [];
  for (const word of clause.replace(DETERMINER, '').split(/\s+/u)) {
    if (word.length === 0) continue;
    if (PHRASE_END.has(word.toLowerCase()) || words.length === 4) break;
    words.push(word);
  }
  const phrase = words.join(' ').replace(/['’]s$/u, '');
  if (phrase.length < 3 || EMPTY_PHRASE.test(phrase) || !/\p{L}{3}/u.test(phrase)) return null;
  return phrase;
}

/** A named thing is also mentioned by its last name-word alone ("the Ford Fiesta" → "the Fiesta"). */
function shortForms(phrase: string): string[] {
  const words = phrase.split(/\s+/u);
  const last = words.at(-1) ?? '';
  return words.length > 1 && /^\p{Lu}\p{L}{2,}$/u.test(last) ? [phrase, last] : [phrase];
}

/** The things a text says were replaced ("a Picanto instead of the Ford Fiesta" → "Ford Fiesta"), in the order said. */
export function replacedPhrases(text: string): string[] {
  const found = new Set<string>();
  for (const re of [REPLACED_AFTER, REPLACED_FROM]) {
    for (const m of text.matchAll(re)) {
      const phrase = phraseAt(text.slice((m.index ?? 0) + m[0].length));
      if (phrase) for (const form of shortForms(phrase)) found.add(form);
    }
  }
  return [...found];
}

/** Whether a text mentions a phrase as words (a plural too: "emails" mentions "email"; "Energy" only as a name). */
export function mentionsPhrase(text: string, phrase: string): boolean {
  // A name is matched as written ("Energy" of "Northwind Energy" is not the word energy); a word in any case.
  const flags = /^\p{Lu}/u.test(phrase) ? 'u' : 'iu';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(phrase)}(?:s|es)?(?![\\p{L}\\p{N}])`, flags).test(text);
}

/**
 * A text without what it says about replaced things: "instead of the Fiesta" and the like are
 * removed, then every clause that still mentions one ("because the Fiesta had a faulty clutch").
 * Null when nothing is left to say.
 */
export function withoutReplaced(text: string, phrases: readonly string[]): string | null {
  const live = phrases.filter((p) => mentionsPhrase(text, p));
  if (live.length === 0) return text;
  let out = text;
  for (const phrase of live) {
    const lead = `(?:${REPLACED_WORDS}|from)`;
    out = out.replace(
      new RegExp(
        `,?\\s*${lead}\\s+(?:(?:the|a|an|my|our|his|her|their|your)\\s+)?(?:${escapeRegex(phrase)})(?:s|es)?(?![\\p{L}\\p{N}])`,
        /^\p{Lu}/u.test(phrase) ? 'gu' : 'giu',
      ),
      '',
    );
  }
  const sentences = out.split(/(?<=[.!?]["'”’)]*)\s+/u).flatMap((sentence) => {
    const clauses = sentence.split(/(?=,\s|;\s|\s(?:because|since|so|but|as|which|and)\s)/u);
    const kept = clauses.filter((c) => !live.some((p) => mentionsPhrase(c, p)));
    if (kept.length === clauses.length) return [sentence];
    const joined = kept
      .join('')
      .replace(/^[\s,;]+/u, '')
      .replace(/^(?:because|since|so|but|as|which|and)\s+/iu, '')
      .replace(/[\s,;]+$/u, '')
      .trim();
    if (!/\p{L}{2}/u.test(joined)) return [];
    const capitalised = `${joined.charAt(0).toUpperCase()}${joined.slice(1)}`;
    const ended = /[.!?]["'”’)]*$/u.test(capitalised) ? capitalised : `${capitalised}.`;
    // A quotation closed in a clause that was removed is closed again.
    const quote = /["”]$/u.exec(sentence)?.[0];
    return [quote && !ended.endsWith(quote) ? `${ended}${quote}` : ended];
  });
  const result = sentences.join(' ').trim();
  return /\p{L}{3}/u.test(result) ? result : null;
}
