import { randomBytes } from 'node:crypto';
import { type BigIntStats, closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Blob, BlobBody, BlobPutOptions, BlobStore } from '@agentic-memory/memory-core';
import { BlobExistsError, UNCHANGED, validateBlobKey } from '@agentic-memory/memory-core';

/** A data file's version: its inode and modification time (a put renames a new file into place). */
function versionOf(stats: BigIntStats): string {
  return `"${stats.ino.toString(36)}-${stats.mtimeNs.toString(36)}-${stats.size.toString(36)}"`;
}

/** Data files end with `~` (never part of a key), so a key and a longer key under it can coexist. */
const DATA_SUFFIX = '~';
const META_SUFFIX = '~meta';

function toBytes(body: BlobBody): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException)?.code === code;
}

/**
 * BlobStore on a directory: writes go to a temp file that is fsynced and renamed into place
 * (readers never see half a blob); `putIfAbsent` hard-links the temp file, which fails atomically
 * when the key exists; keys are validated so none escapes the root.
 */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private paths(key: string): { data: string; meta: string; dir: string } {
    validateBlobKey(key);
    const data = join(this.root, ...key.split('/')) + DATA_SUFFIX;
    if (!data.startsWith(this.root + sep)) throw new Error('blob key escapes the store root');
    return { data, meta: data.slice(0, -DATA_SUFFIX.length) + META_SUFFIX, dir: dirname(data) };
  }

  private async stage(dir: string, body: BlobBody, options?: BlobPutOptions): Promise<{ temp: string; metaTemp: string | null }> {
    if (options?.signal?.aborted) throw new Error('aborted');
    await mkdir(dir, { recursive: true });
    const id = randomBytes(8).toString('hex');
    const temp = join(dir, `.tmp-${id}`);
    await writeDurably(temp, toBytes(body));
    let metaTemp: string | null = null;
    if (options?.contentType) {
      metaTemp = join(dir, `.tmp-${id}-meta`);
      await writeDurably(metaTemp, Buffer.from(JSON.stringify({ contentType: options.contentType })));
    }
    return { temp, metaTemp };
  }

  async put(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    const { data, meta, dir } = this.paths(key);
    const { temp, metaTemp } = await this.stage(dir, body, options);
    if (metaTemp) await rename(metaTemp, meta);
    else await rm(meta, { force: true });
    await rename(temp, data);
    await syncDir(dir);
  }

  async putIfAbsent(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void> {
    const { data, meta, dir } = this.paths(key);
    const { temp, metaTemp } = await this.stage(dir, body, options);
    try {
      await link(temp, data);
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new BlobExistsError(key);
      throw error;
    } finally {
      await unlink(temp);
      if (metaTemp) {
        await rename(metaTemp, meta).catch(() => unlink(metaTemp));
      }
    }
    await syncDir(dir);
  }

  async get(key: string): Promise<Blob | null> {
    const { data, meta } = this.paths(key);
    let body: Buffer;
    let etag: string;
    try {
      // One open file for the bytes and their version: every put writes a new file (a new inode).
      // Synchronous: a blob here is a few KB on the call path (a snapshot), and four thread-pool
      // round trips per read cost more than the read (the p99 of the snapshot path).
      const fd = openSync(data, 'r');
      try {
        etag = versionOf(fstatSync(fd, { bigint: true }));
        body = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return null;
      throw error;
    }
    let contentType: string | null = null;
    try {
      contentType = (JSON.parse(readFileSync(meta, 'utf8')) as { contentType?: string }).contentType ?? null;
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType, etag };
  }

  async getIfChanged(key: string, etag: string): Promise<Blob | typeof UNCHANGED | null> {
    const { data } = this.paths(key);
    try {
      // Synchronous like `get`: the revalidation call start makes every few seconds.
      if (versionOf(statSync(data, { bigint: true })) === etag) return UNCHANGED;
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return null;
      throw error;
    }
    return this.get(key);
  }

  async delete(key: string): Promise<number> {
    const { data, meta } = this.paths(key);
    await rm(meta, { force: true });
    try {
      await unlink(data);
      return 1;
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return 0;
      throw error;
    }
  }

  async list(prefix: string): Promise<readonly string[]> {
    // Start from the deepest folder the prefix names completely.
    const slash = prefix.lastIndexOf('/');
    const base = slash >= 0 ? prefix.slice(0, slash) : '';
    if (base !== '') validateBlobKey(base);
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
        throw error;
      }
      for (const entry of entries) {
        if (entry.isDirectory()) {
          const next = `${keyPrefix}${entry.name}/`;
          if (next.startsWith(prefix) || prefix.startsWith(next)) await walk(join(dir, entry.name), next);
        } else if (entry.isFile() && entry.name.endsWith(DATA_SUFFIX)) {
          const key = keyPrefix + entry.name.slice(0, -DATA_SUFFIX.length);
          if (key.startsWith(prefix)) keys.push(key);
        }
      }
    };
    await walk(base === '' ? this.root : join(this.root, ...base.split('/')), base === '' ? '' : `${base}/`);
    return keys.sort();
  }
}
