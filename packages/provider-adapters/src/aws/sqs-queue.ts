import type { Queue, QueueSendRequest, QueueSendResult, ReceivedMessage } from '@agentic-memory/memory-core';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { deadLetterCopy, receivedFromSqs } from './sqs-message';

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
    /** The FIFO dead-letter queue `deadLetter` sends to (the redrive policy's target). */
    private readonly deadLetterQueueUrl?: string,
  ) {}

  /** A copy to the dead-letter queue, same group, deduplicated by message id; the consumer acknowledges the original. */
  async deadLetter(message: ReceivedMessage, _reason: string): Promise<void> {
    if (!this.deadLetterQueueUrl) throw new Error(`SqsQueue: no dead-letter queue configured for ${this.queueUrl}`);
    await new SqsQueue(this.client, this.deadLetterQueueUrl).send(deadLetterCopy(message));
  }

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
