import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface SqliteOptions {
  /** `FULL` makes every commit durable against power loss (the queue); `NORMAL` is durable against process crashes in WAL mode. */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens a SQLite database file in WAL mode with a busy timeout, creating its folder. One
 * connection per file per process: node:sqlite is synchronous, so statements from the HTTP
 * handlers and the worker in one process never interleave inside a transaction.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, rolling back on any error. The error that made it
 * fail is the one thrown: when SQLite has already rolled back by itself (a full disk, an I/O
 * error), the ROLLBACK's own "no transaction is active" must not hide it.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The original error says what went wrong.
      }
    }
    throw error;
  }
}
