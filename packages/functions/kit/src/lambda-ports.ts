/**
 * The AWS ports of the hot Lambda roles (call start, recall, intake): S3, Secrets Manager and SQS
 * through the lightweight SigV4 adapters — no AWS SDK in those bundles. Credentials come from the
 * environment, as Lambda sets them; the call-path roles take their client and secret from
 * `init-secrets`, imported first (so this module imports no logger). Import as
 * `@agentic-memory/function-kit/lambda-ports`.
 */
import { LiteAwsClient, LiteS3BlobStore, LiteSqsQueue, liteAwsOptionsFromEnvironment } from '@agentic-memory/provider-adapters/aws-lite';
import { lambdaSetting } from './lambda-settings';

type Env = Readonly<Record<string, string | undefined>>;

export function liteAwsClient(env: Env): LiteAwsClient {
  return new LiteAwsClient(liteAwsOptionsFromEnvironment(env));
}

export function liteBlobStore(aws: LiteAwsClient, env: Env): LiteS3BlobStore {
  return new LiteS3BlobStore(aws, lambdaSetting(env, 'BLOB_BUCKET'));
}

/** The ingest queue (with its dead-letter queue when the function is told it: the worker dead-letters). */
export function liteIngestQueue(aws: LiteAwsClient, env: Env): LiteSqsQueue {
  return new LiteSqsQueue(aws, lambdaSetting(env, 'INGEST_QUEUE_URL'), undefined, env.INGEST_DLQ_URL || undefined);
}
