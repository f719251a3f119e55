import type { FunctionRole } from '@agentic-memory/memory-core';

/**
 * The names and tags of an environment's resources, once: the CDK stack creates them, the cost
 * report looks them up, the docs show them. Pure.
 */
export const PROJECT = 'agentic-memory';

export const ResourceNames = {
  function: (environment: string, role: FunctionRole | (string & {})) => `${PROJECT}-${environment}-${role}`,
  api: (environment: string) => `${PROJECT}-${environment}`,
  dashboard: (environment: string) => `${PROJECT}-${environment}`,
  budget: (environment: string) => `${PROJECT}-${environment}`,
} as const;

/** The cost-allocation tags every resource carries; the budget and the cost report filter on them once activated. */
export function costTags(environment: string): { readonly Project: string; readonly Environment: string } {
  return { Project: PROJECT, Environment: environment };
}
