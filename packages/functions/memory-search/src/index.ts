/**
 * Lambda entry of the memory-search role. Init: the environment's secret requested first
 * (init-secrets, before the rest loads), the role's configuration (validated at build time), and
 * the Mem0 store, created on the first search.
 */
// First, before anything else is evaluated: the secret's request leaves while the rest loads.
import '@agentic-memory/function-kit/init-secrets';
import { configureObservability, secretsAtInit, systemClock } from '@agentic-memory/function-kit';
import { secretFetch, secrets } from '@agentic-memory/function-kit/init-secrets';
import { lambdaMemoryStore } from '@agentic-memory/function-kit/lambda-memory-store';
import roleConfig from '@agentic-memory/role-config';
import { createMemorySearchHandler } from './memory-search-handler';

configureObservability('memory-search', roleConfig.environment.name);
await secretsAtInit(secretFetch, process.env);

export const handler = createMemorySearchHandler({
  clock: systemClock,
  ...roleConfig,
  secrets,
  memoryStore: lambdaMemoryStore(secrets, process.env, systemClock, roleConfig.agentTypes),
});
