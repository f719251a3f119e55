import { createHash } from 'node:crypto';
import type { Queue, QueueSendRequest, QueueSendResult, ReceivedMessage } from '@agentic-memory/memory-core';
import { deadLetterCopy, receivedFromSqs } from '../aws/sqs-message';
import { type AwsJsonService, callAwsJson } from './aws-json-protocol';
import type { LiteAwsClient } from './lite-aws-client';

const SQS: AwsJsonService = { service: 'sqs', targetPrefix: 'AmazonSQS', jsonVersion: '1.0' };
const MAX_BODY_BYTES = 256 * 1024;

interface SqsMessage {
  readonly MessageId?: string;
  readonly ReceiptHandle?: string;
  readonly Body?: string;
  readonly MD5OfBody?: string;
  readonly Attributes?: Readonly<Record<string, string>>;
}

const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * Queue on an SQS FIFO queue over SQS's JSON protocol (LiteAwsClient: SigV4 over node:https), the same
 * semantics as the SDK's SqsQueue: message group = ordering scope, deduplication id = 5-minute
 * de-duplication (SQS accepts a duplicate silently, so `duplicate` is null); SQS moves a message
 * to the DLQ after the redrive policy's max receives; waits and visibility are whole seconds on
 * the wire. Bodies are checked against the MD5 digests SQS returns, as the SDK does.
 */
export class LiteSqsQueue implements Queue {
  private readonly endpoint: string;

  constructor(
    private readonly client: LiteAwsClient,
    readonly queueUrl: string,
    private readonly defaultVisibilityTimeoutMs = 30_000,
    /** The FIFO dead-letter queue `deadLetter` sends to (the redrive policy's target). */
    private readonly deadLetterQueueUrl?: string,
  ) {
    let url: URL;
    try {
      url = new URL(queueUrl);
    } catch {
      throw new Error(`LiteSqsQueue: "${queueUrl}" is not a queue URL`);
    }
    // The queue URL names its regional endpoint; an emulator's endpoint wins (as with the SDK).
    this.endpoint = client.endpoint ?? url.origin;
  }

  private call<T>(operation: string, input: Readonly<Record<string, unknown>>): Promise<T> {
    return callAwsJson<T>(this.client, SQS, operation, { QueueUrl: this.queueUrl, ...input }, { endpoint: this.endpoint });
  }

  async send(request: QueueSendRequest): Promise<QueueSendResult> {
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) throw new Error('message body is larger than 256 KiB');
    if (request.groupId.length === 0 || request.groupId.length > 128) throw new Error('message group id must be 1 to 128 characters');
    if (request.deduplicationId.length === 0 || request.deduplicationId.length > 128)
      throw new Error('message deduplication id must be 1 to 128 characters');
    const res = await this.call<{ MessageId?: string; MD5OfMessageBody?: string }>('SendMessage', {
      MessageBody: request.body,
      MessageGroupId: request.groupId,
      MessageDeduplicationId: request.deduplicationId,
    });
    if (res.MD5OfMessageBody !== undefined && res.MD5OfMessageBody !== md5Hex(request.body)) {
      throw new Error(`SQS SendMessage: MD5 of the body SQS received does not match (message ${res.MessageId ?? '?'})`);
    }
    return { messageId: res.MessageId ?? '', duplicate: null };
  }

  /** A copy to the dead-letter queue, same group, deduplicated by message id; the consumer acknowledges the original. */
  async deadLetter(message: ReceivedMessage, _reason: string): Promise<void> {
    if (!this.deadLetterQueueUrl) throw new Error(`LiteSqsQueue: no dead-letter queue configured for ${this.queueUrl}`);
    await new LiteSqsQueue(this.client, this.deadLetterQueueUrl).send(deadLetterCopy(message));
  }

  async receive(options: { max: number; visibilityTimeoutMs?: number; waitMs?: number }): Promise<readonly ReceivedMessage[]> {
    const res = await this.call<{ Messages?: readonly SqsMessage[] }>('ReceiveMessage', {
      MaxNumberOfMessages: Math.min(Math.max(1, Math.floor(options.max)), 10),
      VisibilityTimeout: Math.ceil((options.visibilityTimeoutMs ?? this.defaultVisibilityTimeoutMs) / 1000),
      WaitTimeSeconds: Math.min(20, Math.ceil(Math.max(0, options.waitMs ?? 0) / 1000)),
      MessageSystemAttributeNames: ['All'],
    });
    const messages = res.Messages ?? [];
    for (const m of messages) {
      if (m.MD5OfBody !== undefined && m.MD5OfBody !== md5Hex(m.Body ?? '')) {
        throw new Error(`SQS ReceiveMessage: MD5 of message ${m.MessageId ?? '?'} does not match its body`);
      }
    }
    return messages.map(receivedFromSqs);
  }

  async delete(receiptHandle: string): Promise<void> {
    await this.call('DeleteMessage', { ReceiptHandle: receiptHandle });
  }

  async changeVisibility(receiptHandle: string, ms: number): Promise<void> {
    await this.call('ChangeMessageVisibility', { ReceiptHandle: receiptHandle, VisibilityTimeout: Math.ceil(Math.max(0, ms) / 1000) });
  }
}
