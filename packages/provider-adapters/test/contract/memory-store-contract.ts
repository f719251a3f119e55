import type { FixedClock, MemorySpace, MemoryStore, NewMemory, UserDirectory } from '@agentic-memory/memory-core';
import { useFreshHarness } from './harness';

export interface MemoryStoreHarness {
  readonly store: MemoryStore & UserDirectory;
  readonly clock: FixedClock;
  /** Releases what the store holds (files, connections). */
  close(): Promise<void>;
}

const DAY = 86_400_000;
export const CONTRACT_NOW = Date.parse('2026-11-01T00:00:00Z');

export function memory(id: string, text: string, extra: Partial<NewMemory> = {}): NewMemory {
  return {
    id,
    text,
    type: 'factual',
    createdAt: new Date(CONTRACT_NOW - DAY).toISOString(),
    expiresAt: null,
    metadata: { conversation_id: 'conv_1' },
    ...extra,
  };
}

/**
 * What every MemoryStore must do, written once: run it against each implementation with a
 * factory that yields a fresh, empty store whose clock is at CONTRACT_NOW.
 */
export function describeMemoryStoreContract(name: string, createHarness: () => Promise<MemoryStoreHarness>): void {
  describe(`MemoryStore contract: ${name}`, () => {
    const h = useFreshHarness(createHarness);

    it('adds and lists a user’s memories newest first, with metadata round-tripped', async () => {
      await h.store.add('user-a', [
        memory('m1', 'Caller prefers email', {
          createdAt: '2026-10-01T00:00:00.000Z',
          metadata: { contact_preference: 'email', resolved: true, n: 3, none: null },
        }),
        memory('m2', 'Router drops wifi every evening', { type: 'issue', createdAt: '2026-10-02T00:00:00.000Z' }),
      ]);
      const page = await h.store.list('user-a');
      expect(page.memories.map((m) => m.text)).toEqual(['Router drops wifi every evening', 'Caller prefers email']);
      for (const m of page.memories) expect(m.id).toMatch(/\S/);
      expect({ ...page.memories[1], id: 'any' }).toEqual({
        id: 'any',
        text: 'Caller prefers email',
        type: 'factual',
        createdAt: '2026-10-01T00:00:00.000Z',
        expiresAt: null,
        metadata: { contact_preference: 'email', resolved: true, n: 3, none: null },
      });
      expect(page.nextCursor).toBeNull();
    });

    it('replaces what a conversation wrote when it is ingested again', async () => {
      const conversation = { id: 'conv_1', turns: [] };
      await h.store.add('user-a', [memory('m1', 'first version')], { conversation });
      await h.store.add('user-a', [memory('m1', 'second version')], { conversation });
      const page = await h.store.list('user-a');
      expect(page.memories.map((m) => m.text)).toEqual(['second version']);
      expect((await h.store.search({ userId: 'user-a', text: 'first version', limit: 5 })).map((m) => m.text)).not.toContain(
        'first version',
      );
      expect((await h.store.search({ userId: 'user-a', text: 'second', limit: 5 })).map((m) => m.text)).toEqual(['second version']);
    });

    it('pages through a long list without gaps or repeats', async () => {
      const many = Array.from({ length: 25 }, (_, i) =>
        memory(`p${String(i).padStart(2, '0')}`, `memory number ${i}`, { createdAt: new Date(CONTRACT_NOW - (i % 5) * DAY).toISOString() }),
      );
      await h.store.add('user-a', many);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await h.store.list('user-a', { cursor, pageSize: 7 });
        expect(page.memories.length).toBeLessThanOrEqual(7);
        seen.push(...page.memories.map((m) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.length).toBe(25);
      expect(new Set(seen).size).toBe(25);
    });

    it('keeps users apart: search and list never return another caller’s memories', async () => {
      await h.store.add('user-a', [memory('a1', 'Order 1234 arrived damaged')]);
      await h.store.add('user-b', [memory('b1', 'Order 9999 arrived damaged')]);
      const found = await h.store.search({ userId: 'user-a', text: 'damaged order', limit: 10 });
      expect(found.map((m) => m.text)).toEqual(['Order 1234 arrived damaged']);
      expect((await h.store.list('user-b')).memories.map((m) => m.text)).toEqual(['Order 9999 arrived damaged']);
      expect(await h.store.search({ userId: 'nobody', text: 'damaged order', limit: 10 })).toEqual([]);
    });

    it('keeps memory spaces apart: a space sees its platforms, unlabelled memories are ElevenLabs’', async () => {
      const from = (provider: string | null, id: string, text: string) =>
        h.store.add('user-a', [memory(id, text, { metadata: { conversation_id: `conv_${id}`, ...(provider ? { provider } : {}) } })]);
      await from('elevenlabs', 'e1', 'Parcel from elevenlabs call arrived damaged');
      await from('vapi', 'v1', 'Parcel from vapi call arrived damaged');
      await from('retell', 'r1', 'Parcel from retell call arrived damaged');
      await from('generic', 'g1', 'Parcel from generic call arrived damaged');
      await from(null, 's1', 'Parcel from the seed system arrived damaged');
      const texts = (memories: readonly { text: string }[]) => memories.map((m) => m.text.split(' ')[2]).sort();
      const search = (space: MemorySpace | null) => h.store.search({ userId: 'user-a', space, text: 'damaged parcel', limit: 10 });
      const list = async (space: MemorySpace | null) => (await h.store.list('user-a', { space })).memories;
      const cases: [MemorySpace | null, string[]][] = [
        [{ name: 'elevenlabs', providers: ['elevenlabs'] }, ['elevenlabs', 'the']],
        [{ name: 'vapi', providers: ['vapi'] }, ['vapi']],
        [{ name: 'retell', providers: ['retell'] }, ['retell']],
        [{ name: 'generic', providers: ['generic'] }, ['generic']],
        [{ name: 'support', providers: ['elevenlabs', 'vapi'] }, ['elevenlabs', 'the', 'vapi']],
        [{ name: 'phones', providers: ['vapi', 'retell'] }, ['retell', 'vapi']],
        [null, ['elevenlabs', 'generic', 'retell', 'the', 'vapi']],
      ];
      for (const [space, expected] of cases) {
        expect({ space: space?.name ?? 'all', search: texts(await search(space)) }).toEqual({
          space: space?.name ?? 'all',
          search: expected,
        });
        expect({ space: space?.name ?? 'all', list: texts(await list(space)) }).toEqual({ space: space?.name ?? 'all', list: expected });
      }
    });

    it('answers natural-language questions: stemming, punctuation, quotes, any-term matching', async () => {
      await h.store.add('user-a', [
        memory('teach', 'She spent two years teaching English in Japan'),
        memory('router', 'Router keeps dropping the wifi connection every evening'),
        memory('email', 'Prefers to be contacted by email rather than phone'),
      ]);
      const ask = async (text: string) => (await h.store.search({ userId: 'user-a', text, limit: 3 })).map((m) => m.text);
      expect((await ask('where did she teach abroad?'))[0]).toMatch(/teaching English/);
      expect((await ask('What was the issue with the "router"?'))[0]).toMatch(/^Router keeps dropping/);
      expect((await ask('how does she want us to contact her? email or phone?'))[0]).toMatch(/^Prefers to be contacted/);
      for (const odd of ['"', "''", 'AND OR NOT', '(((', 'NEAR(a b)', '*', 'col:value', '-', '^start', '', '???', 'wifi" OR 1=1 --']) {
        await expect(h.store.search({ userId: 'user-a', text: odd, limit: 3 })).resolves.toBeDefined();
      }
    });

    it('scores relevance in [0, 1], honours the threshold, the limit and the type and date filters', async () => {
      await h.store.add('user-a', [
        memory('i1', 'Billing issue with a double charge', { type: 'issue', createdAt: '2026-09-01T00:00:00.000Z' }),
        memory('f1', 'Billing address is in Leeds', { createdAt: '2026-10-15T00:00:00.000Z' }),
        memory('f2', 'Likes billing by email', { createdAt: '2026-10-20T00:00:00.000Z' }),
      ]);
      const all = await h.store.search({ userId: 'user-a', text: 'billing charge', limit: 10 });
      expect(all.length).toBe(3);
      for (const m of all) expect(m.score).toBeGreaterThanOrEqual(0);
      for (const m of all) expect(m.score).toBeLessThanOrEqual(1);
      const I1 = 'Billing issue with a double charge';
      const F1 = 'Billing address is in Leeds';
      const F2 = 'Likes billing by email';
      expect(all[0]?.text).toBe(I1);
      expect((await h.store.search({ userId: 'user-a', text: 'billing charge', limit: 1 })).length).toBe(1);
      expect((await h.store.search({ userId: 'user-a', text: 'billing', limit: 10, types: ['issue'] })).map((m) => m.text)).toEqual([I1]);
      const recent = await h.store.search({ userId: 'user-a', text: 'billing', limit: 10, createdAfter: '2026-10-01T00:00:00.000Z' });
      expect(recent.map((m) => m.text).sort()).toEqual([F1, F2]);
      const before = await h.store.search({ userId: 'user-a', text: 'billing', limit: 10, createdBefore: '2026-10-16T00:00:00.000Z' });
      expect(before.map((m) => m.text).sort()).toEqual([F1, I1]);
      const strict = await h.store.search({ userId: 'user-a', text: 'billing charge', limit: 10, threshold: (all[0]?.score ?? 0) - 1e-9 });
      expect(strict.map((m) => m.text)).toContain(I1);
      expect(strict.every((m) => (m.score ?? 0) >= (all[0]?.score ?? 0) - 1e-9)).toBe(true);
    });

    it('never returns expired memories, in search or list', async () => {
      await h.store.add('user-a', [
        memory('old', 'Warranty claim filed', { expiresAt: new Date(CONTRACT_NOW + 1000).toISOString() }),
        memory('keep', 'Warranty extended', { expiresAt: new Date(CONTRACT_NOW + 10 * DAY).toISOString() }),
      ]);
      expect((await h.store.search({ userId: 'user-a', text: 'warranty', limit: 5 })).length).toBe(2);
      h.clock.advance(1000);
      expect((await h.store.search({ userId: 'user-a', text: 'warranty', limit: 5 })).map((m) => m.text)).toEqual(['Warranty extended']);
      expect((await h.store.list('user-a')).memories.map((m) => m.text)).toEqual(['Warranty extended']);
    });

    it('deletes one user entirely and reports how many memories went', async () => {
      await h.store.add('user-a', [memory('a1', 'one'), memory('a2', 'two')]);
      await h.store.add('user-b', [memory('b1', 'three')]);
      expect(await h.store.deleteUser('user-a')).toBe(2);
      expect((await h.store.list('user-a')).memories).toEqual([]);
      expect(await h.store.search({ userId: 'user-a', text: 'one two', limit: 5 })).toEqual([]);
      expect((await h.store.list('user-b')).memories.length).toBe(1);
      expect(await h.store.deleteUser('user-a')).toBe(0);
    });

    it('lists its users page by page, with their memory counts (the migration backfill reads it)', async () => {
      await h.store.add('+15550100123', [memory('a1', 'one'), memory('a2', 'two')]);
      await h.store.add('+15550100456', [memory('b1', 'three')]);
      await h.store.add('user-c', [memory('c1', 'four')]);
      const first = await h.store.listUsers({ page: 1, pageSize: 2 });
      expect(first.total).toBe(3);
      expect(first.nextPage).toBe(2);
      const second = await h.store.listUsers({ page: 2, pageSize: 2 });
      expect(second.nextPage).toBeNull();
      expect([...first.users, ...second.users]).toEqual([
        { userId: '+15550100123', memoryCount: 2 },
        { userId: '+15550100456', memoryCount: 1 },
        { userId: 'user-c', memoryCount: 1 },
      ]);
      await expect(h.store.listUsers({ page: 0, pageSize: 2 })).rejects.toThrow('page must be an integer');
    });

    it('refuses an aborted call', async () => {
      const controller = new AbortController();
      controller.abort(new Error('deadline'));
      await expect(h.store.search({ userId: 'user-a', text: 'x', limit: 1, signal: controller.signal })).rejects.toThrow('deadline');
    });
  });
}
