import { FUNCTION_ROLES, type RoleConfig } from '@agentic-memory/memory-core';
import type { LoadedConfig } from './load-config';

/**
 * The part of an environment's configuration the functions run with, already validated: the agent
 * types and the domain settings (agent map, limits, which roles have provisioned concurrency, the
 * reconcile role's bounds).
 * The functions' build bundles it (see the kit's esbuild options), so no function parses a schema
 * or reads a file at init.
 */
export function roleConfigOf(loaded: LoadedConfig): RoleConfig {
  const { environment } = loaded;
  return {
    agentTypes: loaded.agentTypes,
    environment: {
      name: environment.name,
      agent_map: environment.agent_map,
      memory_spaces: environment.memory_spaces,
      limits: environment.limits,
      provisioned_roles: FUNCTION_ROLES.filter((role) => environment.functions[role].provisioned_concurrency !== undefined),
      reconcile: environment.reconcile,
    },
  };
}
