import { randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock, Queue, QueueSendRequest, QueueSendResult, ReceivedMessage } from '@agentic-memory/memory-core';
import { openSqlite, transaction } from './sqlite-database';

export interface DiskQueueOptions {
  /** Database file; one queue per file. */
  readonly path: string;
  readonly clock: Clock;
  /** A message received this many times and still not deleted goes to the dead letters. */
  readonly maxReceives: number;
  /** Default visibility timeout of a receive. */
  readonly visibilityTimeoutMs: number;
  /** Window in which a repeated deduplication id is accepted but not queued again (SQS: 5 min). */
  readonly deduplicationWindowMs?: number;
  /** How often a long-polling receive looks for new work from other processes. */
  readonly pollIntervalMs?: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly receiveCount: number;
  readonly sentAt: number;
  readonly deadAt: number;
}

interface MessageRow {
  seq: number;
  message_id: string;
  group_id: string;
  dedup_id: string;
  body: string;
  sent_ms: number;
  visible_ms: number;
  receive_count: number;
  receipt: string | null;
  dead_ms: number | null;
  owner: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  group_id TEXT NOT NULL,
  dedup_id TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_ms INTEGER NOT NULL,
  visible_ms INTEGER NOT NULL,
  receive_count INTEGER NOT NULL DEFAULT 0,
  receipt TEXT UNIQUE,
  dead_ms INTEGER,
  owner INTEGER
);
CREATE INDEX IF NOT EXISTS messages_live_group ON messages (group_id, seq) WHERE dead_ms IS NULL;
CREATE INDEX IF NOT EXISTS messages_dead ON messages (dead_ms) WHERE dead_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS dedup (
  dedup_id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
);
`;

const MAX_BODY_BYTES = 256 * 1024;

/** Whether a process with this id runs (signal 0 checks without signalling; EPERM means it runs as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A durable FIFO queue on SQLite (synchronous=FULL: an acknowledged send survives a crash or power
 * loss), with SQS FIFO semantics: order within a message group, groups in parallel, one message
 * per group in flight, a deduplication window, visibility timeouts with redelivery, receive
 * counts, and dead letters after `maxReceives` (listable and redrivable).
 */
export class DiskQueue implements Queue {
  private readonly db: DatabaseSync;
  private readonly clock: Clock;
  private readonly maxReceives: number;
  private readonly visibilityTimeoutMs: number;
  private readonly dedupWindowMs: number;
  private readonly pollIntervalMs: number;
  private readonly waiters = new Set<() => void>();
  private readonly stmt: Record<
    'findDedup' | 'purgeDedup' | 'insert' | 'insertDedup' | 'heads' | 'deliver' | 'kill' | 'killByReceipt' | 'ack' | 'visibility',
    StatementSync
  >;
  private closed = false;

  constructor(options: DiskQueueOptions) {
    if (!Number.isInteger(options.maxReceives) || options.maxReceives < 1) throw new Error('maxReceives must be a positive integer');
    this.clock = options.clock;
    this.maxReceives = options.maxReceives;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs;
    this.dedupWindowMs = options.deduplicationWindowMs ?? 5 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.db = openSqlite(options.path, { synchronous: 'FULL' });
    this.db.exec(SCHEMA);
    // Queue files from before deliveries recorded their process.
    const columns = this.db.prepare('PRAGMA table_info(messages)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'owner')) this.db.exec('ALTER TABLE messages ADD COLUMN owner INTEGER');
    this.stmt = {
      findDedup: this.db.prepare('SELECT message_id FROM dedup WHERE dedup_id = ? AND expires_ms > ?'),
      purgeDedup: this.db.prepare('DELETE FROM dedup WHERE expires_ms <= ?'),
      insert: this.db.prepare('INSERT INTO messages (message_id, group_id, dedup_id, body, sent_ms, visible_ms) VALUES (?, ?, ?, ?, ?, 0)'),
      insertDedup: this.db.prepare('INSERT OR REPLACE INTO dedup (dedup_id, message_id, expires_ms) VALUES (?, ?, ?)'),
      // The head (oldest live message) of every group, when it is visible.
      heads: this.db.prepare(`
        SELECT m.* FROM messages m
        JOIN (SELECT group_id, MIN(seq) AS seq FROM messages WHERE dead_ms IS NULL GROUP BY group_id) h ON h.seq = m.seq
        WHERE m.visible_ms <= ? ORDER BY m.seq LIMIT ?`),
      deliver: this.db.prepare(
        'UPDATE messages SET receive_count = receive_count + 1, visible_ms = ?, receipt = ?, owner = ? WHERE seq = ?',
      ),
      kill: this.db.prepare('UPDATE messages SET dead_ms = ?, receipt = NULL WHERE seq = ?'),
      killByReceipt: this.db.prepare('UPDATE messages SET dead_ms = ?, receipt = NULL WHERE receipt = ? AND dead_ms IS NULL'),
      ack: this.db.prepare('DELETE FROM messages WHERE receipt = ? AND dead_ms IS NULL'),
      visibility: this.db.prepare('UPDATE messages SET visible_ms = ? WHERE receipt = ? AND dead_ms IS NULL'),
    };
    this.releasedOnOpen = this.releaseOrphans();
  }

  /** Deliveries released at start because the process holding them had died (see `releaseOrphans`). */
  readonly releasedOnOpen: number;

  /**
   * Messages in flight with a process that no longer runs (a worker killed mid-batch) are visible
   * again at once: a restart delays their callers by seconds, not the visibility timeout. A delivery
   * held by a live process (another runtime on the same file) is left alone.
   */
  private releaseOrphans(): number {
    const now = this.clock.now();
    const held = this.db
      .prepare('SELECT DISTINCT owner FROM messages WHERE dead_ms IS NULL AND visible_ms > ? AND owner IS NOT NULL')
      .all(now) as {
      owner: number;
    }[];
    const dead = held.map((h) => h.owner).filter((pid) => pid !== process.pid && !processRuns(pid));
    if (dead.length === 0) return 0;
    const release = this.db.prepare('UPDATE messages SET visible_ms = 0, receipt = NULL, owner = NULL WHERE dead_ms IS NULL AND owner = ?');
    return transaction(this.db, () => dead.reduce((n, pid) => n + Number(release.run(pid).changes), 0));
  }

  async send(request: QueueSendRequest): Promise<QueueSendResult> {
    this.assertOpen();
    if (request.groupId.length === 0 || request.groupId.length > 128) throw new Error('groupId must be 1 to 128 characters');
    if (request.deduplicationId.length === 0 || request.deduplicationId.length > 128)
      throw new Error('deduplicationId must be 1 to 128 characters');
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) throw new Error('message body is larger than 256 KiB');
    const now = this.clock.now();
    const result = transaction(this.db, () => {
      this.stmt.purgeDedup.run(now);
      const seen = this.stmt.findDedup.get(request.deduplicationId, now) as { message_id: string } | undefined;
      if (seen) return { messageId: seen.message_id, duplicate: true };
      const messageId = randomUUID();
      this.stmt.insert.run(messageId, request.groupId, request.deduplicationId, request.body, now);
      this.stmt.insertDedup.run(request.deduplicationId, messageId, now + this.dedupWindowMs);
      return { messageId, duplicate: false };
    });
    if (!result.duplicate) this.wake();
    return result;
  }

  async receive(options: { max: number; visibilityTimeoutMs?: number; waitMs?: number }): Promise<readonly ReceivedMessage[]> {
    this.assertOpen();
    const max = Math.min(Math.max(1, Math.floor(options.max)), 10);
    const deadline = Date.now() + Math.max(0, options.waitMs ?? 0);
    for (;;) {
      const batch = this.receiveNow(max, options.visibilityTimeoutMs ?? this.visibilityTimeoutMs);
      const remaining = deadline - Date.now();
      if (batch.length > 0 || remaining <= 0 || this.closed) return batch;
      await this.waitForWork(Math.min(remaining, this.pollIntervalMs));
    }
  }

  async delete(receiptHandle: string): Promise<void> {
    this.assertOpen();
    if (Number(this.stmt.ack.run(receiptHandle).changes) > 0) this.wake();
  }

  async deadLetter(message: ReceivedMessage, _reason: string): Promise<void> {
    this.assertOpen();
    if (Number(this.stmt.killByReceipt.run(this.clock.now(), message.receiptHandle).changes) > 0) this.wake();
  }

  async changeVisibility(receiptHandle: string, ms: number): Promise<void> {
    this.assertOpen();
    this.stmt.visibility.run(this.clock.now() + Math.max(0, ms), receiptHandle);
    if (ms <= 0) this.wake();
  }

  /** Dead letters, oldest first. */
  deadLetters(): DeadLetter[] {
    this.assertOpen();
    const rows = this.db.prepare('SELECT * FROM messages WHERE dead_ms IS NOT NULL ORDER BY dead_ms, seq').all() as unknown as MessageRow[];
    return rows.map((r) => ({
      messageId: r.message_id,
      body: r.body,
      groupId: r.group_id,
      deduplicationId: r.dedup_id,
      receiveCount: r.receive_count,
      sentAt: r.sent_ms,
      deadAt: r.dead_ms as number,
    }));
  }

  /** Moves dead letters (all, or the given ids) back to the end of the queue with a fresh receive count. */
  redrive(messageIds?: readonly string[]): number {
    this.assertOpen();
    const moved = transaction(this.db, () => {
      const dead = this.deadLetters().filter((d) => !messageIds || messageIds.includes(d.messageId));
      for (const d of dead) {
        this.db.prepare('DELETE FROM messages WHERE message_id = ?').run(d.messageId);
        this.db
          .prepare('INSERT INTO messages (message_id, group_id, dedup_id, body, sent_ms, visible_ms) VALUES (?, ?, ?, ?, ?, 0)')
          .run(d.messageId, d.groupId, d.deduplicationId, d.body, d.sentAt);
      }
      return dead.length;
    });
    if (moved > 0) this.wake();
    return moved;
  }

  /** Counts for dashboards and tests: waiting or in flight, and dead. */
  depth(): { live: number; inFlight: number; dead: number } {
    const now = this.clock.now();
    const row = this.db
      .prepare(
        `SELECT SUM(dead_ms IS NULL) AS live, SUM(dead_ms IS NULL AND visible_ms > ?) AS in_flight, SUM(dead_ms IS NOT NULL) AS dead FROM messages`,
      )
      .get(now) as { live: number | null; in_flight: number | null; dead: number | null };
    return { live: row.live ?? 0, inFlight: row.in_flight ?? 0, dead: row.dead ?? 0 };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    this.db.close();
  }

  private receiveNow(max: number, visibilityTimeoutMs: number): ReceivedMessage[] {
    const now = this.clock.now();
    return transaction(this.db, () => {
      const out: ReceivedMessage[] = [];
      // A dead head frees its group, so look again until the batch is full or no head is left.
      for (let round = 0; round < 100 && out.length < max; round += 1) {
        const heads = this.stmt.heads.all(now, max - out.length) as unknown as MessageRow[];
        if (heads.length === 0) break;
        let killed = false;
        for (const head of heads) {
          if (head.receive_count >= this.maxReceives) {
            this.stmt.kill.run(now, head.seq);
            killed = true;
            continue;
          }
          const receipt = `${head.message_id}.${randomBytes(12).toString('hex')}`;
          this.stmt.deliver.run(now + Math.max(0, visibilityTimeoutMs), receipt, process.pid, head.seq);
          out.push({
            messageId: head.message_id,
            body: head.body,
            groupId: head.group_id,
            deduplicationId: head.dedup_id,
            receiptHandle: receipt,
            receiveCount: head.receive_count + 1,
            sentAt: head.sent_ms,
          });
        }
        if (!killed) break;
      }
      return out;
    });
  }

  private waitForWork(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('queue is closed');
  }
}
