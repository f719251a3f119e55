/**
 * Lightweight AWS adapters for the hot Lambda roles: the BlobStore, Secrets and Queue ports over
 * the services' HTTP APIs with a SigV4 signer on node:crypto over node:http(s) — no AWS SDK in
 * the bundle. Credentials from the environment only (as Lambda sets them). Import this entry
 * (`@agentic-memory/provider-adapters/aws-lite`), not the package index, so the SDK stays out.
 */
export { AwsConfigurationError, AwsServiceError, awsErrorStatus } from './aws-service-error';
export {
  credentialsFromEnvironment,
  LiteAwsClient,
  type LiteAwsOptions,
  type LiteAwsRequest,
  type LiteAwsResponse,
  liteAwsOptionsFromEnvironment,
} from './lite-aws-client';
export { LiteS3BlobStore } from './lite-s3-blob-store';
export { LiteSecretsManagerSecrets } from './lite-secrets-manager-secrets';
export { LiteSqsQueue } from './lite-sqs-queue';
export { type AwsCredentials, type SigV4Request, sha256Hex, signSigV4 } from './sigv4';
