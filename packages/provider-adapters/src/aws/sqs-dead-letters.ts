import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface SqsDeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly receiveCount: number;
}

/**
 * Inspects and redrives an SQS FIFO dead-letter queue by hand (receive, re-send to the source,
 * delete): works against emulators that lack the message-move API.
 */
export class SqsDeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly dlqUrl: string,
    private readonly sourceUrl: string,
  ) {}

  /** Up to 10 dead letters with their attributes, hidden for `visibilityS` seconds. */
  private async receive(visibilityS: number): Promise<Message[]> {
    const res = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: visibilityS,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return res.Messages ?? [];
  }

  /** Reads every dead letter (each becomes visible again at once). */
  async list(): Promise<SqsDeadLetter[]> {
    const seen = new Map<string, SqsDeadLetter>();
    for (let round = 0; round < 100; round += 1) {
      const messages = await this.receive(0);
      if (messages.length === 0 || messages.every((m) => seen.has(m.MessageId ?? ''))) break;
      for (const m of messages) {
        seen.set(m.MessageId ?? '', {
          messageId: m.MessageId ?? '',
          body: m.Body ?? '',
          groupId: m.Attributes?.MessageGroupId ?? '',
          deduplicationId: m.Attributes?.MessageDeduplicationId ?? '',
          receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '0'),
        });
      }
    }
    return [...seen.values()];
  }

  /** Moves every dead letter back to the source queue; returns how many moved. */
  async redrive(): Promise<number> {
    let moved = 0;
    for (let round = 0; round < 1000; round += 1) {
      const messages = await this.receive(30);
      if (messages.length === 0) break;
      for (const m of messages) {
        await this.client.send(
          new SendMessageCommand({
            QueueUrl: this.sourceUrl,
            MessageBody: m.Body ?? '',
            MessageGroupId: m.Attributes?.MessageGroupId ?? 'redrive',
            // A fresh id: the original is still inside the source queue's de-duplication window.
            MessageDeduplicationId: `redrive-${m.MessageId}-${Date.now()}`,
          }),
        );
        await this.client.send(new DeleteMessageCommand({ QueueUrl: this.dlqUrl, ReceiptHandle: m.ReceiptHandle ?? '' }));
        moved += 1;
      }
    }
    return moved;
  }
}
