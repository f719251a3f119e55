import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClientOptions {
  /** An emulator endpoint (moto, LocalStack); unset = real AWS through the SDK's normal chain. */
  readonly endpoint?: string;
  readonly region?: string;
}

export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly secretsManager: SecretsManagerClient;
}

function common(options: AwsClientOptions) {
  return { ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) };
}

/** The S3 client (path-style addressing against an emulator). A role that needs one service builds only that client. */
export function createS3Client(options: AwsClientOptions = {}): S3Client {
  return new S3Client({ ...common(options), forcePathStyle: options.endpoint !== undefined });
}

export function createSqsClient(options: AwsClientOptions = {}): SQSClient {
  return new SQSClient(common(options));
}

export function createSecretsManagerClient(options: AwsClientOptions = {}): SecretsManagerClient {
  return new SecretsManagerClient(common(options));
}

/** One client per service (the local runtime and the CLIs, which use all three). */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  return { s3: createS3Client(options), sqs: createSqsClient(options), secretsManager: createSecretsManagerClient(options) };
}
