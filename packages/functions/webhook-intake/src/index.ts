/**
 * Lambda entry of the webhook-intake role. Init: the role's configuration (validated at build
 * time), the environment's secret, the raw-payload store and the ingest queue — all over the
 * lightweight adapters.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { liteAwsClient, liteBlobStore, liteEnvironmentSecrets, liteIngestQueue } from '@agentic-memory/function-kit/lambda-ports';
import roleConfig from '@agentic-memory/role-config';
import { createWebhookIntakeHandler } from './webhook-intake-handler';

configureObservability('webhook-intake', roleConfig.environment.name);
const aws = liteAwsClient(process.env);
const secrets = await liteEnvironmentSecrets(aws, process.env, systemClock);

export const handler = createWebhookIntakeHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  blobStore: liteBlobStore(aws, process.env),
  queue: liteIngestQueue(aws, process.env),
});
