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

/** One client per service per process. Path-style S3 addressing against an emulator. */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const common = { ...(options.region ? { region: options.region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) };
  return {
    s3: new S3Client({ ...common, forcePathStyle: options.endpoint !== undefined }),
    sqs: new SQSClient(common),
    secretsManager: new SecretsManagerClient(common),
  };
}
