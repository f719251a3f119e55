import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ReceivedMessage } from '@agentic-memory/memory-core';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';

const TEXT_TYPES = /^(application\/(json|[\w.+-]*\+json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * The API Gateway HTTP API (payload 2.0) event for a request, as Lambda would receive it: headers
 * lowercased (repeats joined with commas), text bodies as UTF-8 strings, anything else — or text
 * that is not valid UTF-8 — base64 with `isBase64Encoded: true`.
 */
export function apiGatewayEvent(options: {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  routeKey: string;
  /** Values of the route's `{name}` segments, still URL-encoded (as API Gateway passes them). */
  pathParameters?: Readonly<Record<string, string>>;
  now: number;
}): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  let body: string | undefined;
  let isBase64Encoded = false;
  if (options.body.byteLength > 0) {
    const text = options.body.toString('utf8');
    if (TEXT_TYPES.test(headers['content-type'] ?? 'application/json') && Buffer.from(text, 'utf8').equals(options.body)) body = text;
    else {
      body = options.body.toString('base64');
      isBase64Encoded = true;
    }
  }
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: options.path,
    rawQueryString: options.query,
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: options.routeKey,
      stage: '$default',
      time: new Date(options.now).toUTCString(),
      timeEpoch: options.now,
    },
    ...(options.pathParameters && Object.keys(options.pathParameters).length > 0 ? { pathParameters: { ...options.pathParameters } } : {}),
    body,
    isBase64Encoded,
  };
}

/** A Lambda context for one local invocation with the role's timeout. */
export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The SQS event Lambda's event source mapping would build from received FIFO messages. */
export function sqsEvent(messages: readonly ReceivedMessage[], queueName: string, now: number): SQSEvent {
  return {
    Records: messages.map((m, i) => ({
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(now),
        MessageGroupId: m.groupId,
        MessageDeduplicationId: m.deduplicationId,
        SequenceNumber: String(m.sentAt * 1000 + i),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${queueName}`,
      awsRegion: 'local',
    })),
  };
}
