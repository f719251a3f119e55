/**
 * An error answer of an AWS service, shaped like the SDK's ServiceException where callers look:
 * `name` is the service's error code (`NoSuchKey`, `QueueDoesNotExist`, `ResourceNotFoundException`)
 * and `$metadata.httpStatusCode` the HTTP status.
 */
export class AwsServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };

  constructor(
    readonly service: string,
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly requestId?: string,
  ) {
    super(`${service} ${code} (HTTP ${statusCode})${message ? `: ${message}` : ''}`);
    this.name = code;
    this.$fault = statusCode >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: statusCode, ...(requestId ? { requestId } : {}) };
  }
}

/** The HTTP status of an AWS error (ours or the SDK's), when it has one. */
export function awsErrorStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** Raised when the environment does not hold what an AWS request needs. */
export class AwsConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsConfigurationError';
  }
}
