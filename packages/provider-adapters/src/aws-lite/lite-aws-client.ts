import { AwsConfigurationError, AwsServiceError } from './aws-service-error';
import type { AnswerHeaders } from './http-transport';
import { HttpTransport, transientNetworkError } from './http-transport';
import { type AwsCredentials, EMPTY_PAYLOAD_HASH, sha256Hex, signSigV4 } from './sigv4';
import { parseXml, xmlChildText } from './xml';

export interface LiteAwsOptions {
  readonly region: string;
  /** Fixed credentials, or a function read before every request (e.g. from a rotating source). */
  readonly credentials: AwsCredentials | (() => AwsCredentials);
  /**
   * An emulator's endpoint (moto, LocalStack): every service is reached at this origin and S3 with
   * path-style URLs. Unset: the services' regional endpoints, S3 virtual-hosted.
   */
  readonly endpoint?: string;
  /** Attempts per request, the first included (default 3, as the SDK's standard retry mode). */
  readonly maxAttempts?: number;
  /** Epoch milliseconds for signing; default `Date.now`. */
  readonly now?: () => number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (as the Lambda runtime sets them). */
export function credentialsFromEnvironment(env: Env = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  const missing = [!accessKeyId && 'AWS_ACCESS_KEY_ID', !secretAccessKey && 'AWS_SECRET_ACCESS_KEY'].filter(Boolean);
  if (missing.length > 0 || !accessKeyId || !secretAccessKey) {
    throw new AwsConfigurationError(
      `AWS credentials are missing: ${missing.join(' and ')} not set. The lightweight AWS adapters read credentials from the environment only (the Lambda runtime sets them); elsewhere use the SDK adapters, which follow the SDK's full credential chain.`,
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * Options from the environment: credentials as above, region from `AWS_REGION` (else
 * `AWS_DEFAULT_REGION`), endpoint from `AWS_ENDPOINT_URL` when set and not empty.
 */
export function liteAwsOptionsFromEnvironment(env: Env = process.env): LiteAwsOptions {
  const credentials = credentialsFromEnvironment(env);
  const region = (env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
  if (!region) throw new AwsConfigurationError('AWS region is missing: set AWS_REGION (the Lambda runtime sets it).');
  const endpoint = env.AWS_ENDPOINT_URL?.trim();
  return { region, credentials, ...(endpoint ? { endpoint } : {}) };
}

export interface LiteAwsRequest {
  /** Signing name: `s3`, `sqs`, `secretsmanager`. */
  readonly service: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  /** Absolute URL, path and query already encoded as they are to be signed. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  readonly signal?: AbortSignal;
}

export interface LiteAwsResponse {
  readonly status: number;
  readonly headers: AnswerHeaders;
  readonly body: Uint8Array;
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'SlowDown',
]);
const RETRYABLE_CODES = new Set([...THROTTLING_CODES, 'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'ServiceUnavailable']);

function statusCode(status: number): string {
  return (
    (
      { 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 412: 'PreconditionFailed', 500: 'InternalError' } as Record<
        number,
        string
      >
    )[status] ?? `Http${status}`
  );
}

/**
 * Turns an error answer into an AwsServiceError, whatever its body: S3's `<Error>`, the query
 * protocol's `<ErrorResponse><Error>`, the JSON protocols' `{"__type", "message"}` (or the
 * `x-amzn-ErrorType` header), or nothing at all (HEAD, proxies) — then the status names the code.
 */
export function parseAwsError(service: string, status: number, headers: AnswerHeaders, body: Uint8Array): AwsServiceError {
  const text = Buffer.from(body).toString('utf8').trim();
  const requestId = headers.get('x-amz-request-id') ?? headers.get('x-amzn-requestid') ?? undefined;
  const typeHeader = headers.get('x-amzn-errortype');
  let code = typeHeader ? jsonErrorCode(typeHeader) : undefined;
  let message = '';
  try {
    if (text.startsWith('<')) {
      const root = parseXml(text);
      const error = root.name === 'Error' ? root : (root.children.find((c) => c.name === 'Error') ?? root);
      code = xmlChildText(error, 'Code') ?? code;
      message = xmlChildText(error, 'Message') ?? '';
    } else if (text.startsWith('{')) {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const type = parsed.__type ?? parsed.code ?? parsed.Code;
      if (!code && typeof type === 'string') code = jsonErrorCode(type);
      const said = parsed.message ?? parsed.Message;
      if (typeof said === 'string') message = said;
    } else message = text.slice(0, 200);
  } catch {
    message = text.slice(0, 200);
  }
  return new AwsServiceError(service, code || statusCode(status), status, message, requestId);
}

/** `com.amazonaws.sqs#QueueDoesNotExist` or `ResourceNotFoundException:http://…` → the bare code. */
function jsonErrorCode(type: string): string | undefined {
  return type.split(':')[0]?.split('#').pop()?.trim() || undefined;
}

function retryable(error: unknown): boolean {
  if (error instanceof AwsServiceError) return error.statusCode >= 500 || error.statusCode === 429 || RETRYABLE_CODES.has(error.code);
  return transientNetworkError(error);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Signed requests to AWS without the AWS SDK: SigV4 (node:crypto) over node:http(s) with
 * keep-alive connections (HttpTransport), credentials from the caller (the environment in Lambda),
 * retries with full-jitter backoff on throttling, 5xx and transient network failures like the
 * SDK's standard mode, abort signals honoured (the request rejects with the signal's reason).
 * Errors are AwsServiceError. Redirects are not followed (a signed request cannot be).
 */
export class LiteAwsClient {
  readonly region: string;
  readonly endpoint: string | undefined;
  private readonly credentials: () => AwsCredentials;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private readonly transport = new HttpTransport();

  constructor(options: LiteAwsOptions) {
    if (!/^[a-z0-9-]+$/.test(options.region)) throw new AwsConfigurationError(`AWS region "${options.region}" is not a region name`);
    this.region = options.region;
    this.endpoint = options.endpoint ? LiteAwsClient.checkedEndpoint(options.endpoint) : undefined;
    const credentials = options.credentials;
    this.credentials = typeof credentials === 'function' ? credentials : () => credentials;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.now = options.now ?? Date.now;
  }

  /** A client configured from the environment (see liteAwsOptionsFromEnvironment). */
  static fromEnvironment(env: Env = process.env): LiteAwsClient {
    return new LiteAwsClient(liteAwsOptionsFromEnvironment(env));
  }

  private static checkedEndpoint(endpoint: string): string {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new AwsConfigurationError(`AWS endpoint "${endpoint}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AwsConfigurationError(`AWS endpoint "${endpoint}" is not http(s)`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }

  /** The DNS suffix of the region's partition. */
  get dnsSuffix(): string {
    return this.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  }

  /** The endpoint of a JSON-protocol service (`sqs`, `secretsmanager`): the emulator's, else regional. */
  serviceEndpoint(service: string): string {
    return this.endpoint ?? `https://${service}.${this.region}.${this.dnsSuffix}`;
  }

  /** Closes the client's kept-alive connections (idle ones never hold the process open). */
  close(): void {
    this.transport.close();
  }

  async send(request: LiteAwsRequest): Promise<LiteAwsResponse> {
    const body = request.body;
    const payloadHash = body && body.byteLength > 0 ? sha256Hex(body) : EMPTY_PAYLOAD_HASH;
    const url = new URL(request.url);
    for (let attempt = 1; ; attempt += 1) {
      request.signal?.throwIfAborted();
      try {
        const headers = signSigV4(
          { method: request.method, url, headers: request.headers ?? {}, payloadHash },
          { credentials: this.credentials(), region: this.region, service: request.service, now: new Date(this.now()) },
        );
        const res = await this.transport.exchange(url, {
          method: request.method,
          headers,
          ...(body ? { body } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
        if (res.status >= 200 && res.status < 300) return res;
        throw parseAwsError(request.service, res.status, res.headers, res.body);
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (attempt >= this.maxAttempts || !retryable(error)) throw error;
        const base = error instanceof AwsServiceError && THROTTLING_CODES.has(error.code) ? 500 : 100;
        await sleep(Math.random() * Math.min(20_000, base * 2 ** attempt), request.signal);
      }
    }
  }
}
