import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { emit, ensureMetricContext, logger, publishMetrics, runInvocation } from './observability';

export type QueueLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface QueueHandlerOptions {
  /** Environment and role of the rollup dimensions (default: what configureObservability set). */
  readonly environmentName?: string;
  readonly role?: string;
  /**
   * FIFO semantics (the default, for a FIFO queue): a failed record fails the rest of its message
   * group only (`skipGroupOnError`), other callers' groups go on.
   */
  readonly fifo?: boolean;
}

/**
 * The kit's Middy stack for SQS-triggered roles: Powertools Batch reports partial failures
 * (`batchItemFailures`) so only failed records are retried and, after the queue's max receives,
 * dead-lettered.
 */
export function createQueueHandler(recordHandler: (record: SQSRecord) => Promise<void>, options: QueueHandlerOptions = {}): QueueLambda {
  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    ensureMetricContext();
    emit('RecordsReceived', event.Records?.length ?? 0);
    if (options.fifo === false) {
      return processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
    }
    return processPartialResponse(event, recordHandler, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
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
