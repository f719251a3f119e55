/**
 * What the embedded memory store knows about words: the lemmas it indexes a word under, the
 * related terms a query word also finds (synonyms, broader and narrower terms), and the broader
 * terms a stored noun is filed under. `PLAIN_LEXICON` needs no data (a suffix stemmer);
 * `loadEnglishLexicon` (`@agentic-memory/provider-adapters/lexicon`) loads WordNet and a
 * lemmatizer once, at start.
 */
export interface Lexicon {
  /** Changes when indexing would change: a store indexed with another lexicon is re-indexed on open. */
  readonly id: string;
  /** Index terms of one lower-case word: the word and its lemmas (bought → buy, children → child). */
  lemmas(word: string): readonly string[];
  /** Terms a query lemma also finds, with a weight below 1: synonyms, broader and narrower terms. */
  related(lemma: string): ReadonlyMap<string, number>;
  /** Broader terms a stored noun is filed under (beagle → hound, hunting_dog, dog). */
  broader(lemma: string): readonly string[];
  /** Whether two words form a known compound (`living_room`). */
  isCompound(term: string): boolean;
  /** The content words of the definition of a word's most frequent senses (vegetarian → eater, fruit, grain, nut, meat…). */
  defines(lemma: string): readonly string[];
  /** Whether the lexicon knows the word as English (or any of its lemmas); a word it does not know may be another language's. */
  isEnglish(word: string): boolean;
  /** What a noun names in its most frequent sense, when that is a person, a place or a time (mother, Kumasi, March). */
  kind(lemma: string): 'person' | 'place' | 'time' | null;
  /**
   * Whether the word, in its dominant sense, is about an amount of money (spend, pay, invest,
   * afford, cost, price, budget — not buy or purchase, which ask for a thing): a question saying
   * it asks for an amount, and a memory holding one covers it.
   */
  isMoneyWord(lemma: string): boolean;
  /**
   * How alike two words are in meaning, as the cosine of their word vectors (GloVe: relatedness
   * learnt from use — damaged ~ cracked 0.57, injury ~ ankle 0.81), or null when either has none.
   * Absent when the lexicon has no vectors. Null too for the most frequent words (function words,
   * time, week, work…): their vectors sit close to everything.
   */
  similarity?(a: string, b: string): number | null;
}

/** Lower case without diacritics: "Malmö" and "malmo" are one term. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text, folded; possessive 's dropped ("harriet's" → "harriet"). */
export function wordsOf(text: string): string[] {
  return (foldWord(text).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []).map((w) => w.replace(/['’]s$/u, '').replace(/['’]/gu, ''));
}

/** A light suffix stripper: the plain lexicon's only lemma. */
export function lightStem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ies)$/u, 'y').replace(/(?:ing|ed|es|s|ly)$/u, '') || word;
}

export const PLAIN_LEXICON: Lexicon = {
  id: 'plain-1',
  lemmas: (word) => {
    const stem = lightStem(word);
    return stem === word ? [word] : [word, stem];
  },
  related: () => new Map(),
  broader: () => [],
  isCompound: () => false,
  defines: () => [],
  // Without data nothing is known to be foreign: nothing is translated.
  isEnglish: () => true,
  kind: () => null,
  isMoneyWord: () => false,
};
