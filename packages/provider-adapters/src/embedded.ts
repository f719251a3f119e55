/** The embedded adapters (disk blobs, disk queue, SQLite memories, env secrets): `@agentic-memory/provider-adapters/embedded`. */
export { DiskBlobStore } from './embedded/disk-blob-store';
export { type DeadLetter, DiskQueue, type DiskQueueOptions } from './embedded/disk-queue';
export { EnvSecrets } from './embedded/env-secrets';
export { ftsMatchExpression, queryTerms } from './embedded/fts-query';
export { foldWord, type Lexicon, lightStem, PLAIN_LEXICON, wordsOf } from './embedded/lexicon';
export { openSqlite, transaction } from './embedded/sqlite-database';
export { indexTerms, queryConcepts, SqliteMemoryStore } from './embedded/sqlite-memory-store';
