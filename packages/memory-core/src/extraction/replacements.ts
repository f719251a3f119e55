import { escapeRegex, mentionsPhrase } from '../text/text-utils';

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
/** "Now it's seventy-five guests, not sixty", "Friday, not Thursday": a correction names what it replaces. */
const NOT_AFTER =
  /,\s*(?:and\s+)?not\s+(?=the\s|(?!I\b)\p{Lu}|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)/gu;
/** "switched from X to Y", "changed from X to Y", "increased it from three to four". */
const GAP = String.raw`(?:(?:it|them|my|his|her|their|our|the|its|this|that)\s+)?(?:(?!(?:but|because|so|which|when|while|then|since|if|from|i|we|he|she|they|you)\b)[\p{L}\p{N}'’-]+\s+){0,12}?(?:over\s+)?from\s+`;
const CHANGED_VERB = `(?:switch(?:ed|ing)|chang(?:ed|ing)|swap(?:ped|ping)|upgrad(?:ed|ing)|downgrad(?:ed|ing)|increas(?:ed|ing)|decreas(?:ed|ing)|reduc(?:ed|ing)|rais(?:ed|ing)|lower(?:ed|ing)|bump(?:ed|ing)|push(?:ed|ing)|reschedul(?:ed|ing)|shift(?:ed|ing))`;
/** The bare verb is a request only after a modal, "to" or "please" ("can I change it from…", "called to upgrade from…"): as a noun ("a rent increase notice from the landlord") it replaces nothing. */
const CHANGE_REQUEST = String.raw`(?:(?:to|can|could|would|will|please|let's|lets|i'd like to|want to|need to)\s+(?:i\s+|we\s+|you\s+)?)(?:switch|change|swap|upgrade|downgrade|increase|decrease|reduce|raise|lower|bump|push|reschedule)`;
const REPLACED_FROM = new RegExp(String.raw`\b(?:${CHANGED_VERB}|${CHANGE_REQUEST})\s+${GAP}`, 'giu');
/** "moved his deliveries from Tuesdays to Fridays": a thing moved (a person who "moved from Denver" only relocated). */
const MOVED_FROM =
  /\b(?:mov(?:e|ed|es|ing)\s+(?:it|them|(?:my|his|her|their|our|the|its|this|that)\s+(?:(?!(?:but|because|so|which|when|while|then|since|if|from|i|we|he|she|they|you)\b)[\p{L}\p{N}'’-]+\s+){0,8})|(?:was|were|been|be|is|are|get|gets|got)\s+moved\s+)from\s+/giu;
/** "scrap the three recipes", "cancel the landline", "no more emails": the thing is dropped ("no more than £600" is a limit). */
const DISCARDED = /\b(?:scrap|ditch|cancel(?:led|ling)?|get rid of|no more(?!\s+than\b))\s+/giu;
/** "Tuesdays are no good", "the Fiesta is no longer an option": the words before say what is replaced. */
const NO_GOOD =
  /\b((?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)\s+(?:(?:is|are|'s|’s|'re|’re)\s+no (?:good|use|longer (?:any good|an option|possible|needed|wanted))|(?:don['’]t|doesn['’]t|do not|does not|won['’]t|will not) (?:work|suit)(?: for (?:me|us|him|her|them))? any ?more)\b/giu;
/** What "doesn't work any more" can replace: a day or a time of day ("Mondays don't work any more"), never a thing that broke ("the heating doesn't work any more"). */
const SCHEDULE_WORD =
  /^(?:(?:the\s+)?(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|mornings?|afternoons?|evenings?|weekends?|weekdays?|nights?|lunchtimes?|early|late)\b.*|(?:that|this|the)\s+(?:day|date|time|slot|day and time))$/iu;
/**
 * "it's not going to Harrogate any more", "we're not using the church hall anymore", "I don't
 * work at Tesco any more": what follows the verb (and its preposition) is no longer current.
 */
const NOT_ANY_MORE =
  /(?:\bnot|n['’]t|\bnever)\s+(?:(?:be|been|going|gonna|using|having|doing|working|living|staying|coming|getting|seeing|taking|use|have|do|work|live|stay|come|get|see|take|need|want|with|at|in|to|into|for|on|from|by)\s+){1,3}((?:(?!any)[\p{L}\p{N}'’-]+\s+){0,3}?[\p{L}\p{N}'’-]+)\s+any ?more\b/giu;
/** A memory's label and opening quote: `Caller said: "`, `Issue (billing): `. */
const LABEL = /^[\p{L}\s'’(),—-]{1,60}:\s*["“]?/u;
/** Number words, for "from three to four recipes" (the replaced thing is "three recipes"). */
const NUMBER_WORD =
  /^(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine))$/iu;
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

/** Month and day names: the last word of a date, never a thing of its own ("17 July" is not "July"). */
const CALENDAR_WORD =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/u;

/** A named thing is also mentioned by its last name-word alone ("the Ford Fiesta" → "the Fiesta"). */
function shortForms(phrase: string): string[] {
  const words = phrase.split(/\s+/u);
  const last = words.at(-1) ?? '';
  const forms = words.length > 1 && /^\p{Lu}\p{L}{2,}$/u.test(last) && !CALENDAR_WORD.test(last) ? [phrase, last] : [phrase];
  // "Tuesdays" is also "Tuesday" ("Tuesday's my work-from-home day").
  if (words.length === 1 && /^\p{Lu}\p{Ll}{3,}s$/u.test(phrase)) forms.push(phrase.slice(0, -1));
  return forms;
}

/** The things a text says were replaced ("a Picanto instead of the Ford Fiesta" → "Ford Fiesta"), in the order said. */
export function replacedPhrases(text: string): string[] {
  const found = new Set<string>();
  const add = (phrase: string | null) => {
    if (phrase) for (const form of shortForms(phrase)) found.add(form);
  };
  for (const re of [REPLACED_AFTER, NOT_AFTER, REPLACED_FROM, MOVED_FROM, DISCARDED]) {
    for (const m of text.matchAll(re)) {
      const rest = text.slice((m.index ?? 0) + m[0].length);
      // "from X" replaces X only when the clause goes on "to Y" ("from Monday to Friday" after a
      // change, not "a deposit from my parents").
      if ((re === REPLACED_FROM || re === MOVED_FROM) && !/^[^.;!?]*?\sto\s/iu.test(rest)) continue;
      const phrase = phraseAt(rest);
      // "from three to four recipes": the thing counted is said after the new number.
      const counted =
        phrase && NUMBER_WORD.test(phrase) ? new RegExp(`^${escapeRegex(phrase)}\\s+to\\s+[^\\s.,;:!?]+\\s+`, 'iu').exec(rest) : null;
      // The thing counted is the same before and after, named by its last word ("from two to three
      // Carniolan nucs" → "two nucs"): only the count with it was replaced.
      const thing = counted ? phraseAt(rest.slice(counted[0].length))?.split(/\s+/u).at(-1) : undefined;
      if (thing && /^\p{L}{3,}$/u.test(thing)) found.add(`${phrase} ${thing}`);
      else add(phrase);
    }
  }
  for (const m of text.matchAll(NOT_ANY_MORE)) add(phraseAt(m[1] ?? ''));
  for (const m of text.matchAll(NO_GOOD)) {
    const words = (m[1] ?? '').replace(/^(?:so|and|but|now|then|well|the|my|our|his|her)\s+/iu, '');
    if (/\bany ?more$/iu.test(m[0]) && !SCHEDULE_WORD.test(words)) continue;
    // A capital only because a sentence starts there is no name ("Weekends are no good").
    const starts = /(?:^|[.!?]\s+)$/u.test(text.slice(0, (m.index ?? 0) + (m[1] ?? '').length - words.length));
    add(phraseAt(starts ? `${words.charAt(0).toLowerCase()}${words.slice(1)}` : words));
  }
  return [...found];
}

/** For a counted thing ("three recipes"), the words that say it was changed: " from three" before "to four". */
function countedFrom(phrase: string): RegExp | null {
  const [count, ...thing] = phrase.split(' ');
  return thing.length > 0 && count && NUMBER_WORD.test(count) ? new RegExp(`\\s+from\\s+${escapeRegex(count)}(?=\\s+to\\b)`, 'giu') : null;
}

/**
 * A text without what it says about replaced things: "instead of the Fiesta" and the like are
 * removed, then every clause that still mentions one ("because the Fiesta had a faulty clutch").
 * Null when nothing is left to say.
 */
export function withoutReplaced(text: string, phrases: readonly string[]): string | null {
  const live = phrases.filter((p) => mentionsPhrase(text, p) || countedFrom(p)?.test(text) === true);
  if (live.length === 0) return text;
  // A memory's label ('Caller said: "') is not a clause of what was said.
  const label = LABEL.exec(text)?.[0] ?? '';
  const quoted = /^["“]/u.test(text.slice(label.length - 1)) && /["”]$/u.test(text);
  let out = text.slice(label.length).replace(quoted ? /["”]$/u : /$^/u, '');
  for (const phrase of live) {
    out = out.replace(
      new RegExp(
        `(?:,?\\s*(?:${REPLACED_WORDS}|from)|,\\s*not)\\s+(?:(?:the|a|an|my|our|his|her|their|your)\\s+)?(?:${escapeRegex(phrase)})(?:s|es)?(?![\\p{L}\\p{N}])`,
        /^\p{Lu}/u.test(phrase) ? 'gu' : 'giu',
      ),
      '',
    );
    const from = countedFrom(phrase);
    if (from) out = out.replace(from, '');
  }
  const sentences = out.split(/(?<=[.!?]["'”’)]*)\s+/u).flatMap((sentence) => {
    const clauses = sentence.split(/(?=,\s|;\s|:\s|\s(?:because|since|so|but|which)\s)/u);
    const kept = clauses.filter((c) => !live.some((p) => mentionsPhrase(c, p)));
    if (kept.length === clauses.length) return [sentence];
    const joined = kept
      .join('')
      .replace(/^[\s,;:]+/u, '')
      .replace(/^(?:because|since|so|but|which|and)\s+/iu, '')
      .replace(/[\s,;:]+$/u, '')
      .trim();
    if (!/\p{L}{2}/u.test(joined)) return [];
    const capitalised = `${joined.charAt(0).toUpperCase()}${joined.slice(1)}`;
    return [/[.!?]["'”’)]*$/u.test(capitalised) ? capitalised : `${capitalised}.`];
  });
  const body = sentences.join(' ').trim();
  if (!/\p{L}{3}/u.test(body)) return null;
  return `${label}${body}${quoted ? (text.at(-1) ?? '') : ''}`;
}
