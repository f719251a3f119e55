import type { AgentTypes, BlobStore, Clock, MemoryStore, Queue, RoleEnvironment, Secrets } from '@agentic-memory/memory-core';

/**
 * Every port a role may talk to, with the clock and the role's configuration. Each role declares
 * the part it uses (`RoleDependencies<…>`): its Lambda entry builds only those ports, so its
 * bundle carries only their clients; tests and the local runtime hand it embedded (or AWS) ones.
 */
export interface Dependencies {
  readonly clock: Clock;
  readonly agentTypes: AgentTypes;
  readonly environment: RoleEnvironment;
  readonly secrets: Secrets;
  readonly memoryStore: MemoryStore;
  readonly blobStore: BlobStore;
  readonly queue: Queue;
}

/** What every role has: the clock, its configuration and its secrets. */
export type CoreDependencies = Pick<Dependencies, 'clock' | 'agentTypes' | 'environment' | 'secrets'>;

/** The core plus the ports a role uses. */
export type RoleDependencies<Port extends 'memoryStore' | 'blobStore' | 'queue' = never> = CoreDependencies & Pick<Dependencies, Port>;

export const systemClock: Clock = { now: () => Date.now() };
