import type { Queue, QueueSendRequest, QueueSendResult, ReceivedMessage } from '@agentic-memory/memory-core';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { receivedFromSqs } from './sqs-message';

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Queue on an SQS FIFO queue: message group = ordering scope, deduplication id = 5-minute
 * de-duplication (SQS accepts a duplicate silently, so `duplicate` is null). SQS itself moves a
 * message to the DLQ after the redrive policy's max receives. Waits and visibility are in whole
 * seconds on the wire.
 */
export class SqsQueue implements Queue {
  constructor(
    private readonly client: SQSClient,
    readonly queueUrl: string,
    private readonly defaultVisibilityTimeoutMs = 30_000,
  ) {}

  async send(request: QueueSendRequest): Promise<QueueSendResult> {
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) throw new Error('message body is larger than 256 KiB');
    const res = await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: request.body,
        MessageGroupId: request.groupId,
        MessageDeduplicationId: request.deduplicationId,
      }),
    );
    return { messageId: res.MessageId ?? '', duplicate: null };
  }

  async receive(options: { max: number; visibilityTimeoutMs?: number; waitMs?: number }): Promise<readonly ReceivedMessage[]> {
    const res = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(Math.max(1, Math.floor(options.max)), 10),
        VisibilityTimeout: Math.ceil((options.visibilityTimeoutMs ?? this.defaultVisibilityTimeoutMs) / 1000),
        WaitTimeSeconds: Math.min(20, Math.ceil(Math.max(0, options.waitMs ?? 0) / 1000)),
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return (res.Messages ?? []).map(receivedFromSqs);
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }));
  }

  async changeVisibility(receiptHandle: string, ms: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.ceil(Math.max(0, ms) / 1000),
      }),
    );
  }
}
