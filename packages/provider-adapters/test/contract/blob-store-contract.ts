import { BlobExistsError, type BlobStore, InvalidBlobKeyError, UNCHANGED } from '@agentic-memory/memory-core';
import { useFreshHarness } from './harness';

export interface BlobStoreHarness {
  readonly store: BlobStore;
  close(): Promise<void>;
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

/** What every BlobStore must do; the factory yields a fresh, empty store. */
export function describeBlobStoreContract(name: string, createHarness: () => Promise<BlobStoreHarness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    const h = useFreshHarness(createHarness);

    it('puts and gets text and bytes, with the content type', async () => {
      await h.store.put('raw/elevenlabs/post_call_transcription/conv_1', '{"a":1}', { contentType: 'application/json' });
      const bytes = new Uint8Array([0, 255, 1, 254, 10, 13]);
      await h.store.put('audio/conv_1.mp3', bytes, { contentType: 'audio/mpeg' });
      const json = await h.store.get('raw/elevenlabs/post_call_transcription/conv_1');
      expect(text(json?.body)).toBe('{"a":1}');
      expect(json?.contentType).toBe('application/json');
      expect(Buffer.from((await h.store.get('audio/conv_1.mp3'))?.body ?? []).equals(Buffer.from(bytes))).toBe(true);
    });

    it('returns null for an absent key, distinctly from an empty blob', async () => {
      expect(await h.store.get('nothing/here')).toBeNull();
      await h.store.put('empty', '');
      const empty = await h.store.get('empty');
      expect(empty).not.toBeNull();
      expect(empty?.body.byteLength).toBe(0);
    });

    it('reads conditionally: unchanged for the version read, the new blob after a put, null once deleted', async () => {
      await h.store.put('snapshots/k/t.json', '{"v":1}', { contentType: 'application/json' });
      const first = await h.store.get('snapshots/k/t.json');
      expect(first?.etag).toEqual(expect.any(String));
      expect(await h.store.getIfChanged('snapshots/k/t.json', first?.etag as string)).toBe(UNCHANGED);
      await h.store.put('snapshots/k/t.json', '{"v":2}', { contentType: 'application/json' });
      const changed = await h.store.getIfChanged('snapshots/k/t.json', first?.etag as string);
      expect(changed).not.toBe(UNCHANGED);
      const next = changed as Exclude<typeof changed, typeof UNCHANGED | null>;
      expect(text(next.body)).toBe('{"v":2}');
      expect(next.etag).not.toBe(first?.etag);
      expect(await h.store.getIfChanged('snapshots/k/t.json', next.etag as string)).toBe(UNCHANGED);
      await h.store.delete('snapshots/k/t.json');
      expect(await h.store.getIfChanged('snapshots/k/t.json', next.etag as string)).toBeNull();
      expect(await h.store.getIfChanged('never/written', '"x"')).toBeNull();
    });

    it('overwrites with put', async () => {
      await h.store.put('snap/k', 'v1');
      await h.store.put('snap/k', 'v2');
      expect(text((await h.store.get('snap/k'))?.body)).toBe('v2');
    });

    it('putIfAbsent creates once and then fails with BlobExistsError, leaving the first value', async () => {
      await h.store.putIfAbsent('done/elevenlabs/post_call_transcription/conv_1', 'first');
      await expect(h.store.putIfAbsent('done/elevenlabs/post_call_transcription/conv_1', 'second')).rejects.toBeInstanceOf(BlobExistsError);
      expect(text((await h.store.get('done/elevenlabs/post_call_transcription/conv_1'))?.body)).toBe('first');
    });

    it('lets exactly one of many concurrent putIfAbsent calls win', async () => {
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => h.store.putIfAbsent('done/race', `writer ${i}`)));
      expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(BlobExistsError);
    });

    it('keeps a key and longer keys under it apart', async () => {
      await h.store.put('a/b', 'short');
      await h.store.put('a/b/c', 'long');
      expect(text((await h.store.get('a/b'))?.body)).toBe('short');
      expect(text((await h.store.get('a/b/c'))?.body)).toBe('long');
    });

    it('lists keys under a prefix, sorted', async () => {
      for (const key of ['raw/x/2', 'raw/x/1', 'raw/y/1', 'rawish', 'snap/k']) await h.store.put(key, key);
      expect(await h.store.list('raw/')).toEqual(['raw/x/1', 'raw/x/2', 'raw/y/1']);
      expect(await h.store.list('raw/x/')).toEqual(['raw/x/1', 'raw/x/2']);
      expect(await h.store.list('raw')).toEqual(['raw/x/1', 'raw/x/2', 'raw/y/1', 'rawish']);
      expect(await h.store.list('none/')).toEqual([]);
    });

    it('deletes and reports what it removed', async () => {
      await h.store.put('snap/k', 'v');
      expect(await h.store.delete('snap/k')).toBeGreaterThanOrEqual(1);
      expect(await h.store.get('snap/k')).toBeNull();
      expect(await h.store.delete('snap/k')).toBe(0);
    });

    it.each([
      ['empty', ''],
      ['absolute', '/abs'],
      ['parent', '../escape'],
      ['inner parent', 'a/../b'],
      ['dot segment', 'a/./b'],
      ['empty segment', 'a//b'],
      ['trailing slash', 'trailing/'],
      ['backslash', 'back\\slash'],
      ['NUL', 'nul\u0000'],
      ['space', 'space here'],
      ['over 1024 bytes', 'x'.repeat(1025)],
    ])('rejects a key with %s', async (_label, key) => {
      await expect(h.store.put(key, 'v')).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(h.store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });
  });
}
