import type { LiteAwsClient } from './lite-aws-client';

export interface AwsJsonService {
  /** Signing name and endpoint prefix (`sqs`, `secretsmanager`). */
  readonly service: string;
  /** `X-Amz-Target` prefix: `AmazonSQS`, `secretsmanager`. */
  readonly targetPrefix: string;
  /** `1.0` (SQS) or `1.1` (Secrets Manager). */
  readonly jsonVersion: '1.0' | '1.1';
}

/**
 * One call of an AWS JSON protocol (awsJson1_0 / awsJson1_1): POST `/` with the operation in
 * `X-Amz-Target` and the input as a JSON body; the answer is a JSON object (`{}` when empty).
 */
export async function callAwsJson<T>(
  client: LiteAwsClient,
  api: AwsJsonService,
  operation: string,
  input: Readonly<Record<string, unknown>>,
  options: { readonly endpoint?: string; readonly signal?: AbortSignal } = {},
): Promise<T> {
  const res = await client.send({
    service: api.service,
    method: 'POST',
    url: `${options.endpoint ?? client.serviceEndpoint(api.service)}/`,
    headers: { 'content-type': `application/x-amz-json-${api.jsonVersion}`, 'x-amz-target': `${api.targetPrefix}.${operation}` },
    body: Buffer.from(JSON.stringify(input), 'utf8'),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = Buffer.from(res.body).toString('utf8').trim();
  if (text === '') return {} as T;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${api.service} ${operation}: expected a JSON object in the answer`);
  }
  return parsed as T;
}
