/**
 * The AWS ports of the hot Lambda roles (call start, recall, intake): S3, Secrets Manager and SQS
 * through the lightweight SigV4 adapters — no AWS SDK in those bundles. Credentials come from the
 * environment, as Lambda sets them. Import as `@agentic-memory/function-kit/lambda-ports`.
 */
import type { Clock } from '@agentic-memory/memory-core';
import {
  LiteAwsClient,
  LiteS3BlobStore,
  LiteSecretsManagerSecrets,
  LiteSqsQueue,
  liteAwsOptionsFromEnvironment,
} from '@agentic-memory/provider-adapters/aws-lite';
import { lambdaSetting } from './lambda-settings';
import { prefetchSecrets } from './secrets-prefetch';

type Env = Readonly<Record<string, string | undefined>>;

export function liteAwsClient(env: Env): LiteAwsClient {
  return new LiteAwsClient(liteAwsOptionsFromEnvironment(env));
}

/** The environment's secret, fetched at init (see prefetchSecrets: a failure is logged; requests fetch again). */
export async function liteEnvironmentSecrets(aws: LiteAwsClient, env: Env, clock: Clock): Promise<LiteSecretsManagerSecrets> {
  const secrets = new LiteSecretsManagerSecrets(aws, lambdaSetting(env, 'SECRET_ARN'), clock);
  await prefetchSecrets(secrets, env);
  return secrets;
}

export function liteBlobStore(aws: LiteAwsClient, env: Env): LiteS3BlobStore {
  return new LiteS3BlobStore(aws, lambdaSetting(env, 'BLOB_BUCKET'));
}

/** The ingest queue (with its dead-letter queue when the function is told it: the worker dead-letters). */
export function liteIngestQueue(aws: LiteAwsClient, env: Env): LiteSqsQueue {
  return new LiteSqsQueue(aws, lambdaSetting(env, 'INGEST_QUEUE_URL'), undefined, env.INGEST_DLQ_URL || undefined);
}
