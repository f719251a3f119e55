import { randomUUID } from 'node:crypto';
import { FixedClock, type Queue } from '@agentic-memory/memory-core';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeadLetters } from '../../src/aws';
import { CONTRACT_NOW } from './memory-store-contract';
import type { QueueHarness } from './queue-contract';

/**
 * A fresh SQS FIFO queue with its FIFO dead-letter queue (3 receives, 30 s visibility) on moto,
 * and the contract harness around the Queue adapter `adapter` builds for its URL.
 */
export async function sqsQueueHarness(
  sqs: SQSClient,
  prefix: string,
  adapter: (queueUrl: string, deadLetterQueueUrl: string) => Queue,
): Promise<QueueHarness> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq.fifo`, Attributes: { FifoQueue: 'true' } }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes
    ?.QueueArn;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}.fifo`,
      Attributes: {
        FifoQueue: 'true',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
      },
    }),
  );
  const dead = new SqsDeadLetters(sqs, dlq.QueueUrl as string, main.QueueUrl as string);
  return {
    queue: adapter(main.QueueUrl as string, dlq.QueueUrl as string),
    clock: new FixedClock(CONTRACT_NOW),
    maxReceives: 3,
    // moto forgets a deduplication id when its message is deleted; SQS keeps it 5 minutes.
    dedupSurvivesDelete: false,
    deadLetterBodies: async () => (await dead.list()).map((d) => d.body),
    redrive: () => dead.redrive(),
    pass: (ms) => new Promise((r) => setTimeout(r, ms)),
    close: async () => undefined,
  };
}
