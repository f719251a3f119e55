/** The AWS SDK adapters (S3, SQS FIFO, Secrets Manager) and local provisioning: `@agentic-memory/provider-adapters/aws`. */
export {
  type AwsClientOptions,
  type AwsClients,
  createAwsClients,
  createS3Client,
  createSecretsManagerClient,
  createSqsClient,
} from './aws/aws-clients';
export { ensureBucket, ensureFifoQueue, type FifoQueueUrls, sqsDepth } from './aws/local-provisioning';
export { S3BlobStore } from './aws/s3-blob-store';
export { SECRETS_MAX_AGE_MS, SecretsManagerSecrets } from './aws/secrets-manager-secrets';
export { type SqsDeadLetter, SqsDeadLetters } from './aws/sqs-dead-letters';
export { SqsQueue } from './aws/sqs-queue';
