/**
 * Lambda entry of the memory-search role. Init: the role's configuration (validated at build
 * time), the environment's secret over the lightweight adapter, and the Mem0 store, created on
 * the first search.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { lambdaMemoryStore } from '@agentic-memory/function-kit/lambda-memory-store';
import { liteAwsClient, liteEnvironmentSecrets } from '@agentic-memory/function-kit/lambda-ports';
import roleConfig from '@agentic-memory/role-config';
import { createMemorySearchHandler } from './memory-search-handler';

configureObservability('memory-search', roleConfig.environment.name);
const secrets = await liteEnvironmentSecrets(liteAwsClient(process.env), process.env, systemClock);

export const handler = createMemorySearchHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  memoryStore: lambdaMemoryStore(secrets, process.env, systemClock, roleConfig.agentTypes),
});
