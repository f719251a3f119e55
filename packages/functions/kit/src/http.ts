import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2;
export type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 };

/** An HTTP event after the kit's `before` middlewares: raw body kept, JSON parsed. */
export interface HttpEvent extends APIGatewayProxyEventV2 {
  /** The exact bytes the platform sent (base64-decoded when API Gateway said so). */
  rawBody: Buffer;
  /** The parsed JSON body (undefined for roles that do not parse). */
  jsonBody?: unknown;
}

/** An error that becomes an explicit HTTP status with a short JSON body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'HttpError';
  }
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const value = event.headers?.[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}
