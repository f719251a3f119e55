/**
 * Lambda entry of the insights role (admin API). Init: the role's configuration (validated at
 * build time), the environment's secret and the blob store through the AWS SDK, and the Mem0
 * store, created on first use.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { sdkStorePorts } from '@agentic-memory/function-kit/sdk-ports';
import roleConfig from '@agentic-memory/role-config';
import { createInsightsHandler } from './insights-handler';

configureObservability('insights', roleConfig.environment.name);
const ports = await sdkStorePorts(process.env, systemClock, roleConfig.agentTypes);

export const handler = createInsightsHandler(
  { clock: systemClock, ...roleConfig, ...ports },
  // The CDK app sets ADMIN_AUTH=iam: the admin routes are IAM-authorised by API Gateway.
  { adminAuth: process.env.ADMIN_AUTH === 'iam' ? 'iam' : 'key' },
);
