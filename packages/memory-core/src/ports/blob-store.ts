export type BlobBody = Uint8Array | string;

export interface Blob {
  readonly body: Uint8Array;
  readonly contentType: string | null;
  /** The version of the blob that was read, for a conditional read later (null when the store has none). */
  readonly etag: string | null;
}

/** `getIfChanged`'s answer when the blob still is the version named. */
export const UNCHANGED = 'unchanged' as const;

export interface BlobPutOptions {
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

/** Raised by `putIfAbsent` when the key already holds a blob. */
export class BlobExistsError extends Error {
  constructor(readonly key: string) {
    super(`blob already exists: ${key}`);
    this.name = 'BlobExistsError';
  }
}

/** Raised for keys that are empty, absolute, contain `..`, or characters outside the allowed set. */
export class InvalidBlobKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid blob key: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export interface BlobStore {
  put(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void>;
  /** Creates the blob only if the key is free; throws BlobExistsError otherwise. */
  putIfAbsent(key: string, body: BlobBody, options?: BlobPutOptions): Promise<void>;
  /** Returns null when the key holds no blob ("absent" is not an error). */
  get(key: string, signal?: AbortSignal): Promise<Blob | null>;
  /**
   * A conditional read: `UNCHANGED` when the blob still is the version `etag` names (nothing is
   * transferred), the new blob when it changed, null when it is gone.
   */
  getIfChanged(key: string, etag: string, signal?: AbortSignal): Promise<Blob | typeof UNCHANGED | null>;
  /** Deletes the blob and every stored version of it; returns how many objects were removed. */
  delete(key: string, signal?: AbortSignal): Promise<number>;
  /** Keys under a prefix, lexicographic. */
  list(prefix: string, signal?: AbortSignal): Promise<readonly string[]>;
}

const KEY_PATTERN = /^[A-Za-z0-9!_.*'()=:+@-]+(\/[A-Za-z0-9!_.*'()=:+@-]+)*$/;

/** Shared key rule of every BlobStore: relative, `/`-separated, no `.`/`..` segments, ≤ 1024 bytes. */
export function validateBlobKey(key: string): string {
  if (key.length === 0) throw new InvalidBlobKeyError(key, 'empty');
  if (new TextEncoder().encode(key).length > 1024) throw new InvalidBlobKeyError(key, 'longer than 1024 bytes');
  if (!KEY_PATTERN.test(key)) throw new InvalidBlobKeyError(key, 'characters or separators outside the allowed set');
  for (const segment of key.split('/')) {
    if (segment === '.' || segment === '..') throw new InvalidBlobKeyError(key, 'path traversal segment');
  }
  return key;
}
