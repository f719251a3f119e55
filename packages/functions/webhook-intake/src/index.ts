/**
 * Lambda entry point of the webhook-intake role. Init (outside the handler, so provisioned concurrency pays
 * it): wire the ports from the environment the CDK app sets, prefetch the environment's secret.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { createWebhookIntakeHandler } from './webhook-intake-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('webhook-intake', deps.environment.name);

export const handler = createWebhookIntakeHandler(deps);
