/**
 * `pnpm bench:embedded`: search latency of SqliteMemoryStore at 10,000 memories and throughput of
 * DiskQueue, on this machine, in a temporary folder. Prints a table; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FixedClock, type NewMemory, percentile } from '@agentic-memory/memory-core';
import { DiskQueue } from '../src/embedded/disk-queue';
import { SqliteMemoryStore } from '../src/embedded/sqlite-memory-store';

const WORDS = (
  'router wifi connection billing invoice refund charge password login account premium plan email phone text technician firmware ' +
  'update solar roof budget timeline install quote payback financing wife decision order delivery package tracking damaged screen ' +
  'battery upgrade cancel subscription renewal discount loyalty appointment thursday monday evening morning japan teaching english'
).split(' ');
const QUESTIONS = [
  'what was wrong with the router?',
  'how does she want to be contacted?',
  "what's the budget for the solar install?",
  'did we schedule a technician?',
  'where did she teach abroad?',
  'was the refund for the double charge issued?',
  'when does the subscription renew',
  'any problems with delivery or a damaged package?',
];

const fixed = (value: number | null, digits: number) => (value === null ? '-' : value.toFixed(digits));

function stats(samples: number[]): { p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: percentile(samples, 100) };
}

let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}

function sentence(): string {
  return Array.from({ length: 8 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

async function benchSearch(dir: string, users: number, perUser: number) {
  const clock = new FixedClock('2026-11-01T00:00:00Z');
  const store = new SqliteMemoryStore(join(dir, `memory-${users}.db`), clock);
  const start = performance.now();
  for (let u = 0; u < users; u += 1) {
    const memories: NewMemory[] = Array.from({ length: perUser }, (_, i) => ({
      id: `u${u}-m${i}`,
      text: sentence(),
      type: i % 3 === 0 ? 'issue' : 'factual',
      createdAt: new Date(clock.now() - Math.floor(random() * 365) * 86_400_000).toISOString(),
      expiresAt: null,
      metadata: { conversation_id: `c${i % 40}` },
    }));
    await store.add(`user-${u}`, memories);
  }
  const loadMs = performance.now() - start;
  const samples: number[] = [];
  for (let i = 0; i < 50; i += 1) await store.search({ userId: 'user-0', text: QUESTIONS[i % QUESTIONS.length] as string, limit: 5 });
  for (let i = 0; i < 1000; i += 1) {
    const t = performance.now();
    await store.search({ userId: `user-${i % users}`, text: QUESTIONS[i % QUESTIONS.length] as string, limit: 5 });
    samples.push(performance.now() - t);
  }
  store.close();
  return { loadMs, ...stats(samples) };
}

async function benchQueue(dir: string, messages: number, groups: number) {
  const queue = new DiskQueue({
    path: join(dir, 'queue.db'),
    clock: { now: () => Date.now() },
    maxReceives: 5,
    visibilityTimeoutMs: 60_000,
  });
  const t0 = performance.now();
  for (let i = 0; i < messages; i += 1) {
    await queue.send({
      body: JSON.stringify({ provider: 'elevenlabs', event: 'post_call_transcription', conversationId: `c${i}` }),
      groupId: `g${i % groups}`,
      deduplicationId: `d${i}`,
    });
  }
  const sendMs = performance.now() - t0;
  const t1 = performance.now();
  let received = 0;
  for (;;) {
    const batch = await queue.receive({ max: 10 });
    if (batch.length === 0) break;
    received += batch.length;
    for (const m of batch) await queue.delete(m.receiptHandle);
  }
  const drainMs = performance.now() - t1;
  queue.close();
  return { sendPerS: (messages / sendMs) * 1000, receiveAckPerS: (received / drainMs) * 1000, received };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'am-bench-'));
  try {
    const rows: [string, string, string][] = [];
    const one = await benchSearch(dir, 1, 10_000);
    rows.push([
      'search, 1 caller × 10,000 memories',
      `p50 ${fixed(one.p50, 2)} ms, p95 ${fixed(one.p95, 2)} ms, p99 ${fixed(one.p99, 2)} ms, max ${fixed(one.max, 1)} ms`,
      '1,000 queries, limit 5, 8 natural-language questions',
    ]);
    const many = await benchSearch(dir, 1000, 10);
    rows.push([
      'search, 1,000 callers × 10 memories',
      `p50 ${fixed(many.p50, 2)} ms, p95 ${fixed(many.p95, 2)} ms, p99 ${fixed(many.p99, 2)} ms, max ${fixed(many.max, 1)} ms`,
      '1,000 queries over all callers',
    ]);
    rows.push([
      'insert 10,000 memories',
      `${one.loadMs.toFixed(0)} ms (one transaction) / ${many.loadMs.toFixed(0)} ms (1,000 transactions)`,
      'WAL, synchronous=NORMAL',
    ]);
    const q = await benchQueue(dir, 2000, 50);
    rows.push(['queue send', `${q.sendPerS.toFixed(0)} msg/s`, '2,000 sends, 50 groups, each commit fsynced (synchronous=FULL)']);
    rows.push([
      'queue receive + ack',
      `${q.receiveAckPerS.toFixed(0)} msg/s`,
      `batches of 10, ${q.received} messages, one group in flight per group`,
    ]);
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`embedded ports on ${process.platform}/${process.arch}, Node ${process.version}`);
    for (const [what, figure, method] of rows) console.log(`${what.padEnd(width)}  ${figure}  (${method})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
