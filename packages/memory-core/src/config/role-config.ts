import type { FunctionRole } from '../roles';
import type { AgentMap } from './agent-map-schema';
import type { AgentTypes } from './agent-type-schema';

/**
 * What a function knows of its environment at run time: validated when the function is built and
 * bundled into it (no config fetch, no schema parsing on a cold start). The deployment settings
 * (memory, concurrency, alarms, budget…) stay with the CDK app.
 */
export interface RoleEnvironment {
  /** The environment's name (`local`, `dev`, `staging`, `prod`): metric and log dimension. */
  readonly name: string;
  readonly agent_map: AgentMap;
  readonly limits: { readonly max_body_bytes: number };
  /** Roles deployed with provisioned concurrency (the cost report weighs their utilisation). */
  readonly provisioned_roles: readonly FunctionRole[];
}

/** The configuration a role runs with. */
export interface RoleConfig {
  readonly agentTypes: AgentTypes;
  readonly environment: RoleEnvironment;
}
