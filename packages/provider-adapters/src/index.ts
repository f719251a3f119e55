export { secretsEqual } from './auth/constant-time';
export { type AwsClientOptions, type AwsClients, createAwsClients } from './aws/aws-clients';
export { ensureBucket, ensureFifoQueue, type FifoQueueUrls, sqsDepth } from './aws/local-provisioning';
export { S3BlobStore } from './aws/s3-blob-store';
export { SECRETS_MAX_AGE_MS, SecretsManagerSecrets } from './aws/secrets-manager-secrets';
export { type SqsDeadLetter, SqsDeadLetters } from './aws/sqs-dead-letters';
export { SqsQueue } from './aws/sqs-queue';
export { type ElevenLabsInitiation, parseElevenLabsInitiation } from './elevenlabs/elevenlabs-initiation';
export {
  ELEVENLABS_EVENTS,
  type ElevenLabsEvent,
  type ElevenLabsPostCallEnvelope,
  elevenLabsCaller,
  elevenLabsCallRecord,
  parseElevenLabsPostCall,
} from './elevenlabs/elevenlabs-post-call';
export {
  ELEVENLABS_TOLERANCE_MS,
  type SignatureCheck,
  type SignatureFailure,
  signElevenLabs,
  verifyElevenLabsSignature,
} from './elevenlabs/elevenlabs-signature';
export { type ElevenLabsToolRequest, parseElevenLabsToolRequest } from './elevenlabs/elevenlabs-tool-request';
export { DiskBlobStore } from './embedded/disk-blob-store';
export { type DeadLetter, DiskQueue, type DiskQueueOptions } from './embedded/disk-queue';
export { EnvSecrets } from './embedded/env-secrets';
export { ftsMatchExpression, queryTerms } from './embedded/fts-query';
export { openSqlite, transaction } from './embedded/sqlite-database';
export { SqliteMemoryStore } from './embedded/sqlite-memory-store';
export { Mem0MemoryStore, type Mem0StoreOptions, toMemoryStoreError } from './mem0/mem0-memory-store';
export { PayloadError } from './payload-error';
export { elevenLabsAdapter } from './platforms/elevenlabs-adapter';
export { genericAdapter } from './platforms/generic-adapter';
export * from './platforms/platform-adapter';
export { FIVE_MINUTES_MS, signRetell, signVapi, verifyRetellSignature, verifyVapiSignature } from './platforms/platform-signatures';
export { platformAdapter } from './platforms/registry';
export { retellAdapter } from './platforms/retell-adapter';
export { vapiAdapter } from './platforms/vapi-adapter';
