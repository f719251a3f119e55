import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { emit, ensureMetricContext, logger, metrics, resetMetricContext } from './observability';

export type QueueLambda = MiddyfiedHandler<SQSEvent, SQSBatchResponse, Error, Context>;

export interface QueueHandlerOptions {
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
    resetMetricContext();
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
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
