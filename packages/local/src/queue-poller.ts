import { lambdaContext, type QueueLambda, sqsEvent } from '@agentic-memory/function-kit';
import type { Queue } from '@agentic-memory/memory-core';

export interface PollerOptions {
  readonly queue: Queue;
  readonly handler: QueueLambda;
  readonly queueName: string;
  readonly batchSize: number;
  readonly visibilityTimeoutMs: number;
  readonly timeoutMs: number;
  readonly waitMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds the worker like Lambda's SQS event source: long-polls batches, invokes the handler,
 * deletes only the records it did not report as failures, and leaves failures to come back after
 * the visibility timeout (then to the dead letters after the queue's max receives).
 */
export class QueuePoller {
  private running = false;
  private loop: Promise<void> | null = null;
  private batches = 0;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in hand: what is not acknowledged stays queued for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get processedBatches(): number {
    return this.batches;
  }

  private async run(): Promise<void> {
    const { queue, handler, batchSize, visibilityTimeoutMs } = this.options;
    while (this.running) {
      try {
        const messages = await queue.receive({ max: batchSize, visibilityTimeoutMs, waitMs: this.options.waitMs ?? 500 });
        if (messages.length === 0) continue;
        let failed = new Set<string>();
        try {
          const response = await handler(
            sqsEvent(messages, this.options.queueName, Date.now()),
            lambdaContext('ingest-worker', this.options.timeoutMs),
          );
          failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          // A thrown handler fails the whole batch, as in Lambda.
          failed = new Set(messages.map((m) => m.messageId));
          this.options.onError?.(error);
        }
        for (const m of messages) if (!failed.has(m.messageId)) await queue.delete(m.receiptHandle);
        this.batches += 1;
      } catch (error) {
        this.options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
