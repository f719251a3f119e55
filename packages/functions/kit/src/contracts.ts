/**
 * The kit's pure contracts, for the CDK app and tools (no Powertools, no clients): roles, routes,
 * blob-key prefixes and access per role, resource names and tags, the metric catalogue and the
 * bundling options.
 */
export {
  FUNCTION_ROLES,
  type FunctionRole,
  ROLES,
  type RoleDefinition,
  rolesWhere,
  type ScheduledRole,
} from '@agentic-memory/memory-core';
export * from './blob-keys';
export * from './credentials';
export * from './esbuild-options';
export * from './metric-catalogue';
export * from './names';
export * from './routes';
