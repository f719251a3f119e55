/**
 * Lambda entry of the cost-report role (daily schedule): the environment's cost by its tags from
 * Cost Explorer, invocations of its functions (named as the CDK app names them) from CloudWatch.
 */
import { awsLocation, configureObservability, costTags, ResourceNames, systemClock } from '@agentic-memory/function-kit';
import { sdkBlobStore } from '@agentic-memory/function-kit/sdk-ports';
import { FUNCTION_ROLES } from '@agentic-memory/memory-core';
import { CostExplorerSource } from '@agentic-memory/provider-adapters/cost';
import roleConfig from '@agentic-memory/role-config';
import { type CostReportRequest, createCostReportHandler } from './cost-report-handler';

const name = roleConfig.environment.name;
configureObservability('cost-report', name);
const costs = new CostExplorerSource({
  tags: costTags(name),
  functions: Object.fromEntries(FUNCTION_ROLES.map((role) => [role, ResourceNames.function(name, role)])),
  provisionedRoles: roleConfig.environment.provisioned_roles,
  endpoint: awsLocation(process.env).endpoint,
});
const report = createCostReportHandler(
  { clock: systemClock, environment: roleConfig.environment, blobStore: sdkBlobStore(process.env) },
  costs,
);

export const handler = async (event: CostReportRequest & Record<string, unknown>) =>
  report(typeof event?.date === 'string' ? { date: event.date } : {});
