/** What the intake puts on the ingest queue: a pointer to the stored raw payload. */
export interface IngestMessage {
  readonly provider: string;
  readonly event: string;
  readonly conversationId: string;
  readonly blobKey: string;
  /** ISO-8601 UTC of the intake. */
  readonly receivedAt: string;
}

export interface QueueSendRequest {
  readonly body: string;
  /** Ordering scope: the caller key, or `conv:<id>` when the event names no caller. */
  readonly groupId: string;
  /** Messages with the same id within the dedup window are accepted once. */
  readonly deduplicationId: string;
}

export interface QueueSendResult {
  readonly messageId: string;
  /**
   * True when the deduplication id was seen within the window and nothing new was queued; null
   * when the queue does not say (SQS accepts a duplicate silently).
   */
  readonly duplicate: boolean | null;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  /** Handle for acknowledging this delivery. */
  readonly receiptHandle: string;
  /** 1 on the first delivery. */
  readonly receiveCount: number;
  /** Milliseconds since the epoch when the message was first sent. */
  readonly sentAt: number;
}

export interface Queue {
  send(request: QueueSendRequest): Promise<QueueSendResult>;
  /** Up to `max` messages; never two of the same group in flight at once. */
  receive(options: { max: number; visibilityTimeoutMs?: number; waitMs?: number }): Promise<readonly ReceivedMessage[]>;
  /** Acknowledges one delivery: the message is gone. */
  delete(receiptHandle: string): Promise<void>;
  /** Makes an unacknowledged delivery visible again after `ms` (0 = now). */
  changeVisibility(receiptHandle: string, ms: number): Promise<void>;
  /**
   * Moves a delivery to the dead letters now — a message that can never succeed must not hold its
   * group through every retry. The delivery is then acknowledged by its consumer as usual.
   */
  deadLetter(message: ReceivedMessage, reason: string): Promise<void>;
}

export function parseIngestMessage(body: string): IngestMessage {
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null) throw new Error('ingest message: expected an object');
  const record = value as Record<string, unknown>;
  for (const key of ['provider', 'event', 'conversationId', 'blobKey', 'receivedAt'] as const) {
    if (typeof record[key] !== 'string' || (record[key] as string).length === 0) {
      throw new Error(`ingest message: ${key} must be a non-empty string`);
    }
  }
  return {
    provider: record.provider as string,
    event: record.event as string,
    conversationId: record.conversationId as string,
    blobKey: record.blobKey as string,
    receivedAt: record.receivedAt as string,
  };
}
