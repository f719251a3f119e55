import type { AgentTypes, BlobStore, Clock, Environment, MemoryStore, Queue, Secrets } from '@agentic-memory/memory-core';

/** Everything a handler talks to: the ports, the clock and the bundled configuration. */
export interface Dependencies {
  readonly clock: Clock;
  readonly agentTypes: AgentTypes;
  readonly environment: Environment;
  readonly secrets: Secrets;
  readonly memoryStore: MemoryStore;
  readonly blobStore: BlobStore;
  readonly queue: Queue;
}

export const systemClock: Clock = { now: () => Date.now() };
