/**
 * The AWS ports of the roles off the call path (worker, admin API, cost report, reconcile): the AWS SDK
 * clients, one per service a role uses. Inside a Lambda bundle their credential chain is the
 * environment's alone (see BUNDLE_ALIASES). Import as `@agentic-memory/function-kit/sdk-ports`.
 */
import type { AgentTypes, Clock, MemoryStore } from '@agentic-memory/memory-core';
import {
  createS3Client,
  createSecretsManagerClient,
  createSqsClient,
  S3BlobStore,
  SecretsManagerSecrets,
  SqsQueue,
} from '@agentic-memory/provider-adapters/aws';
import { lambdaMemoryStore } from './lambda-memory-store';
import { awsLocation, lambdaSetting } from './lambda-settings';
import { prefetchSecrets } from './secrets-prefetch';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment's secret, fetched at init (see prefetchSecrets: a failure is logged; requests fetch again). */
export async function sdkEnvironmentSecrets(env: Env, clock: Clock): Promise<SecretsManagerSecrets> {
  const secrets = new SecretsManagerSecrets(createSecretsManagerClient(awsLocation(env)), lambdaSetting(env, 'SECRET_ARN'), clock);
  await prefetchSecrets(secrets, env);
  return secrets;
}

export function sdkBlobStore(env: Env): S3BlobStore {
  return new S3BlobStore(createS3Client(awsLocation(env)), lambdaSetting(env, 'BLOB_BUCKET'));
}

/** The ports of the roles that read and write both stores off the call path (worker, admin API). */
export async function sdkStorePorts(
  env: Env,
  clock: Clock,
  agentTypes: AgentTypes,
): Promise<{ secrets: SecretsManagerSecrets; blobStore: S3BlobStore; memoryStore: MemoryStore }> {
  const secrets = await sdkEnvironmentSecrets(env, clock);
  return { secrets, blobStore: sdkBlobStore(env), memoryStore: lambdaMemoryStore(secrets, env, clock, agentTypes) };
}

/** The ingest queue, to send to (reconciliation feeds the worker as the intake does). */
export function sdkIngestQueue(env: Env): SqsQueue {
  return new SqsQueue(createSqsClient(awsLocation(env)), lambdaSetting(env, 'INGEST_QUEUE_URL'));
}
