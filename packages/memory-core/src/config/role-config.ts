import type { FunctionRole } from '../roles';
import type { AgentMap } from './agent-map-schema';
import type { AgentTypes } from './agent-type-schema';
import type { MemorySpaces } from './memory-spaces';

/**
 * What a function knows of its environment at run time: validated when the function is built and
 * bundled into it (no config fetch, no schema parsing on a cold start). The deployment settings
 * (memory, concurrency, alarms, budget…) stay with the CDK app.
 */
export interface RoleEnvironment {
  /** The environment's name (`local`, `dev`, `staging`, `prod`): metric and log dimension. */
  readonly name: string;
  readonly agent_map: AgentMap;
  /** Platforms sharing a memory space (opt-in); every other platform is its own space. */
  readonly memory_spaces: MemorySpaces;
  readonly limits: { readonly max_body_bytes: number };
  /** Roles deployed with provisioned concurrency (the cost report weighs their utilisation). */
  readonly provisioned_roles: readonly FunctionRole[];
  /** The bounds of missed-call recovery (the reconcile role and `pnpm elevenlabs reconcile`). */
  readonly reconcile: ReconcileSettings;
}

/** Missed-call recovery's stated bounds per run (`reconcile` in the environment file). */
export interface ReconcileSettings {
  /** Conversations fetched (or left for later) per run, across agents; already ingested or queued ones do not count. */
  readonly max_conversations_per_run: number;
  /** Platform API requests per second (listing and fetching). */
  readonly requests_per_second: number;
  /** Conversations per list request. */
  readonly page_size: number;
  /** Calls that ended less than this many minutes ago are left to the webhook. */
  readonly settle_minutes: number;
  /** Where the first run of an agent starts, without a watermark or `since`. */
  readonly initial_lookback_hours: number;
}

/** The configuration a role runs with. */
export interface RoleConfig {
  readonly agentTypes: AgentTypes;
  readonly environment: RoleEnvironment;
}
