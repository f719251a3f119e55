/**
 * Lambda entry of the ingest-worker role. Init: the role's configuration (validated at build
 * time), the environment's secret and the blob store through the AWS SDK, and the Mem0 store,
 * created on the first message.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { lambdaMemoryStore } from '@agentic-memory/function-kit/lambda-memory-store';
import { sdkBlobStore, sdkEnvironmentSecrets } from '@agentic-memory/function-kit/sdk-ports';
import roleConfig from '@agentic-memory/role-config';
import { createIngestWorkerHandler } from './ingest-worker-handler';

configureObservability('ingest-worker', roleConfig.environment.name);
const secrets = await sdkEnvironmentSecrets(process.env, systemClock);

export const handler = createIngestWorkerHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  blobStore: sdkBlobStore(process.env),
  memoryStore: lambdaMemoryStore(secrets, process.env, systemClock, roleConfig.agentTypes),
});
