import { CreateBucketCommand, HeadBucketCommand, PutBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

function missing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.$metadata?.httpStatusCode === 404 ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchBucket' ||
    e?.name === 'QueueDoesNotExist' ||
    e?.name === 'AWS.SimpleQueueService.NonExistentQueue'
  );
}

/** The bucket exists (created, versioned, when `create` is true and it was missing). */
export async function ensureBucket(s3: S3Client, bucket: string, create: boolean): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!missing(error)) throw error;
    if (!create) throw new Error(`bucket ${bucket} does not exist (deploy the stack, or set AWS_ENDPOINT_URL to an emulator)`);
  }
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
}

export interface FifoQueueUrls {
  readonly queueUrl: string;
  readonly dlqUrl: string | null;
}

/**
 * The ingest FIFO queue's URL; with `create`, a missing queue is created with its FIFO DLQ
 * (`<name>-dlq.fifo`), per-group high throughput and the redrive policy.
 */
export async function ensureFifoQueue(
  sqs: SQSClient,
  name: string,
  options: { create: boolean; maxReceives: number; visibilityTimeoutS: number },
): Promise<FifoQueueUrls> {
  if (!name.endsWith('.fifo')) throw new Error(`queue name ${name} must end with .fifo`);
  const dlqName = name.replace(/\.fifo$/, '-dlq.fifo');
  try {
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    let dlqUrl: string | null = null;
    try {
      dlqUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }))).QueueUrl ?? null;
    } catch (error) {
      if (!missing(error)) throw error;
    }
    return { queueUrl: found.QueueUrl as string, dlqUrl };
  } catch (error) {
    if (!missing(error)) throw error;
    if (!options.create) throw new Error(`queue ${name} does not exist (deploy the stack, or set AWS_ENDPOINT_URL to an emulator)`);
  }
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: dlqName, Attributes: { FifoQueue: 'true' } }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes
    ?.QueueArn;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        FifoQueue: 'true',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
        VisibilityTimeout: String(options.visibilityTimeoutS),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceives }),
      },
    }),
  );
  return { queueUrl: main.QueueUrl as string, dlqUrl: dlq.QueueUrl ?? null };
}

/** Approximate depth of a queue and its DLQ (visible + in flight; dead). */
export async function sqsDepth(sqs: SQSClient, urls: FifoQueueUrls): Promise<{ live: number; inFlight: number; dead: number }> {
  const attrs = async (url: string) =>
    (
      await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      )
    ).Attributes ?? {};
  const main = await attrs(urls.queueUrl);
  const visible = Number(main.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(main.ApproximateNumberOfMessagesNotVisible ?? 0);
  const dead = urls.dlqUrl ? Number((await attrs(urls.dlqUrl)).ApproximateNumberOfMessages ?? 0) : 0;
  return { live: visible + inFlight, inFlight, dead };
}
