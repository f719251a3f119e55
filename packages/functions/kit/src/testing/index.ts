/** Test helpers, one module per concern: ports, events and contexts, waiting. Import as `@agentic-memory/function-kit/testing`. */
export { freePort } from '@agentic-memory/provider-adapters/testing/network';
export { waitForQueueDrain, waitUntil } from '../waiting';
export * from './calls';
export * from './events';
export * from './ports';
