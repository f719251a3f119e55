import type { QueueSendRequest, ReceivedMessage } from '@agentic-memory/memory-core';

/** An SQS message as both SQS protocols return it (the SDK's `Message`, the JSON protocol's object). */
export interface SqsWireMessage {
  readonly MessageId?: string;
  readonly ReceiptHandle?: string;
  readonly Body?: string;
  readonly Attributes?: Readonly<Record<string, string>>;
}

/** A received SQS FIFO message in the Queue port's terms (the SDK and the lightweight adapter share it). */
export function receivedFromSqs(m: SqsWireMessage): ReceivedMessage {
  const attributes = m.Attributes ?? {};
  return {
    messageId: m.MessageId ?? '',
    body: m.Body ?? '',
    groupId: attributes.MessageGroupId ?? '',
    deduplicationId: attributes.MessageDeduplicationId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    receiveCount: Number(attributes.ApproximateReceiveCount ?? '1'),
    sentAt: Number(attributes.SentTimestamp ?? '0'),
  };
}

/** What a message becomes in a FIFO dead-letter queue: the same body and group, one copy per message. */
export function deadLetterCopy(message: ReceivedMessage): QueueSendRequest {
  return { body: message.body, groupId: message.groupId || 'dead-letters', deduplicationId: `dead-${message.messageId}`.slice(0, 128) };
}
