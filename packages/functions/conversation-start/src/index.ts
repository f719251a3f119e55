/**
 * Lambda entry of the conversation-start role. Init (outside the handler, so provisioned
 * concurrency pays it): the environment's secret requested first (init-secrets, before the rest
 * loads), the role's configuration (validated at build time) and the snapshot store over the
 * lightweight S3 adapter. The memory store's client is in the bundle only when an agent type of
 * the environment reads it on a snapshot miss.
 */
// First, before anything else is evaluated: the secret's request leaves while the rest loads.
import '@agentic-memory/function-kit/init-secrets';
import { configureObservability, secretsAtInit, systemClock } from '@agentic-memory/function-kit';
import { aws, secretFetch, secrets } from '@agentic-memory/function-kit/init-secrets';
import { lambdaMemoryStore } from '@agentic-memory/function-kit/lambda-memory-store';
import { liteBlobStore } from '@agentic-memory/function-kit/lambda-ports';
import { type MemoryStore, unavailableMemoryStore } from '@agentic-memory/memory-core';
import roleConfig from '@agentic-memory/role-config';
import { createConversationStartHandler } from './conversation-start-handler';

configureObservability('conversation-start', roleConfig.environment.name);
await secretsAtInit(secretFetch, process.env);

let memoryStore: MemoryStore = unavailableMemoryStore('no agent type of this environment reads the memory store on a snapshot miss');
// A build-time switch: when false, esbuild drops this branch and with it the Mem0 client.
if (__AGENTIC_MEMORY_READS_STORE_ON_MISS__) memoryStore = lambdaMemoryStore(secrets, process.env, systemClock, roleConfig.agentTypes);

export const handler = createConversationStartHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  blobStore: liteBlobStore(aws, process.env),
  memoryStore,
});
