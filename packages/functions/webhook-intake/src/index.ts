/**
 * Lambda entry of the webhook-intake role. Init: the environment's secret requested first
 * (init-secrets, before the rest loads), the role's configuration (validated at build time), the
 * raw-payload store and the ingest queue — all over the lightweight adapters.
 */
// First, before anything else is evaluated: the secret's request leaves while the rest loads.
import '@agentic-memory/function-kit/init-secrets';
import { configureObservability, secretsAtInit, systemClock } from '@agentic-memory/function-kit';
import { aws, secretFetch, secrets } from '@agentic-memory/function-kit/init-secrets';
import { liteBlobStore, liteIngestQueue } from '@agentic-memory/function-kit/lambda-ports';
import roleConfig from '@agentic-memory/role-config';
import { createWebhookIntakeHandler } from './webhook-intake-handler';

configureObservability('webhook-intake', roleConfig.environment.name);
await secretsAtInit(secretFetch, process.env);

export const handler = createWebhookIntakeHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  blobStore: liteBlobStore(aws, process.env),
  queue: liteIngestQueue(aws, process.env),
});
