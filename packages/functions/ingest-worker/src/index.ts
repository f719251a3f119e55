/**
 * Lambda entry of the ingest-worker role. Init: the role's configuration (validated at build
 * time), the environment's secret and the blob store through the AWS SDK, and the Mem0 store,
 * created on the first message.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { liteAwsClient, liteIngestQueue } from '@agentic-memory/function-kit/lambda-ports';
import { sdkStorePorts } from '@agentic-memory/function-kit/sdk-ports';
import roleConfig from '@agentic-memory/role-config';
import { createIngestWorkerHandler } from './ingest-worker-handler';

configureObservability('ingest-worker', roleConfig.environment.name);
const ports = await sdkStorePorts(process.env, systemClock, roleConfig.agentTypes);
// Visibility changes and dead letters of the messages in hand: the lightweight SQS adapter.
const queue = liteIngestQueue(liteAwsClient(process.env), process.env);

export const handler = createIngestWorkerHandler({ clock: systemClock, ...roleConfig, ...ports, queue });
