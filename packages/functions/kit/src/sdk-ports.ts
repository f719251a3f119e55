/**
 * The AWS ports of the roles off the call path (worker, admin API, cost report): the AWS SDK
 * clients, one per service a role uses. Inside a Lambda bundle their credential chain is the
 * environment's alone (see BUNDLE_ALIASES). Import as `@agentic-memory/function-kit/sdk-ports`.
 */
import type { Clock } from '@agentic-memory/memory-core';
import { createS3Client, createSecretsManagerClient, S3BlobStore, SecretsManagerSecrets } from '@agentic-memory/provider-adapters/aws';
import { awsLocation, lambdaSetting } from './lambda-settings';
import { prefetchSecrets } from './secrets-prefetch';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment's secret, fetched at init (a failure is logged; requests fetch again). */
export async function sdkEnvironmentSecrets(env: Env, clock: Clock): Promise<SecretsManagerSecrets> {
  const secrets = new SecretsManagerSecrets(createSecretsManagerClient(awsLocation(env)), lambdaSetting(env, 'SECRET_ARN'), clock);
  await prefetchSecrets(secrets);
  return secrets;
}

export function sdkBlobStore(env: Env): S3BlobStore {
  return new S3BlobStore(createS3Client(awsLocation(env)), lambdaSetting(env, 'BLOB_BUCKET'));
}
