import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface IngestPipelineProps {
  /** Days kept per key prefix (raw payloads, audio, markers, reports…). @default - every object is kept */
  readonly retentionDays?: Readonly<Record<string, number>>;
  /** Receives before a message goes to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /** At least 6 × the worker's timeout (AWS's advice for Lambda event sources). @default Duration.minutes(6) */
  readonly visibilityTimeout?: Duration;
  /** Days the non-current versions of an object are kept (erased and overwritten objects). @default 7 */
  readonly noncurrentVersionDays?: number;
}

/**
 * Where calls wait to become memories: a private, SSL-only (TLS 1.2+), encrypted, versioned bucket
 * with lifecycle per prefix, and a FIFO queue (per-group high throughput) with a FIFO dead-letter
 * queue, both SSL-only and encrypted. None of that is configurable. Grants are per key prefix,
 * never the whole bucket. The bucket is kept when the stack is deleted or replaces it, and deleted
 * when the stack's creation rolls back (nothing is in it yet), so a failed first deploy leaves
 * nothing behind that blocks the next.
 */
export class IngestPipeline extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestPipelineProps = {}) {
    super(scope, id);
    for (const [prefix, days] of Object.entries(props.retentionDays ?? {})) {
      if (!/^[a-z0-9-]+\/$/.test(prefix)) throw new Error(`retention prefix "${prefix}" must be one path segment ending in "/"`);
      if (!Number.isInteger(days) || days < 1) throw new Error(`retention of ${prefix} must be a whole number of days ≥ 1, got ${days}`);
    }
    this.bucket = new s3.Bucket(this, 'Blobs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      lifecycleRules: [
        ...Object.entries(props.retentionDays ?? {}).map(([prefix, days]) => ({
          id: `expire-${prefix.replace(/\W/g, '')}`,
          prefix,
          expiration: Duration.days(days),
        })),
        {
          id: 'old-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'Only the functions’ roles reach the bucket, each limited to its key prefixes; object-level auditing is CloudTrail data events, enabled per account rather than a second bucket of access logs per environment.',
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Ingest', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: props.visibilityTimeout ?? Duration.minutes(6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }

  /** Acknowledges the one wildcard a prefix grant needs: every key under the prefix. */
  private acknowledgePrefix(grantee: iam.IGrantable, prefix: string, access: string): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const target = grantee instanceof Construct ? grantee : grantee.grantPrincipal instanceof Construct ? grantee.grantPrincipal : this;
    Validations.of(target).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason: `${access} keys under ${prefix} only: the keys are conversation ids and caller keys known only at run time.`,
    });
  }

  /** Read access to keys under the prefixes; ListBucket (limited to them) so a missing key is a 404, not a 403. */
  grantGet(grantee: iam.IGrantable, prefixes: readonly string[]): void {
    for (const p of prefixes) this.acknowledgePrefix(grantee, p, 'Reads');
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: prefixes.map((p) => this.bucket.arnForObjects(`${p}*`)) });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
      }),
    );
  }

  /** Write access to keys under the prefixes (conditional writes included). */
  grantPut(grantee: iam.IGrantable, prefixes: readonly string[]): void {
    for (const p of prefixes) this.acknowledgePrefix(grantee, p, 'Writes');
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:PutObject'], resourceArns: prefixes.map((p) => this.bucket.arnForObjects(`${p}*`)) });
  }

  /** Deletion of keys under the prefixes, every version (erasure); ListBucketVersions limited to them. */
  grantDelete(grantee: iam.IGrantable, prefixes: readonly string[]): void {
    for (const p of prefixes) this.acknowledgePrefix(grantee, p, 'Deletes');
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resourceArns: prefixes.map((p) => this.bucket.arnForObjects(`${p}*`)),
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
      }),
    );
  }

  /** Wires the worker: partial batch failures, a concurrency cap, FIFO order per group. */
  addWorker(worker: lambda.IFunction, options: { batchSize: number; maxConcurrency: number }): void {
    worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: options.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: options.maxConcurrency,
      }),
    );
  }
}
