/**
 * Lambda entry point of the conversation-start role. Init (outside the handler, so provisioned concurrency pays
 * it): wire the ports from the environment the CDK app sets, prefetch the environment's secret.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { createConversationStartHandler } from './conversation-start-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('conversation-start', deps.environment.name);

export const handler = createConversationStartHandler(deps);
