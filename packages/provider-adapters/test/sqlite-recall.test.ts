import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { FixedClock, type NewMemory } from '@agentic-memory/memory-core';
import { PLAIN_LEXICON, queryTerms, SqliteMemoryStore } from '../src/embedded';
import { loadEnglishLexicon } from '../src/embedded/english-lexicon';

/** Recall of the embedded store with the English lexicon: lemmas, synonyms, rarity, fallback, re-indexing. */

const clock = new FixedClock('2026-12-01T00:00:00Z');
const lexicon = loadEnglishLexicon();

function memory(id: string, text: string, extra: Partial<NewMemory> = {}): NewMemory {
  return {
    id,
    text,
    type: 'semantic',
    createdAt: '2026-11-01T10:00:00.000Z',
    expiresAt: null,
    metadata: { conversation_id: `c-${id}`, ...(extra.metadata ?? {}) },
    ...extra,
  };
}

describe('SqliteMemoryStore recall with the English lexicon', () => {
  let dir: string;
  let store: SqliteMemoryStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'am-recall-'));
    store = new SqliteMemoryStore(join(dir, 'memory.db'), clock, { lexicon });
    await store.add('u1', [
      memory('a', 'Caller said: "I bought a sofa from you in August and the cushion ripped."'),
      memory('b', 'Caller said: "I drove it to your store once before."'),
      memory('c', 'Caller said: "My children love the new garden."'),
      memory('d', 'Caller said: "I saw a physician about my knee last week."'),
      memory('e', 'Caller said: "We are planning a journey to Lisbon in spring."'),
      memory('f', "Caller's name is Rosa Delgado.", { type: 'factual', metadata: { name: 'Rosa Delgado', source: 'extraction' } }),
      memory('g', 'Caller said: "The weather in Malmö was awful."'),
    ]);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const top = async (text: string) => (await store.search({ userId: 'u1', text, limit: 3 }))[0];

  it.each([
    ['what did she purchase?', 'a'], // bought → buy ↔ purchase
    ['what is wrong with the couch?', 'a'], // couch ↔ sofa
    ['did he drive to the shop?', 'b'], // drove → drive
    ['how are the kids?', 'c'], // children → child ↔ kid
    ['which doctor did she see?', 'd'], // doctor ↔ physician
    ['where is the trip to?', 'e'], // trip ↔ journey
    ['how was malmo?', 'g'], // diacritics folded
  ])('%s → memory %s', async (query, id) => {
    expect((await top(query))?.id).toBe(id);
  });

  it('the caller’s own name in the question does not decide', async () => {
    expect((await top("what did Rosa's sofa cost?"))?.id).toBe('a');
  });

  it('when nothing matches, the most recent distilled memories come back marked as fallback', async () => {
    await store.add('u2', [
      memory('t', 'Caller said: "It has been raining all week."', { metadata: { layer: 'transcript' } }),
      memory('s', 'The caller asked about opening hours.', { type: 'factual', metadata: { source: 'summary' } }),
    ]);
    const found = await store.search({ userId: 'u2', text: 'favourite football team', limit: 3 });
    expect(found.map((m) => [m.id, m.fallback])).toEqual([['s', true]]);
    expect(await store.search({ userId: 'nobody', text: 'anything', limit: 3 })).toEqual([]);
  });

  it('query words are folded content words', () => {
    expect(queryTerms("What did Chloé's caller say about the Sofa?")).toEqual(['chloe', 'sofa']);
  });
});

describe('existing memory.db files', () => {
  it('are re-indexed when opened with another lexicon (or by an older release)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-reindex-'));
    const path = join(dir, 'memory.db');
    try {
      const plain = new SqliteMemoryStore(path, clock, { lexicon: PLAIN_LEXICON });
      await plain.add('u1', [memory('a', 'Caller said: "I bought a sofa last year."')]);
      expect(await plain.search({ userId: 'u1', text: 'when did she purchase the couch', limit: 3 })).toEqual([
        expect.objectContaining({ fallback: true }),
      ]);
      plain.close();
      // An older release's file: no index table, no meta.
      const db = new DatabaseSync(path);
      db.exec('DROP TABLE memory_terms; DELETE FROM store_meta;');
      db.close();
      const english = new SqliteMemoryStore(path, clock, { lexicon });
      const found = await english.search({ userId: 'u1', text: 'when did she purchase the couch', limit: 3 });
      expect(found[0]?.id).toBe('a');
      expect(found[0]?.fallback).toBeUndefined();
      english.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
