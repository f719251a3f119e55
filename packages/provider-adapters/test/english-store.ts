import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, type NewMemory } from '@agentic-memory/memory-core';
import { SqliteMemoryStore } from '../src/embedded';
import { loadEnglishLexicon } from '../src/embedded/english-lexicon';

/**
 * A fresh SQLite store with the English lexicon for each test of the enclosing describe (its
 * folder removed after), and the id of the first result of a search — `fallback:<id>` when
 * nothing matched.
 */
export function useEnglishStore(prefix: string): {
  store: () => SqliteMemoryStore;
  first: (userId: string, text: string) => Promise<string | undefined>;
} {
  const lexicon = loadEnglishLexicon();
  let dir = '';
  let current: SqliteMemoryStore | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    current = new SqliteMemoryStore(join(dir, 'memory.db'), new FixedClock('2026-12-01T00:00:00Z'), { lexicon });
  });
  afterEach(() => {
    current?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const store = () => {
    if (!current) throw new Error('useEnglishStore: no store outside a test');
    return current;
  };
  const first = async (userId: string, text: string) => {
    const found = (await store().search({ userId, text, limit: 3 }))[0];
    return found?.fallback ? `fallback:${found.id}` : found?.id;
  };
  return { store, first };
}

/** A memory as stored (a caller statement unless `extra` says otherwise). */
export function statement(id: string, text: string, extra: Partial<NewMemory> = {}): NewMemory {
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
