import type { ReceivedMessage } from '@agentic-memory/memory-core';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { apiGatewayEvent, lambdaContext, sqsEvent } from '../lambda-shapes';
import { routeFor } from '../routes';

/** An API Gateway v2 event for a test request, built as the local runtime builds them from HTTP requests. */
export function testHttpEvent(options: {
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  method?: string;
  /** Send the body base64-encoded, as API Gateway does for binary payloads. */
  base64?: boolean;
  query?: string;
  pathParameters?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  // As API Gateway does: the route's key and its path parameters, when a route matches.
  const match = routeFor(options.path, method);
  const body =
    options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const event = apiGatewayEvent({
    method,
    path: options.path,
    query: options.query ?? '',
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    sourceIp: '127.0.0.1',
    routeKey: `${method} ${match?.route.path ?? options.path}`,
    pathParameters: options.pathParameters ?? match?.params,
    now: Date.now(),
  });
  if (options.base64 && body.byteLength > 0) return { ...event, body: body.toString('base64'), isBase64Encoded: true };
  return event;
}

/** A Lambda context for tests. */
export function testContext(functionName = 'test', timeoutMs = 10_000): Context {
  return lambdaContext(functionName, timeoutMs);
}

/** The SQS event Lambda's event source would hand the worker for these queue messages. */
export function testSqsEvent(messages: readonly ReceivedMessage[], queueName = 'test-ingest.fifo'): SQSEvent {
  return sqsEvent(messages, queueName, Date.now());
}
