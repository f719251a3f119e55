/** A small in-process cache with per-entry expiry and a size cap (oldest entries evicted first). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly maxEntries = 5000) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number, now: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose key matches (the entries of one caller). */
  deleteWhere(matches: (key: string) => boolean): number {
    let dropped = 0;
    for (const key of [...this.entries.keys()]) {
      if (matches(key)) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The process's caches that hold per-caller answers (weakly: a dropped handler's cache goes with it). */
const callerCaches = new Set<WeakRef<TtlCache<unknown>>>();

/**
 * Registers a cache whose keys carry caller keys as `…:<callerKey>` or `…:<callerKey>:…`, so
 * `evictCaller` reaches it. Returns the cache.
 */
export function registerCallerCache<V>(cache: TtlCache<V>): TtlCache<V> {
  callerCaches.add(new WeakRef(cache as TtlCache<unknown>));
  return cache;
}

/**
 * Forgets everything this process has cached about a caller: forget-me and a newly written
 * snapshot take effect at once in the process that did them (other instances revalidate within
 * their freshness bound).
 */
export function evictCaller(callerKey: string): void {
  const part = `:${callerKey}`;
  for (const ref of [...callerCaches]) {
    const cache = ref.deref();
    if (!cache) callerCaches.delete(ref);
    else cache.deleteWhere((key) => key.endsWith(part) || key.includes(`${part}:`));
  }
}
