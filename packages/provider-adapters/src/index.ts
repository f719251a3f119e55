export {
  ELEVENLABS_EVENTS,
  type ElevenLabsEvent,
  type ElevenLabsPostCallEnvelope,
  elevenLabsCaller,
  elevenLabsCallRecord,
  parseElevenLabsPostCall,
} from './elevenlabs/elevenlabs-post-call';
export { DiskBlobStore } from './embedded/disk-blob-store';
export { type DeadLetter, DiskQueue, type DiskQueueOptions } from './embedded/disk-queue';
export { ftsMatchExpression, queryTerms } from './embedded/fts-query';
export { openSqlite, transaction } from './embedded/sqlite-database';
export { SqliteMemoryStore } from './embedded/sqlite-memory-store';
export { PayloadError } from './payload-error';
