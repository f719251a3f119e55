/**
 * Lambda entry point of the insights role (admin API). Init wires the ports from the environment
 * the CDK app sets and prefetches the environment's secret.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { createInsightsHandler } from './insights-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('insights', deps.environment.name);

export const handler = createInsightsHandler(deps);
