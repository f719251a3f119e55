/**
 * The migration backfill: lists every user of the memory store (the seed system's Mem0 project,
 * where user ids are phone numbers), builds each caller's profile snapshot from their memories
 * with memory-core, and writes it to the blob store — so the first call after the switch greets a
 * known caller from the snapshot, without a Mem0 round-trip on the call path.
 *
 * Rate-limited (every store request waits its turn), resumable (a state file records the callers
 * done, by caller key — never a number — after each one), and with a dry run that only counts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { BlobKeys } from '@agentic-memory/function-kit';
import {
  type AgentType,
  adoptSeedMemory,
  type BlobStore,
  buildProfileSnapshot,
  type Clock,
  callerKey,
  type ExtractField,
  type Memory,
  type MemoryStore,
  normaliseE164,
  type UserDirectory,
} from '@agentic-memory/memory-core';
import { writeFileAtomic } from '../text-files';

export interface BackfillOptions {
  readonly store: MemoryStore & UserDirectory;
  readonly blobStore: BlobStore;
  readonly pepper: string;
  /** The agent types whose snapshots to build (the migrated, `raw`-mode ones), by name. */
  readonly agentTypes: Readonly<Record<string, AgentType>>;
  readonly clock: Clock;
  /** Where progress is kept between runs; null keeps none (dry runs). */
  readonly statePath: string | null;
  /** Store requests per second (listing users and memories). */
  readonly ratePerSecond: number;
  readonly pageSize?: number;
  readonly dryRun?: boolean;
  /** Country code for stored numbers written without one (see normaliseE164). */
  readonly defaultCountryCode?: string;
  readonly onProgress?: (progress: BackfillProgress) => void;
  /** Abort to stop after the caller in progress; the state file lets the next run resume. */
  readonly signal?: AbortSignal;
}

export interface BackfillProgress {
  readonly done: number;
  readonly total: number | null;
  readonly report: BackfillReport;
}

export interface BackfillReport {
  /** Users seen in this run (including those a previous run finished). */
  users: number;
  /** Finished by an earlier run and skipped. */
  resumed: number;
  memories: number;
  /** Snapshots written (or, in a dry run, that would be written). */
  snapshots: number;
  /** Users whose id is not a phone number: not callers of the seed system, left alone. */
  notPhoneNumbers: number;
  /** Users stored under a number not in E.164 form (`15550100123`): raw-mode recall looks up `+15550100123`. */
  nonCanonicalIds: number;
  /** Users with no live memory: no snapshot. */
  empty: number;
  requests: number;
  interrupted: boolean;
  elapsedMs: number;
}

interface BackfillState {
  readonly version: 1;
  readonly agentTypes: readonly string[];
  readonly done: string[];
}

/** Spaces calls `1000 / ratePerSecond` ms apart. */
class RateLimiter {
  private next = 0;
  constructor(private readonly intervalMs: number) {}
  async wait(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now && !signal?.aborted) await new Promise((r) => setTimeout(r, at - now));
  }
}

function readState(path: string, agentTypes: readonly string[]): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Set();
  }
  const state = JSON.parse(text) as BackfillState;
  if (state.version !== 1 || !Array.isArray(state.done)) throw new Error(`${path} is not a backfill state file (delete it to start over)`);
  if ([...state.agentTypes].sort().join() !== [...agentTypes].sort().join()) {
    throw new Error(
      `${path} is the state of a backfill for ${state.agentTypes.join(', ')}, not ${agentTypes.join(', ')}: pass --restart to start over`,
    );
  }
  return new Set(state.done);
}

function writeState(path: string, agentTypes: readonly string[], done: Set<string>): void {
  const state: BackfillState = { version: 1, agentTypes, done: [...done] };
  writeFileAtomic(path, JSON.stringify(state), 0o600);
}

/** Forgets a previous run's progress. */
export function resetBackfillState(path: string): void {
  rmSync(path, { force: true });
}

export async function backfillSnapshots(options: BackfillOptions): Promise<BackfillReport> {
  const started = performance.now();
  const names = Object.keys(options.agentTypes);
  if (names.length === 0) throw new Error('no agent type to build snapshots for');
  if (!(options.ratePerSecond > 0))
    throw new Error(`the rate must be a positive number of requests per second, got ${options.ratePerSecond}`);
  const pageSize = options.pageSize ?? 100;
  const limiter = new RateLimiter(1000 / options.ratePerSecond);
  const done = options.statePath && !options.dryRun ? readState(options.statePath, names) : new Set<string>();
  const report: BackfillReport = {
    users: 0,
    resumed: 0,
    memories: 0,
    snapshots: 0,
    notPhoneNumbers: 0,
    nonCanonicalIds: 0,
    empty: 0,
    requests: 0,
    interrupted: false,
    elapsedMs: 0,
  };
  // The fields any of the agent types extracts, read once from every seed memory.
  const fields: ExtractField[] = [...new Set(Object.values(options.agentTypes).flatMap((t) => t.memory_config.auto_extract))];
  const request = async <T>(call: () => Promise<T>): Promise<T> => {
    await limiter.wait(options.signal);
    report.requests += 1;
    return call();
  };
  const save = () => {
    if (options.statePath && !options.dryRun) writeState(options.statePath, names, done);
  };

  let total: number | null = null;
  let page: number | null = 1;
  try {
    while (page !== null && !options.signal?.aborted) {
      const current: number = page;
      const users = await request(() => options.store.listUsers({ page: current, pageSize, signal: options.signal }));
      total = users.total;
      for (const user of users.users) {
        if (options.signal?.aborted) break;
        report.users += 1;
        const e164 = normaliseE164(user.userId, { defaultCountryCode: options.defaultCountryCode });
        // The state names callers by caller key, and other ids by a hash: no number on disk.
        const marker = e164 ? callerKey(options.pepper, e164) : `id:${createHash('sha256').update(user.userId).digest('hex')}`;
        if (done.has(marker)) {
          report.resumed += 1;
        } else if (!e164) {
          report.notPhoneNumbers += 1;
          done.add(marker);
        } else {
          if (e164 !== user.userId) report.nonCanonicalIds += 1;
          const memories: Memory[] = [];
          for (let cursor: string | null | undefined; cursor !== null; ) {
            const from: string | null | undefined = cursor;
            const listed = await request(() => options.store.list(user.userId, { cursor: from, pageSize: 100, signal: options.signal }));
            memories.push(...listed.memories);
            cursor = listed.nextCursor;
          }
          report.memories += memories.length;
          if (memories.length === 0) report.empty += 1;
          else {
            const adopted = memories.map((m) => adoptSeedMemory(m, fields));
            for (const [name, agentType] of Object.entries(options.agentTypes)) {
              const snapshot = buildProfileSnapshot(adopted, { callerKey: marker, agentTypeName: name, agentType, clock: options.clock });
              if (!options.dryRun) {
                await options.blobStore.put(BlobKeys.snapshot(marker, name), JSON.stringify(snapshot), { contentType: 'application/json' });
              }
              report.snapshots += 1;
            }
          }
          done.add(marker);
        }
        save();
        options.onProgress?.({ done: report.users, total, report });
      }
      page = users.nextPage;
    }
  } finally {
    save();
    report.interrupted = Boolean(options.signal?.aborted) && page !== null;
    report.elapsedMs = Math.round(performance.now() - started);
  }
  return report;
}
