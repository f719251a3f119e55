/**
 * Lambda entry point of the ingest-worker role. Init (outside the handler, so provisioned concurrency pays
 * it): wire the ports from the environment the CDK app sets, prefetch the environment's secret.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { createIngestWorkerHandler } from './ingest-worker-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('ingest-worker', deps.environment.name);

export const handler = createIngestWorkerHandler(deps);
