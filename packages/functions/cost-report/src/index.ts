/**
 * Lambda entry point of the cost-report role (daily schedule). Function names follow the stack's
 * convention `agentic-memory-<env>-<role>`.
 */
import { configureObservability, createRuntimeDependencies } from '@agentic-memory/function-kit';
import { FUNCTION_ROLES } from '@agentic-memory/memory-core';
import { CostExplorerSource } from '@agentic-memory/provider-adapters/cost';
import { type CostReportRequest, createCostReportHandler } from './cost-report-handler';

const deps = await createRuntimeDependencies({ env: process.env });
configureObservability('cost-report', deps.environment.name);
const name = deps.environment.name;
const costs = new CostExplorerSource({
  tags: { Project: 'agentic-memory', Environment: name },
  functions: Object.fromEntries(FUNCTION_ROLES.map((role) => [role, `agentic-memory-${name}-${role}`])),
  provisionedRoles: FUNCTION_ROLES.filter((role) => deps.environment.functions[role].provisioned_concurrency !== undefined),
  endpoint: process.env.AWS_ENDPOINT_URL,
});
const report = createCostReportHandler(deps, costs);

export const handler = async (event: CostReportRequest & Record<string, unknown>) =>
  report(typeof event?.date === 'string' ? { date: event.date } : {});
