import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@agentic-memory/memory-core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type EmbeddedDependencies, embeddedDependencies } from './embedded-dependencies';

/** Secrets the handler tests run with (the HMAC key is the shared signature vector's). */
export const TEST_SECRETS = {
  ELEVENLABS_WORKSPACE_KEY: 'test-workspace-key-0123456789',
  ELEVENLABS_HMAC_KEY: 'wsec_fixture_0123456789abcdef0123456789abcdef',
  CALLER_ID_PEPPER: 'test-pepper-0123456789abcdef',
} as const;

export interface TestDependencies extends EmbeddedDependencies {
  readonly dataDir: string;
  /** Closes the stores and deletes the data folder. */
  dispose(): void;
}

/** Embedded dependencies in a fresh temporary folder, with the test secrets. */
export function testDependencies(options: { clock?: Clock; env?: Record<string, string | undefined> } = {}): TestDependencies {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-fn-'));
  const deps = embeddedDependencies({ dataDir, env: { ...TEST_SECRETS, ...options.env }, environmentName: 'local', clock: options.clock });
  return {
    ...deps,
    dataDir,
    dispose: () => {
      deps.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API Gateway v2 event for a test request. */
export function testHttpEvent(options: {
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  method?: string;
  base64?: boolean;
}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const raw = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${method} ${options.path}`,
    rawPath: options.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'test',
      domainPrefix: 'test',
      http: { method, path: options.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'req',
      routeKey: `${method} ${options.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: raw === undefined ? undefined : options.base64 ? raw.toString('base64') : raw.toString('utf8'),
    isBase64Encoded: options.base64 ?? false,
  };
}

/** A Lambda context for tests. */
export function testContext(functionName = 'test', timeoutMs = 10_000): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'test-request',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
