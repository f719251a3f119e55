/**
 * Lambda entry point of the memory-search role. Init (outside the handler, so provisioned concurrency pays
 * it): wire the ports from the environment the CDK app sets, prefetch the environment's secret.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { createMemorySearchHandler } from './memory-search-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('memory-search', deps.environment.name);

export const handler = createMemorySearchHandler(deps);
