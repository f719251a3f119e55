import type { CallDirection, Turn } from '../domain/call-record';
import { escapeRegex } from '../text/text-utils';
import {
  CONFIRMATIONS,
  DENIALS,
  FILLERS,
  IDENTITY_QUESTIONS,
  NAME_PARTICLES,
  NAME_QUESTIONS,
  NAME_THEN,
  NOT_NAMES,
  SELF_INTRODUCTIONS,
  SPELLING_ALPHABET,
  SURNAME_INTRODUCTIONS,
  TITLES,
} from './name-lexicon';
import { isSpokenDigit } from './number-words';

export interface NameInput {
  readonly turns: readonly Turn[];
  readonly summary: string | null;
  readonly direction?: CallDirection;
  /** The agent's name from the platform's metadata, when it sends one. */
  readonly agentName?: string | null;
}

/** A name word as compared: lower case, without diacritics or special letters ("Małgorzata" = "malgorzata"). */
export function foldName(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ł/gu, 'l')
    .replace(/ø/gu, 'o')
    .replace(/[đð]/gu, 'd')
    .replace(/þ/gu, 'th')
    .replace(/œ/gu, 'oe')
    .replace(/ß/gu, 'ss')
    .replace(/æ/gu, 'ae')
    .replace(/ı/gu, 'i');
}

/** How many of a word's letters carry a mark or are special letters ("Wróblewska": 1). */
function marksIn(word: string): number {
  return [...word.toLowerCase()].filter((c) => c !== foldName(c)).length;
}

/** The word written with more of its letters' marks: "Wróblewska" over "Wroblewska" (the same name folded). */
function fuller(a: string, b: string): string {
  return marksIn(b) > marksIn(a) ? b : a;
}

/** A name read from text: its words as they should be written, and a title when one preceded it. */
interface NameWords {
  readonly words: string[];
  readonly title: string | null;
}

/** How alike two words are (1 − edit distance / longer length), diacritics and case folded. */
export function likeness(a: string, b: string): number {
  const fold = (w: string) =>
    w
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  const x = fold(a);
  const y = fold(b);
  if (x === y) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1)
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1)));
    previous = row;
  }
  return 1 - (previous[y.length] ?? 0) / Math.max(x.length, y.length, 1);
}

/** The word of a name a new spelling or correction most likely replaces (same first letter, alike), or -1. */
function likelyTarget(words: readonly string[], word: string): number {
  let best = -1;
  let score = 0.5;
  words.forEach((w, i) => {
    if (NAME_PARTICLES.has(w.toLowerCase())) return;
    const sameStart = likeness(w.charAt(0), word.charAt(0)) === 1;
    const l = likeness(w, word);
    if (sameStart && l >= score) {
      best = i;
      score = l;
    }
  });
  return best;
}

const apostrophes = (s: string) => s.replace(/[’‘`´]/g, "'");

function phraseRegex(phrases: readonly string[]): RegExp {
  const sorted = [...phrases].sort((a, b) => b.length - a.length).map((p) => escapeRegex(apostrophes(p)).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<=^|[\\s,.;:!?¿¡"“(])(?:${sorted.join('|')}),?\\s+`, 'giu');
}

const CALLER_INTRO = phraseRegex(Object.values(SELF_INTRODUCTIONS).flat());
/** In a cased transcript "I'm" keeps its apostrophe: "Im" there is German ("Im Keller steht Wasser"), no introduction. */
const CALLER_INTRO_CASED = phraseRegex(
  Object.values(SELF_INTRODUCTIONS)
    .flat()
    .filter((p) => p !== 'im'),
);
/** "Friends call me", "everyone calls me", "my mates call me": what follows is a nickname. */
const NICKNAME_BEFORE =
  /\b(?:friends|everyone|everybody|people|family|mates|they|most people|my (?:friends|family|mates|mum|mom|dad|kids|wife|husband|partner))\s+(?:all\s+)?calls?\s+me,?\s+$/iu;

/** An agent asking to hear the last words again. */
const REPEAT_REQUEST =
  /\b(?:repeat (?:that|it|your name)|say (?:that|it) again|come again|pardon|(?:didn['’]?t|did not|couldn['’]?t) (?:quite )?(?:catch|hear)|one more time)\b/iu;

/** Introductions that can only be the speaker's own name ("my name is", "I'm", "call me"), not "it's" or "this is". */
const OWN_INTRO = phraseRegex(
  Object.values(SELF_INTRODUCTIONS)
    .flat()
    // "im" is also German ("hinten im Garten"): without its apostrophe it is weak.
    .filter((p) => !/^(?:it'?s|its|it is|this is|im|c'est|ici|hier ist|aqui é|qui è|habla|fala|parla)$/iu.test(p)),
);
/**
 * "It's", "this is" and their like introduce a name only where a caller opens with one — a turn's
 * or sentence's start after greetings, a vocative or an apology ("Hi Rhys, sorry, it's Gareth"),
 * never mid-sentence ("now it's Ode to Joy ninety times a day", "this is Luna's fourth visit").
 */
const WEAK_INTRO_PREFIX =
  /^(?:(?:hi|hello|hey|hiya|yes|yeah|yep|yup|sure|ok|okay|oh|ah|um|uh|er|erm|so|well|right|and|but|sorry|to|bother|you|again|there|look|listen|no|nope|actually|mean|i|it's|its|it|is|this|like|just|alright|love|thank|thanks|cheers|mate|dear|guten|tag|morgen|abend|buenos|buenas|días|dias|tardes|noches|bom|boa|bonsoir|buongiorno|buonasera|goedemorgen|goedemiddag|goedenavond|dag|god|morning|afternoon|evening|good|hola|bonjour|hallo|ciao|olá|oi|dia|tarde|hej|cześć|dzień|dobry|merhaba|salut|allo|allô)[\s,.!-]*)*$/iu;
const AGENT_INTRO = phraseRegex([...Object.values(SELF_INTRODUCTIONS).flat(), "you're through to", 'you are through to', 'through to']);
const SURNAME_INTRO = phraseRegex(SURNAME_INTRODUCTIONS);
const IDENTITY = phraseRegex(IDENTITY_QUESTIONS);
const SPELLED = /(?<![\p{L}\p{N}-])(\p{L}(?:-\p{L}){2,}|\p{L}(?:\.\p{L}){2,}|\p{Lu}(?: \p{Lu}){2,})(?![\p{L}\p{N}])/gu;
/** Whether a text spells anything (SPELLED, without the global flag's state). */
const SPELLED_ANY = new RegExp(SPELLED.source, 'u');
/** Letters spelled out one by one in an uncased ASR transcript ("d u b o i s"). */
const SPELLED_UNCASED = /(?<![\p{L}\p{N}'])(\p{L}(?: \p{L}){3,})(?![\p{L}\p{N}])/gu;
/** "Marc is with a C", "it's Zoe with a Z", "Ann without an E": a name and how one of its letters goes. */
const LETTER_NOTE = /(?<![\p{L}])(\p{L}[\p{L}'-]+),?\s+(?:is\s+|it's\s+|spelled\s+|spelt\s+)*(?:with|without)\s+an?\s+\p{L}\b/giu;
const LEADING_INTERJECTION =
  /^(?:(?:hi|hello|hey|hiya|yes|yeah|yep|sure|ok|okay|oh|um|uh|er|so|well|right|morning|good (?:morning|afternoon|evening)|evening|afternoon|hola|buenas(?: tardes| noches)?|buenos días|bonjour|bonsoir|guten (?:morgen|tag|abend)|hallo|bom dia|boa tarde|olá|buongiorno|buonasera|ciao|goedemorgen|goedemiddag|goedenavond|there|it's|its)[\s,.!-]+)+/iu;

/** Whether every letter of the text is lower case (an ASR transcript without casing). */
export function isUncased(text: string): boolean {
  return !/\p{Lu}/u.test(text.replace(/\bI\b/g, 'i'));
}

/** "o'brien" → "O'Brien", "jean-luc" → "Jean-Luc"; particles stay lower case. */
export function properCase(word: string): string {
  if (NAME_PARTICLES.has(word.toLowerCase())) return word.toLowerCase();
  return (
    word
      .toLowerCase()
      .replace(/(^|[-'])(\p{L})/gu, (_, sep: string, letter: string) => `${sep}${letter.toUpperCase()}`)
      .replace(/^(\p{L})'(\p{L})/u, (_, a: string, b: string) => `${a.toUpperCase()}'${b.toUpperCase()}`)
      // Mc is always followed by a capital (McGee, McAllister); Mac is not (Mackenzie, Macey).
      .replace(/^Mc(\p{Ll})/u, (_, letter: string) => `Mc${letter.toUpperCase()}`)
  );
}

/** Words with which a speaker takes back the name just said and says another ("it's shaz, well, sharon mcgee"). */
const SELF_REPAIRS = [['well'], ['sorry'], ['i', 'mean'], ['or', 'rather'], ['no', 'wait'], ['actually']];

/** How many tokens at `i` are a self-repair (0 when none). */
function selfRepairAt(tokens: readonly string[], i: number): number {
  const lower = (t: string | undefined) => (t ?? '').replace(/[.,!?;:"”)…]+$/, '').toLowerCase();
  const found = SELF_REPAIRS.find((words) => words.every((w, k) => lower(tokens[i + k]) === w));
  return found?.length ?? 0;
}

/** A token as compared with word lists: lower case, without surrounding punctuation. */
function bare(token: string | undefined): string {
  return (token ?? '')
    .replace(/^["“'(¿¡]+/, '')
    .replace(/[.,!?;:"”)…]+$/, '')
    .toLowerCase();
}

/**
 * Whether the token at `i` spells a letter of the spelling alphabet ("yankee kilo one seven"): a
 * word of the alphabet beside another one, a number or a single letter (fillers between skipped).
 */
function spellsLetter(tokens: readonly string[], i: number): boolean {
  if (!SPELLING_ALPHABET.has(bare(tokens[i]))) return false;
  const letterOrNumber = (t: string) => SPELLING_ALPHABET.has(t) || /^(?:\p{L}|\p{N}+)$/u.test(t) || (NOT_NAMES.has(t) && isSpokenDigit(t));
  for (const step of [-1, 1]) {
    let j = i + step;
    while (j >= 0 && j < tokens.length && FILLERS.has(bare(tokens[j]))) j += step;
    const t = bare(tokens[j]);
    if (t.length > 0 && letterOrNumber(t)) return true;
  }
  return false;
}

/** Whether a text goes on with a digit, written or said ("… 4 4 8", "… nine nine four"): letters before it are a code. */
function readsOnAsDigits(rest: string): boolean {
  const next = /^[\s,.-]*(\d|\p{L}+)/u.exec(rest)?.[1] ?? '';
  return /^\d$/u.test(next) || isSpokenDigit(next.toLowerCase());
}

function isSpelled(token: string): boolean {
  return /^\p{L}(?:[-.]\p{L}){1,}\.?$/u.test(token);
}

/** A word that may be part of a name: letters (any script), apostrophes and hyphens; not a common word. */
export function isNameWord(word: string, uncased: boolean): boolean {
  if (!/^\p{L}[\p{L}\p{M}'-]*$/u.test(word) || word.length < 2 || isSpelled(word)) return false;
  if (NOT_NAMES.has(word.toLowerCase())) return false;
  return uncased || /^\p{Lu}/u.test(word);
}

/** Reads up to `max` name words at the start of `rest` (fillers and stutters skipped). */
function readName(rest: string, uncased: boolean, max = 3): NameWords | null {
  const tokens = rest.split(/\s+/).slice(0, 12);
  const words: string[] = [];
  let title: string | null = null;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const core = token.replace(/^["“'(¿¡]+/, '').replace(/[.,!?;:"”)…]+$/, '');
    const closes = core.length < token.replace(/^["“'(¿¡]+/, '').length;
    const lower = bare(token);
    if (core.length === 0) break;
    if (words.length === 0 && title === null && Object.hasOwn(TITLES, lower)) {
      title = TITLES[lower] || null;
      if (closes && !token.endsWith('.')) break;
      continue;
    }
    // "shaz, well, sharon mcgee": the name said after a self-repair replaces the one before it.
    const repair = words.length > 0 ? selfRepairAt(tokens, i) : 0;
    if (repair > 0) {
      const restated = readName(tokens.slice(i + repair).join(' '), uncased, max);
      if (restated) return { words: restated.words, title: restated.title ?? title };
      break;
    }
    if (FILLERS.has(lower) && (uncased || words.length === 0)) {
      if (closes && words.length > 0) break;
      continue;
    }
    if (words.length > 0 && lower === words[words.length - 1]?.toLowerCase()) {
      if (closes) break;
      continue;
    }
    if (words.length > 0 && NAME_PARTICLES.has(lower) && !closes) {
      // "de la Cruz", "van der Berg", "de los Santos": particles, then a name word.
      let j = i + 1;
      while (j < tokens.length && NAME_PARTICLES.has(bare(tokens[j]))) j += 1;
      const next = (tokens[j] ?? '').replace(/[.,!?;:"”)…]+$/, '');
      if (isNameWord(next, uncased)) {
        // As written in cased text (Irish "Ní Dhúill", "Nic"), lower case from uncased speech.
        words.push(uncased ? lower : core);
        continue;
      }
    }
    if (!isNameWord(core, uncased)) break;
    // "its uh yankee kilo one seven": a registration spelled, not a name.
    if (spellsLetter(tokens, i)) return words.length > 0 ? { words, title } : null;
    words.push(uncased ? properCase(core) : core);
    // "Lena, Lena Sayegh": the name restated with more of it.
    const next = (tokens[i + 1] ?? '').replace(/[.,!?;:"”)…]+$/, '').toLowerCase();
    if (closes && token.endsWith(',') && words.length === 1 && next === lower) continue;
    if (closes || words.filter((w) => !NAME_PARTICLES.has(w)).length >= max) break;
  }
  while (words.length > 0 && NAME_PARTICLES.has(words[words.length - 1] ?? '')) words.pop();
  return words.length > 0 ? { words, title } : null;
}

function namesAfter(text: string, re: RegExp, uncased: boolean, max = 3): { at: number; start: number; name: NameWords }[] {
  const out: { at: number; start: number; name: NameWords }[] = [];
  const source = apostrophes(text);
  for (const m of source.matchAll(re)) {
    const at = (m.index ?? 0) + m[0].length;
    const name = readName(source.slice(at), uncased, max);
    if (name) out.push({ at, start: m.index ?? 0, name });
  }
  return out;
}

/** Whether what a sentence says before an introduction at `start` is only greetings and a vocative. */
function opensSentence(text: string, start: number, excluded: ReadonlySet<string>): boolean {
  const before = apostrophes(text)
    .slice(0, start)
    .split(/(?<=[.!?])\s+/)
    .at(-1) as string;
  // A vocative: the agent's name, or a capitalised word set off by a comma ("Hey Dev, it's Marisol").
  const words = before
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .filter((w) => !excluded.has(bare(w)) && !/^\p{Lu}[\p{L}'-]*[,!]$/u.test(w));
  return WEAK_INTRO_PREFIX.test(words.join(' '));
}

function firstSentence(text: string): string {
  return apostrophes(text).split(/(?<=[.!?])\s+/)[0] ?? '';
}

/** A caller's turn opening with a greeting or thanks ("Hi", "Thanks,"), before the name greeted. */
const CALLER_GREETING =
  /^(?:(?:oh|ah|well|okay|ok)[\s,]+)?(?:hi|hey|hello|hiya|heya|morning|good (?:morning|afternoon|evening)|evening|afternoon|thanks|thank you|cheers|bye|goodbye|see you|night)(?:\s+again)?[\s,]+/iu;
/** A cased first name set off as a vocative ("Dev!", "Lorraine.", "Priya, how's…"). */
const VOCATIVE_NAME = /^(\p{Lu}\p{Ll}[\p{L}'-]*)(?=[,!?]|\.(?:\s|$)|\s*$)/u;

/** The name a caller's turn greets or thanks ("Hey Dev!", "Thanks, Lorraine.", "Priya! Guess what"), or null. */
function greetedName(text: string): string | null {
  const greeting = CALLER_GREETING.exec(text);
  if (greeting) {
    const rest = text.slice(greeting[0].length);
    const name = VOCATIVE_NAME.exec(rest)?.[1] ?? null;
    // "Morning, Dave, from Smith Builders", "Hi, Dave here": the caller's own name, not a greeting.
    const after = name ? rest.slice(name.length).replace(/^[\s,.!?]+/u, '') : '';
    return name && !/^(?:from|here|speaking|calling|ringing|again|of)\b/iu.test(after) ? name : null;
  }
  return /^(\p{Lu}\p{Ll}[\p{L}'-]*)!/u.exec(text)?.[1] ?? null;
}
/** An agent checking who it is speaking with ("Is that…", "Am I speaking with…"). */
const IDENTITY_START = /\b(?:is (?:that|this)|am i (?:speaking|talking) (?:with|to)|are you)\b[^.!?]*\?\s*$/iu;

/** Names the agent goes by: the platform's metadata and how the agent introduces itself. */
export function agentNames(input: Pick<NameInput, 'turns' | 'agentName'>): Set<string> {
  const names = new Set<string>();
  const addWords = (words: readonly string[]) => {
    for (const w of words) if (!NAME_PARTICLES.has(w.toLowerCase())) names.add(w.toLowerCase());
  };
  if (input.agentName) addWords(input.agentName.split(/\s+/).filter((w) => /\p{L}/u.test(w)));
  let previousAgent = '';
  for (const turn of input.turns) {
    if (turn.speaker === 'caller') {
      // "Hey Dev!", "Thanks, Lorraine.": the caller greets or thanks the agent by name — unless the
      // agent has just asked who is calling ("Hello, Sharon." is then the caller's own name).
      const asked = NAME_QUESTIONS.some((q) => q.test(previousAgent)) || IDENTITY_START.test(previousAgent);
      const named = asked ? null : greetedName(apostrophes(turn.text));
      if (named) addWords([named]);
      continue;
    }
    if (turn.speaker !== 'agent') continue;
    previousAgent = apostrophes(turn.text);
    const uncased = isUncased(turn.text);
    // "Am I speaking with Emeka Okonkwo?" names the person called, not the agent.
    const asked = new Set(namesAfter(turn.text, IDENTITY, uncased).flatMap((n) => n.name.words.map((w) => w.toLowerCase())));
    for (const { name } of namesAfter(turn.text, AGENT_INTRO, uncased, 2))
      if (!asked.has(name.words[0]?.toLowerCase() ?? '')) addWords(name.words);
    const opening = readName(firstSentence(turn.text).replace(LEADING_INTERJECTION, ''), uncased, 2);
    // "Max here", "Sophie speaking", "Sophie from Bondi Blinds here": the agent naming itself.
    const afterOpening = opening
      ? firstSentence(turn.text).replace(LEADING_INTERJECTION, '').split(/\s+/).slice(opening.words.length).join(' ')
      : '';
    if (opening && /^(?:(?:here|speaking)\b|from\s+[^.!?]{1,60}?\s(?:here|speaking)\b)/iu.test(afterOpening)) addWords(opening.words);
  }
  return names;
}

const RELATIONS =
  'husband|wife|partner|spouse|son|daughter|child|kid|mother|mum|mom|father|dad|brother|sister|aunt|uncle|cousin|grandson|granddaughter|grandmother|grandfather|nan|gran|friend|neighbour|neighbor|colleague|coworker|co-worker|boss|manager|assistant|secretary|landlord|tenant|lawyer|accountant|doctor|dr|agent|representative|rep|technician|engineer|fiancé|fiance|fiancée|girlfriend|boyfriend';
/** People a caller speaks for or about, besides relations: whose name an agent may ask. */
const WARDS = 'child|baby|kid|pet|dog|cat|puppy|horse|patient|student|pupil|tenant|guest|passenger|driver|employee|friend|partner';
/** An agent asking someone else's name ("What's his name?", "And your wife's name?", "the name of your son"). */
const OTHER_NAME_QUESTION = new RegExp(
  String.raw`\b(?:(?:his|her|their)\s+(?:(?:full|first|last|sur)\s*)?names?|(?:your|the|his|her|their)\s+(?:\p{L}+\s+)?(?:${RELATIONS}|${WARDS})['’]s\s+(?:(?:full|first|last|sur)\s*)?names?|names?\s+of\s+(?:your|the|his|her|their)\s+(?:\p{L}+\s+)?(?:${RELATIONS}|${WARDS}))\b`,
  'iu',
);
/** "I'm his mum, Yewande Bakare", "this is her husband, Tom": a self-introduction by the caller's role, then the name. */
const ROLE_INTRO = new RegExp(
  String.raw`\b(?:i'm|im|i am|this is|it's)\s+(?:his|her|their|the|your)\s+(?:\p{L}+\s+)?(?:${RELATIONS}|parent|guardian|carer|caregiver|owner|holder|mother|father)\s*,?\s+`,
  'giu',
);
const RELATION_BEFORE = new RegExp(String.raw`\b(?:my|our|his|her|their|your|the)\s+(?:\p{L}+\s+)?(?:${RELATIONS})\.?,?\s+$`, 'iu');

const SELF_ROLE_BEFORE = new RegExp(
  String.raw`\b(?:i'm|im|i am|this is)\s+(?:his|her|their|the|your)\s+(?:\p{L}+\s+)?(?:${RELATIONS})\.?,?\s+$`,
  'iu',
);

/** First names the caller or the summary gives to someone else ("my husband Tom", "your colleague Rachel", "Dr. Okafor"). */
export function otherPeople(input: Pick<NameInput, 'turns' | 'summary'>): Set<string> {
  const names = new Set<string>();
  const texts = [...input.turns.filter((t) => t.speaker === 'caller').map((t) => t.text), input.summary ?? ''];
  for (const text of texts) {
    const source = apostrophes(text);
    for (const m of source.matchAll(/\p{Lu}[\p{L}'-]+/gu)) {
      const before = source.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0);
      // "I'm his mum, Yewande": the speaker's own role, not someone else.
      if (SELF_ROLE_BEFORE.test(before)) continue;
      if (RELATION_BEFORE.test(before) || /\b(?:Dr|Mr|Mrs|Ms)\.?\s+$/.test(before)) names.add(m[0].toLowerCase());
    }
  }
  return names;
}

function joined(name: NameWords): string {
  if (name.words.length === 1 && name.title) return `${name.title} ${name.words[0]}`;
  return name.words.join(' ');
}

/** The name the caller gives, corrects and spells over the call, read from the caller's turns (and the agent's questions). */
function fromConversation(turns: readonly Turn[], excluded: ReadonlySet<string>): NameWords | null {
  let current: NameWords | null = null;
  const allowed = (n: NameWords) => !excluded.has(n.words[0]?.toLowerCase() ?? '');
  const accept = (n: NameWords | null, mode: 'full' | 'correction') => {
    if (!n || !allowed(n)) return;
    // "Is this Ms. Yılmaz?" — "Yes, Elif speaking.": the first name completes the surname confirmed.
    if (current?.title && current.words.length === 1 && n.words.length === 1 && !n.title && !sameFirst(current, n)) {
      current = { words: [n.words[0] as string, current.words[0] as string], title: null };
      return;
    }
    if (current === null || n.words.length >= 2 || current.words.length === 0) {
      current = n.words.length === 1 && current && current.words.length >= 2 && sameFirst(current, n) ? current : n;
      return;
    }
    // One word after a full name: a word of it again, written with its marks ("it's Wróblewska"),
    // the same first name (nothing changes) or a corrected one.
    const said = n.words[0] as string;
    const again = current.words.findIndex((w) => foldName(w) === foldName(said));
    if (again >= 0 && mode !== 'correction') {
      current = { ...current, words: current.words.map((w, i) => (i === again ? fuller(w, said) : w)) };
      return;
    }
    if (mode === 'correction' || again < 0) {
      current = { words: [said, ...current.words.slice(1)], title: null };
    }
  };
  let previousAgent = '';
  // Casing is the transcript's, not a turn's: in a cased call, "I'm paying for…" has no capital
  // beyond its "I" and is still cased (uncased, "paying" would read as a name). A capitalised word
  // is the evidence — letters spelled in capitals ("C A I T L I N") are not.
  const casedCall = turns.some((t) => t.speaker === 'caller' && /\p{Lu}\p{Ll}/u.test(t.text));
  // "Leo, hi. Bongani Dlamini.": the agent's name said back to it, then greetings, before the caller's own.
  const opening = (text: string) => {
    let rest = text.replace(LEADING_INTERJECTION, '');
    for (;;) {
      const first = /^([\p{L}'-]+)[,!.]?\s+/u.exec(rest);
      if (!first || !excluded.has((first[1] ?? '').toLowerCase())) return rest;
      rest = rest.slice(first[0].length).replace(LEADING_INTERJECTION, '');
    }
  };
  let namedLastTurn = false;
  // "My sister Hrafnhildur will collect him." — "Can you spell that?" — "H-R-A-F-N-H-I-L-D-U-R.": her name, not the caller's.
  const someoneElse = new Set([...otherPeople({ turns, summary: null })].map(foldName));
  for (const turn of turns) {
    if (turn.speaker === 'agent') {
      previousAgent = apostrophes(turn.text);
      continue;
    }
    if (turn.speaker !== 'caller') continue;
    const text = apostrophes(turn.text);
    const uncased = !casedCall && isUncased(text);
    // "What's his name?" — "Tobi.": someone else's name, not the caller's.
    const askedOther = OTHER_NAME_QUESTION.test(previousAgent);
    // "Sorry, could you repeat that?" right after the caller gave a name: the answer says it again.
    const askedAgain: boolean = current !== null && namedLastTurn && REPEAT_REQUEST.test(previousAgent);
    const askedName: boolean = !askedOther && (askedAgain || NAME_QUESTIONS.some((q) => q.test(previousAgent)));
    const before: NameWords | null = current;
    const start = opening(text);
    // "Is this Ms. Kowalczyk?" — "That's me."
    const identity = namesAfter(previousAgent, IDENTITY, isUncased(previousAgent)).at(-1);
    if (identity && CONFIRMATIONS.test(text.trim())) accept(identity.name, 'full');
    // "No, Ann without an E." after the agent guessed a name.
    if (DENIALS.test(text.trim()) && (askedName || identity)) {
      const rest = text
        .trim()
        .replace(DENIALS, '')
        .replace(/^[\s,.!-]+/, '');
      if (!/^(?:it'?s|it is|this is|my name)/i.test(rest)) accept(readName(rest, uncased), 'correction');
    }
    // After a question about someone else's name, "it's Tobi" / "this is Dami" name that person.
    const own = new Set(namesAfter(text, OWN_INTRO, uncased).map((i) => i.at));
    const intros = [
      ...namesAfter(text, askedOther ? OWN_INTRO : uncased ? CALLER_INTRO : CALLER_INTRO_CASED, uncased).filter(
        (i) => own.has(i.at) || askedName || opensSentence(text, i.start, excluded),
      ),
      ...namesAfter(text, ROLE_INTRO, uncased),
    ]
      // "Friends call me Gosia": a nickname, not the name the caller goes by here.
      .filter(({ at }) => !NICKNAME_BEFORE.test(text.slice(Math.max(0, at - 40), at)))
      .sort((a, b) => a.at - b.at);
    // A name on its own as the answer to "who am I speaking with?" ("Ravi Subramaniam.", "Sure, Marisol Ibarra.").
    if (askedName && intros.every((i) => i.at > 60)) {
      const bare = readName(start, uncased);
      const next = start.split(/\s+/)[bare?.words.length ?? 0] ?? '';
      const sentenceEnds = bare && /[.,!?]$/.test(start.split(/\s+/)[(bare.words.length ?? 1) - 1] ?? '');
      if (
        bare &&
        (sentenceEnds ||
          start.split(/\s+/).length === bare.words.length ||
          /^(?:from|with|at|again|here|speaking)\b/i.test(next) ||
          // "joseph nowak n o w a k": the name, then its spelling.
          /^\p{L}[.,]?$/u.test(next))
      )
        accept(bare, 'full');
    }
    for (const { name } of intros) accept(name, 'full');
    // "Åsa Lindqvist speaking", "Hamish Baird here".
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      const s = opening(sentence);
      const name = readName(s, uncased);
      if (!name) continue;
      const after = s.split(/\s+/).slice(name.words.length).join(' ').toLowerCase();
      if (NAME_THEN.some((w) => after.startsWith(w))) accept(name, 'full');
      // "Stephen Mallory." right after giving "Stephen": the full name.
      else if (current !== null && name.words.length >= 2 && sameFirst(current, name) && /^[.!]?$/.test(after.trim())) accept(name, 'full');
    }
    // "The surname is K-O-W-A-L-C-Z-Y-K", "Kowalczyk", or a spelling on its own after "spell your last name".
    const surnameIntro = namesAfter(text, SURNAME_INTRO, uncased, 1).at(-1);
    const spelledRuns = [...text.matchAll(SPELLED), ...(uncased ? text.matchAll(SPELLED_UNCASED) : [])];
    // A spelling is of the name when the agent asked for the name or a spelling, the caller speaks of
    // the name, or it corrects a word of it — not a reference, a postcode or a plate ("b r s t p 4 4").
    const nameTalk: boolean =
      askedName ||
      askedAgain ||
      // The agent spelled a guess back ("So F-A-N-S-H-A-W?"): the caller's spelling answers it.
      SPELLED_ANY.test(previousAgent) ||
      /\bspell|\bletters?\b/i.test(previousAgent) ||
      /\b(?:name|surname|spelt|spelled|spelling|with an?|without an?)\b/i.test(text);
    const spelledName: string[] = spelledRuns
      .filter((m) => !readsOnAsDigits(text.slice((m.index ?? 0) + m[0].length)))
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
      .map((m) => properCase((m[1] ?? '').replace(/[-. ]/g, '')))
      .filter((w) => w.length >= 3 && (nameTalk || (current !== null && likelyTarget(current.words, w) >= 0)));
    const spelledOwn = spelledName.filter((w) => !someoneElse.has(foldName(w)));
    const surname: string | undefined = spelledOwn.at(-1) ?? surnameIntro?.name.words[0];
    if (surname && current !== null) {
      const cur: NameWords = current;
      const asksFirst = /\bfirst name\b/i.test(previousAgent);
      const asksSurname = /\b(?:sur|last |family )name\b/i.test(previousAgent) || surnameIntro !== undefined;
      const same = cur.words.findIndex((w) => foldName(w) === foldName(surname));
      // "Lloyd, hyphen, Ashworth. L-L-O-Y-D, then A-S-H-W-O-R-T-H": a part of a double-barrelled name spelled.
      const part = cur.words.some((w) => w.includes('-') && w.toLowerCase().split('-').includes(surname.toLowerCase()));
      const alike = likelyTarget(cur.words, surname);
      // "D-V-O-R with a hook, A with the accent…", "W-R-O with an accent on the o, then B-L-E-W-S-K-I":
      // letters spelled around the marked ones spell a part of the marked word said (Dvořáček,
      // Wróblewski, Dhúill), not another name; a plain word is respelled as before (Richardson →
      // R-I-C-H-A-R-D-S).
      const start = cur.words.some(
        (w) => marksIn(w) > 0 && foldName(w).length > foldName(surname).length && foldName(w).includes(foldName(surname)),
      );
      if (part || start) current = cur;
      else if (same >= 0) current = { words: cur.words.map((w, i) => (i === same ? fuller(surname, w) : w)), title: cur.title };
      else if (asksFirst) current = { words: [surname, ...cur.words.slice(1)], title: null };
      // A surname spelled after it was misheard ("du Bwa" → D-U-B-O-I-S) replaces all of it.
      else if (asksSurname && cur.words.length >= 2) current = { words: [cur.words[0] as string, surname], title: null };
      // A spelling corrects the word it resembles ("Katherine" → K-A-T-H-R-Y-N).
      else if (alike >= 0) current = { words: cur.words.map((w, i) => (i === alike ? surname : w)), title: cur.title };
      else if (cur.words.length >= 2) current = { words: [...cur.words.slice(0, -1), surname], title: null };
      else current = { words: [...cur.words, surname], title: null };
    }
    // "Marc is with a C, not a K": the name word it resembles is written that way.
    for (const m of text.matchAll(LETTER_NOTE)) {
      const cur: NameWords | null = current;
      const word = m[1] ?? '';
      if (!cur || !isNameWord(word, uncased)) continue;
      const alike = likelyTarget(cur.words, word);
      const written = uncased ? properCase(word) : word;
      if (alike >= 0) current = { words: cur.words.map((w, i) => (i === alike ? written : w)), title: cur.title };
    }
    namedLastTurn = current !== before;
  }
  return current;
}

function sameFirst(a: NameWords, b: NameWords): boolean {
  return a.words[0]?.toLowerCase() === b.words[0]?.toLowerCase();
}

/**
 * Verbs an organisation, a doctor or the agent as often does as the caller ("Tesco cancelled…",
 * "Dr Shah rescheduled…", "Sophie placed an order for…"): a summary's name before one is the
 * caller's only when the caller said it too.
 */
const TRANSACTION_VERBS =
  'ordered|bought|purchased|paid|arranged|scheduled|rescheduled|cancelled|canceled|chased|renewed|reserved|queried|applied|enrolled|signed|switched|upgraded|changed|hired|rented|placed|made|left|returned|rebooked|increased|reduced|paused|froze|agreed|accepted|declined|chose|selected|opted';
const SUMMARY_VERBS = `is|was|called|calls|reported|reports|said|says|told|tells|thanked|confided|vented|talked|chatted|admitted|announced|revealed|recounted|joked|asked|asks|wants|wanted|needs|needed|has|had|would|explained|mentioned|requested|inquired|enquired|contacted|phoned|rang|expressed|shared|confirmed|described|complained|disputed|updated|received|registered|lost|moved|checked|got|is looking|looking|booked|spoke|followed|sought|provided|gave|stated|indicated|wishes|wished|plans|planned|will|could|did|does|${TRANSACTION_VERBS}`;

const NAME_RUN = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+(?:(?:van|von|de|der|den|da|das|dos|di|del|della|du|le|la|bin|al|el|ter|ten|Ó|Ní|Nic|Uí)\s+)?\p{Lu}[\p{L}'’-]+){0,3}`;
/** How platform summaries name the caller, in the third person (ElevenLabs, Vapi, Retell summaries). */
const SUMMARY_PATTERNS: readonly RegExp[] = [
  new RegExp(
    String.raw`^(?:The\s+)?(?:caller|customer|client|user|prospect|lead|patient|member|homeowner)(?:,\s*|\s+named\s+|\s+called\s+|\s+identified as\s+|\s*\(\s*)(${NAME_RUN})`,
    'iu',
  ),
  new RegExp(String.raw`^(${NAME_RUN})(?=\s*[,(]|\s+(?:${SUMMARY_VERBS})\b)`, 'u'),
  new RegExp(String.raw`\b(?:caller|customer|client|user)\s+(?:named|called|identified as)\s+(${NAME_RUN})`, 'iu'),
  new RegExp(String.raw`^(?:[\p{L} ]+\s)?call to\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(${NAME_RUN})`, 'iu'),
  // "Gwenllian Pritchard of Cae Mawr farm near Llanidloes called…", "Graham Lowther from Keswick ordered…": a full name, then where from.
  new RegExp(
    String.raw`^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})\s+(?:of|from)\s+\p{Lu}[^.;,]{0,80}?\s+(?:${SUMMARY_VERBS})\b`,
    'u',
  ),
];
const AGENT_ACTION =
  /\b(?:called|phoned|rang|spoke (?:with|to)|followed up with|reached|contacted|reminded|talked (?:with|to))\s+((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?)/u;

/** What one person in a summary does to another: tells, thanks, informs, helps, talks with. */
const TELLS =
  'told|tells|thanked|thanks|informed|informs|advised|advises|reminded|reminds|assured|assures|helped|helps|chatted with|talked (?:to|with)|spoke (?:to|with)';
/** A summary sentence whose subject does something to the caller ("Sarah told the caller…"): its subject is the agent. */
const ACTS_ON_CALLER = new RegExp(
  String.raw`^\S+(?:\s+\S+){0,3}?\s+(?:${TELLS}|asked|asks|called|calls|phoned|contacted|reached|offered|offers|explained to|confirmed to|apologi[sz]ed to)\s+(?:the\s+)?(?:caller|customer|user|client|patient|member|homeowner|tenant|prospect|lead|guest|applicant|policyholder|account holder)\b(?!\s+(?:service|services|care|support|line|team|desk|helpline|centre|center|relations))`,
  'iu',
);

/** "Emma told Raj…", "Sophie thanked Mr Okafor…": the one told, thanked or informed, by name. */
const TOLD_SOMEONE = new RegExp(String.raw`^\S+(?:\s+\S+){0,3}?\s+(?:${TELLS})\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(\p{Lu}[\p{L}'’-]+)`, 'u');

/** A sentence whose subject does something for or with the caller ("Sophie placed an order for the caller"): the subject is not the caller. */
const FOR_CALLER =
  /\b(?:for|with|to|on behalf of)\s+the\s+(?:caller|customer|client|member|patient|user)\b|\bthe\s+(?:caller|customer|client|member|patient)['’]s\b/iu;
/** The name, where it came from, and a verb an organisation or an agent does as often as a caller. */
const TRANSACTION_AFTER = (run: string) =>
  new RegExp(String.raw`^${escapeRegex(run)}(?:\s+(?:of|from)\s+[^.;,]{0,80}?)?\s+(?:${TRANSACTION_VERBS})\b`, 'u');

/** The caller's name as the platform's summary gives it (third person), or null. */
function fromSummary(
  summary: string,
  agents: ReadonlySet<string>,
  others: ReadonlySet<string>,
  saidByCaller: (word: string) => boolean = () => true,
): (NameWords & { readonly lead: boolean }) | null {
  const sentences = apostrophes(summary).split(/(?<=[.!?])\s+/);
  const usable = (run: string | undefined, title: string | null = null): NameWords | null => {
    if (!run) return null;
    const words = run.split(/\s+/).filter((w) => w.length > 0);
    if (!words.every((w) => NAME_PARTICLES.has(w) || isNameWord(w, false))) return null;
    const first = words[0]?.toLowerCase() ?? '';
    if (agents.has(first) || others.has(first)) return null;
    return { words, title };
  };
  for (const [index, sentence] of sentences.entries()) {
    // "Sarah told the caller…", "Priya thanked the customer…": the one acting on the caller is the
    // agent; "Emma told Raj…" names the caller only when Raj is the agent.
    const told = TOLD_SOMEONE.exec(sentence);
    const actsOnCaller = ACTS_ON_CALLER.test(sentence) || (told !== null && !agents.has((told[1] ?? '').toLowerCase()));
    for (const [p, pattern] of SUMMARY_PATTERNS.entries()) {
      if ((p === 1 || p === 4) && (actsOnCaller || FOR_CALLER.test(sentence))) continue;
      const run = pattern.exec(sentence)?.[1];
      // "Tesco cancelled…", "Dr Shah rescheduled…": before such a verb, only a name the caller said.
      if ((p === 1 || p === 4) && run && TRANSACTION_AFTER(run).test(sentence) && !saidByCaller(run.split(/\s+/)[0] ?? '')) continue;
      const found = usable(run);
      // The opening sentence, or a sentence that says "the caller …", names the caller for certain.
      // Past the opening, "Collection is on Thursday" or "Tobi has…" is not the caller: a later
      // sentence names the caller only with a full name or an explicit "the caller …".
      if (found && (index === 0 || p !== 1 || found.words.length >= 2)) return { ...found, lead: index === 0 || p !== 1 };
    }
    // "Marco spoke with Gwen Ashby", "Robin from Northgate Water called Mr. Adeyemi".
    const subject = sentence.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (agents.has(subject) || /^the agent\b/i.test(sentence)) {
      const m = AGENT_ACTION.exec(sentence);
      if (m) {
        const title = (m[1] ?? '').trim();
        const rest = sentence.slice((m.index ?? 0) + m[0].length);
        const run = new RegExp(`^${NAME_RUN}`, 'u').exec(rest)?.[0];
        const found = usable(run, title ? (TITLES[title.toLowerCase().replace('.', '')] ?? null) : null);
        if (found) return { ...found, lead: index === 0 };
      }
    }
  }
  return null;
}

/**
 * The caller's own name, from the conversation first (self-introductions in several languages,
 * a confirmed "is this …?", corrections and spellings — the latest wins), completed or supplied
 * by the summary's third-person opening. Never the agent's name (metadata or self-introduction)
 * or someone the caller mentions. Works on uncased ASR text (the result is properly cased).
 */
export function findCallerName(input: NameInput): string | null {
  const name = nameOfCall(input);
  return name === null ? null : bestWritten(name, input);
}

/**
 * A name written with the marks the call writes it with anywhere — the agent's "so Małgorzata
 * Wróblewska, with the Polish letters", the summary — when the caller's words lack them.
 */
function bestWritten(name: string, input: NameInput): string {
  const written = new Map<string, string>();
  for (const text of [...input.turns.map((t) => t.text), input.summary ?? '']) {
    for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]+/gu)) {
      const key = foldName(m[0]);
      written.set(key, fuller(written.get(key) ?? m[0], m[0]));
    }
  }
  return name
    .split(' ')
    .map((w) => {
      const best = written.get(foldName(w));
      return best && fuller(w, best) !== w ? best : w;
    })
    .join(' ');
}

function nameOfCall(input: NameInput): string | null {
  const agents = agentNames(input);
  const others = otherPeople(input);
  const spoken = fromConversation(input.turns, new Set([...agents]));
  const callerTurns = input.turns.filter((t) => t.speaker === 'caller');
  const summarised = input.summary ? fromSummary(input.summary, agents, others, (w) => saidInCall(w, callerTurns)) : null;
  if (spoken && summarised) {
    const spokenLower = spoken.words.map(foldName);
    const summaryLower = summarised.words.map(foldName);
    // Another first name altogether (not a respelling): the summary, written from the whole call,
    // knows who called better than one phrase read from it — a relative's name given as an answer,
    // a misheard word taken for a name — when the caller's call says that name too.
    if (summarised.lead && !spoken.title && differentPerson(spoken, summarised) && saidInCall(summarised.words[0] ?? '', input.turns))
      return joined(doubledAsSummarised(summarised, input.summary ?? null));
    // Uncased speech runs a name into the words after it ("dai jenkins pen a brin farm"): the
    // summary's name, when the words said begin with all of it, ends it.
    if (spokenLower.length > summaryLower.length && summaryLower.length >= 2 && summaryLower.every((w, i) => spokenLower[i] === w))
      return joined(summarised);
    // The summary's fuller form of the same name ("Rosa" → "Rosa Delgado") completes it.
    if (spokenLower.every((w) => summaryLower.includes(w)) && summaryLower.length > spokenLower.length) return joined(summarised);
    // The same first name with a surname unlike the one read ("Imogen Fanshaw", as it is said, and
    // "Imogen Featherstonehaugh"): the summary's, when the call says it too.
    const spokenLast = spoken.words.at(-1) ?? '';
    const summaryLast = summarised.words.at(-1) ?? '';
    if (
      spoken.words.length >= 2 &&
      summarised.words.length >= 2 &&
      foldName(spoken.words[0] ?? '') === foldName(summarised.words[0] ?? '') &&
      likeness(spokenLast, summaryLast) < 0.5 &&
      saidInCall(summaryLast, input.turns)
    )
      return joined(summarised);
    // A middle name said when asked for the full name ("Derek John Ashworth"), the summary's
    // first and last name without it: the caller is addressed as the summary writes it.
    if (
      spokenLower.length >= 3 &&
      summaryLower.length >= 2 &&
      summaryLower.length < spokenLower.length &&
      summaryLower[0] === spokenLower[0] &&
      summaryLower.at(-1) === spokenLower.at(-1) &&
      summaryLower.every((w) => spokenLower.includes(w))
    )
      return joined(summarised);
    // The formal given name the summary writes for a short form said ("Joe Nowak" → "Joseph Nowak").
    const [spokenFirst = '', ...spokenRest] = spokenLower;
    const [summaryFirst = '', ...summaryRest] = summaryLower;
    if (
      summaryFirst.length >= spokenFirst.length + 2 &&
      spokenFirst.length >= 2 &&
      (summaryFirst.startsWith(spokenFirst) || (spokenFirst.length <= 4 && summaryFirst.slice(0, 2) === spokenFirst.slice(0, 2))) &&
      spokenRest.length > 0 &&
      spokenRest.join(' ') === summaryRest.join(' ')
    )
      return joined(summarised);
    // The same words: written as the summary writes them (uncased speech gives "Mcgee", the summary "McGee").
    const cased = spoken.words.map((w) => summarised.words.find((s) => foldName(s) === foldName(w)) ?? w);
    return joined(doubledAsSummarised({ ...spoken, words: cased }, input.summary ?? null));
  }
  if (spoken) return joined(doubledAsSummarised(spoken, input.summary ?? null));
  return summarised ? joined(summarised) : null;
}

/** Whether two names' first words are different names, not one name heard or spelled two ways. */
function differentPerson(a: NameWords, b: NameWords): boolean {
  const x = a.words[0] ?? '';
  const y = b.words[0] ?? '';
  return likeness(x, y) < 0.5 && !b.words.some((w) => w.toLowerCase() === x.toLowerCase());
}

/** Whether a word of a name is said in the call, folded as names are compared ("Zoë" is said as "zoe" in ASR). */
function saidInCall(word: string, turns: readonly Turn[]): boolean {
  const folded = foldName(word);
  return (
    folded.length > 0 &&
    turns.some((t) =>
      foldName(t.text)
        .split(/[^\p{L}'-]+/u)
        .includes(folded),
    )
  );
}

/**
 * A name with a word said twice (Dee Dee, Jo Jo) reads as a stutter in speech ("ray ray delgado"
 * is Ray Delgado): when the summary writes the name with that word doubled, it is the name.
 */
function doubledAsSummarised(spoken: NameWords, summary: string | null): NameWords {
  if (!summary) return spoken;
  for (let i = 0; i < spoken.words.length; i += 1) {
    const doubled = [...spoken.words.slice(0, i + 1), ...spoken.words.slice(i)];
    const escaped = doubled.map(escapeRegex);
    const found = new RegExp(`(?<![\\p{L}])${escaped.join('\\s+')}(?![\\p{L}])`, 'iu').exec(summary);
    if (found) return { words: found[0].split(/\s+/), title: spoken.title };
  }
  return spoken;
}
