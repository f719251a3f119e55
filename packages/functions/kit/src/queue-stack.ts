import type { Queue, ReceivedMessage } from '@agentic-memory/memory-core';
import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { emit, emitSingle, ensureMetricContext, logger, publishMetrics, runInvocation } from './observability';

export type QueueLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * A message that can never be processed, however often it is retried (an unreadable payload, data
 * that breaks the pure code): dead-lettered on its first receipt so its message group — the
 * caller's later calls — is not held behind it.
 */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentFailure';
  }
}

/** Runs pure work; whatever it throws is permanent (the same input fails the same way every time). */
export function permanently<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new PermanentFailure(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * When a failed delivery comes back: 2 s, then doubling per receive, at most 60 s (with the
 * queue's 5 receives, a message that keeps failing reaches the dead letters within about 30 s).
 */
export function retryBackoffMs(receiveCount: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, receiveCount - 1));
}

/**
 * How long a batch in hand stays hidden from other consumers without news from its worker: the
 * handler renews the lease every half of it while it works, so a worker that dies (kill -9, OOM,
 * a Lambda timeout) gives its messages back within a lease plus the retry backoff — not the
 * queue's visibility timeout (6 × the function timeout).
 */
export const LEASE_MS = 20_000;

export interface QueueHandlerOptions {
  /** The batch's lease (default LEASE_MS): renewed every half of it while the handler works. */
  readonly leaseMs?: number;
  /** Environment and role of the rollup dimensions (default: what configureObservability set). */
  readonly environmentName?: string;
  readonly role?: string;
  /**
   * FIFO semantics (the default, for a FIFO queue): a failed record fails the rest of its message
   * group only (`skipGroupOnError`), other callers' groups go on.
   */
  readonly fifo?: boolean;
  /**
   * The queue the records come from. With it, a batch in hand is leased (hidden for `leaseMs` plus
   * the retry backoff, renewed while the handler works: a crashed worker's messages come back that
   * soon, not after the queue's long visibility timeout), a failed record comes back after the
   * backoff, and a permanent failure is dead-lettered at once.
   */
  readonly queue?: Pick<Queue, 'changeVisibility' | 'deadLetter'>;
}

/** A record of Lambda's SQS event as the Queue port's delivery. */
export function deliveryOf(record: SQSRecord): ReceivedMessage {
  return {
    messageId: record.messageId,
    body: record.body,
    groupId: record.attributes?.MessageGroupId ?? '',
    deduplicationId: record.attributes?.MessageDeduplicationId ?? '',
    receiptHandle: record.receiptHandle,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? '1'),
    sentAt: Number(record.attributes?.SentTimestamp ?? '0'),
  };
}

/** Best effort: a visibility change that fails leaves the queue's own timeout in charge. */
async function hide(queue: Pick<Queue, 'changeVisibility'>, record: SQSRecord, ms: number): Promise<void> {
  try {
    await queue.changeVisibility(record.receiptHandle, ms);
  } catch (error) {
    logger.warn('could not change a message’s visibility; the queue’s timeout applies', {
      messageId: record.messageId,
      error: error as Error,
    });
  }
}

/**
 * The kit's Middy stack for SQS-triggered roles: Powertools Batch reports partial failures
 * (`batchItemFailures`) so only failed records are retried; a `PermanentFailure` is dead-lettered
 * at once (and acknowledged); a failed record comes back after the retry backoff and, after the
 * queue's max receives, goes to the dead letters.
 */
export function createQueueHandler(recordHandler: (record: SQSRecord) => Promise<void>, options: QueueHandlerOptions = {}): QueueLambda {
  const { queue } = options;
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    try {
      await recordHandler(record);
    } catch (error) {
      if (!(error instanceof PermanentFailure) || !queue) throw error;
      await queue.deadLetter(deliveryOf(record), error.message);
      emitSingle('DeadLettered', 1, null, null, {});
      logger.error('permanent failure: the message was dead-lettered at once', { messageId: record.messageId, error });
    }
  };
  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    ensureMetricContext();
    const records = event.Records ?? [];
    emit('RecordsReceived', records.length);
    // The batch's lease: hidden for LEASE_MS (plus the backoff a failure would get), renewed while
    // the handler works, given up when it stops — by returning, or by dying.
    const leaseMs = options.leaseMs ?? LEASE_MS;
    const lease = async () => {
      if (!queue) return;
      await Promise.all(records.map((r) => hide(queue, r, leaseMs + retryBackoffMs(deliveryOf(r).receiveCount))));
    };
    await lease();
    const renewal = queue ? setInterval(() => void lease(), leaseMs / 2) : null;
    let response: SQSBatchResponse;
    try {
      response =
        options.fifo === false
          ? await processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
              context,
              throwOnFullBatchFailure: false,
            })
          : await processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
              context,
              skipGroupOnError: true,
              throwOnFullBatchFailure: false,
            });
    } finally {
      if (renewal) clearInterval(renewal);
    }
    if (queue) {
      const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      await Promise.all(
        records.filter((r) => failed.has(r.messageId)).map((r) => hide(queue, r, retryBackoffMs(deliveryOf(r).receiveCount))),
      );
    }
    return response;
  };
  const stack: MiddyfiedHandler<SQSEvent, SQSBatchResponse, Error, Context> = middy<SQSEvent, SQSBatchResponse, Error, Context>(
    async (event: SQSEvent, context: Context) => {
      try {
        return await handler(event, context);
      } finally {
        publishMetrics();
      }
    },
  ).use(injectLambdaContext(logger, { resetKeys: true }));
  return (event, context) =>
    runInvocation(options.environmentName ?? 'unknown', options.role ?? 'ingest-worker', () => stack(event, context));
}
