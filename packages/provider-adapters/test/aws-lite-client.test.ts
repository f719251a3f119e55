import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FixedClock } from '@agentic-memory/memory-core';
import {
  AwsConfigurationError,
  AwsServiceError,
  credentialsFromEnvironment,
  LiteAwsClient,
  type LiteAwsRequest,
  type LiteAwsResponse,
  LiteS3BlobStore,
  LiteSecretsManagerSecrets,
  LiteSqsQueue,
  liteAwsOptionsFromEnvironment,
} from '../src/aws-lite';

describe('credentials and region from the environment', () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token', AWS_REGION: 'eu-west-1' };

  it('reads what the Lambda runtime sets', () => {
    expect(liteAwsOptionsFromEnvironment(env)).toEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' },
    });
    expect(liteAwsOptionsFromEnvironment({ ...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }).endpoint).toBe('http://127.0.0.1:5000');
    expect(liteAwsOptionsFromEnvironment({ ...env, AWS_ENDPOINT_URL: '' }).endpoint).toBeUndefined();
    const { AWS_REGION: _, ...noRegion } = env;
    expect(liteAwsOptionsFromEnvironment({ ...noRegion, AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2');
    const { AWS_SESSION_TOKEN: __, ...longTerm } = env;
    expect(credentialsFromEnvironment(longTerm)).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
  });

  it('names what is missing', () => {
    expect(() => credentialsFromEnvironment({})).toThrow(AwsConfigurationError);
    expect(() => credentialsFromEnvironment({})).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set/);
    expect(() => credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: ' ' })).toThrow(
      /AWS_SECRET_ACCESS_KEY not set/,
    );
    expect(() => liteAwsOptionsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toThrow(/AWS_REGION/);
    expect(() => LiteAwsClient.fromEnvironment({ ...env, AWS_ENDPOINT_URL: 'not a url' })).toThrow(/not a URL/);
    expect(() => LiteAwsClient.fromEnvironment({ ...env, AWS_REGION: 'Not A Region' })).toThrow(/not a region name/);
  });
});

/** Records the requests an adapter would send, answering each with a fixed reply. */
class RecordingClient extends LiteAwsClient {
  readonly seen: LiteAwsRequest[] = [];
  reply: (request: LiteAwsRequest) => string = () => '';

  override async send(request: LiteAwsRequest): Promise<LiteAwsResponse> {
    this.seen.push(request);
    return { status: 200, headers: new Headers(), body: Buffer.from(this.reply(request), 'utf8') };
  }
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('where requests go', () => {
  it('S3: virtual-hosted in AWS, path-style for dotted buckets and at an emulator; keys encoded once', async () => {
    const aws = new RecordingClient({ region: 'eu-west-1', credentials });
    await new LiteS3BlobStore(aws, 'my-bucket').put('raw/a+b/(c)', 'x');
    await new LiteS3BlobStore(aws, 'my.dotted.bucket').get('snap/k');
    const china = new RecordingClient({ region: 'cn-north-1', credentials });
    await new LiteS3BlobStore(china, 'my-bucket').get('snap/k');
    const moto = new RecordingClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:5000/' });
    await new LiteS3BlobStore(moto, 'my-bucket').get('snap/k');
    moto.reply = () => '<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>';
    await new LiteS3BlobStore(moto, 'my-bucket').list('raw/x y');
    expect([...aws.seen, ...china.seen, ...moto.seen].map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT https://my-bucket.s3.eu-west-1.amazonaws.com/raw/a%2Bb/%28c%29',
      'GET https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/snap/k',
      'GET https://my-bucket.s3.cn-north-1.amazonaws.com.cn/snap/k',
      'GET http://127.0.0.1:5000/my-bucket/snap/k',
      'GET http://127.0.0.1:5000/my-bucket?list-type=2&prefix=raw%2Fx%20y',
    ]);
    expect(aws.seen[0]?.headers).toEqual({});
    expect(Buffer.from(aws.seen[0]?.body ?? []).toString()).toBe('x');
  });

  it('S3: conditional create sends If-None-Match, delete lists versions then posts DeleteObjects with Content-MD5', async () => {
    const aws = new RecordingClient({ region: 'eu-west-1', credentials });
    aws.reply = (r) =>
      r.url.includes('?versions')
        ? '<ListVersionsResult><IsTruncated>false</IsTruncated><Version><Key>k/1</Key><VersionId>v1</VersionId></Version><Version><Key>k/10</Key><VersionId>v2</VersionId></Version></ListVersionsResult>'
        : '<DeleteResult><Deleted><Key>k/1</Key><VersionId>v1</VersionId></Deleted></DeleteResult>';
    const store = new LiteS3BlobStore(aws, 'my-bucket');
    await store.putIfAbsent('done/k', 'x', { contentType: 'text/plain' });
    expect(await store.delete('k/1')).toBe(1);
    const [put, list, post] = aws.seen;
    expect(put?.headers).toEqual({ 'if-none-match': '*', 'content-type': 'text/plain' });
    expect(list?.url).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/?versions&prefix=k%2F1');
    expect(post?.url).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/?delete');
    const body = Buffer.from(post?.body ?? []).toString();
    expect(body).toContain('<Object><Key>k/1</Key><VersionId>v1</VersionId></Object>');
    expect(body).not.toContain('k/10');
    expect(post?.headers?.['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('SQS and Secrets Manager: the JSON protocols at the regional endpoint (SQS: the queue URL’s host), or the emulator', async () => {
    const aws = new RecordingClient({ region: 'eu-west-1', credentials });
    aws.reply = (r) => (r.service === 'secretsmanager' ? '{"SecretString":"{\\"ADMIN_API_KEY\\":\\"k\\"}"}' : '{"MessageId":"m"}');
    await new LiteSqsQueue(aws, 'https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo').send({
      body: 'b',
      groupId: 'g',
      deduplicationId: 'd',
    });
    expect(await new LiteSecretsManagerSecrets(aws, 'env/secret', new FixedClock(0)).get('ADMIN_API_KEY')).toBe('k');
    const moto = new RecordingClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:5000' });
    moto.reply = () => '{}';
    await new LiteSqsQueue(moto, 'http://127.0.0.1:5000/123456789012/q.fifo').delete('rh');
    expect([...aws.seen, ...moto.seen].map((r) => [r.service, r.url, r.headers?.['x-amz-target'], r.headers?.['content-type']])).toEqual([
      ['sqs', 'https://sqs.eu-west-1.amazonaws.com/', 'AmazonSQS.SendMessage', 'application/x-amz-json-1.0'],
      ['secretsmanager', 'https://secretsmanager.eu-west-1.amazonaws.com/', 'secretsmanager.GetSecretValue', 'application/x-amz-json-1.1'],
      ['sqs', 'http://127.0.0.1:5000/', 'AmazonSQS.DeleteMessage', 'application/x-amz-json-1.0'],
    ]);
    expect(JSON.parse(Buffer.from(aws.seen[0]?.body ?? []).toString())).toEqual({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo',
      MessageBody: 'b',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });
  });

  it('SQS: a body whose MD5 does not match what SQS reports is an error, not a silent corruption', async () => {
    const aws = new RecordingClient({ region: 'eu-west-1', credentials });
    aws.reply = () => '{"MessageId":"m","MD5OfMessageBody":"00000000000000000000000000000000"}';
    const queue = new LiteSqsQueue(aws, 'https://sqs.eu-west-1.amazonaws.com/1/q.fifo');
    await expect(queue.send({ body: 'b', groupId: 'g', deduplicationId: 'd' })).rejects.toThrow(/MD5/);
    aws.reply = () => '{"Messages":[{"MessageId":"m","ReceiptHandle":"r","Body":"b","MD5OfBody":"00000000000000000000000000000000"}]}';
    await expect(queue.receive({ max: 1 })).rejects.toThrow(/MD5/);
  });
});

interface Scripted {
  readonly url: string;
  readonly hits: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering each request with the next scripted handler (the last repeats). */
async function scripted(handlers: ((req: IncomingMessage, res: ServerResponse) => void)[]): Promise<Scripted> {
  const hits: Scripted['hits'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      (handlers[Math.min(hits.length, handlers.length) - 1] as (req: IncomingMessage, res: ServerResponse) => void)(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const xmlError = (status: number, code: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': `req-${code}` });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>scripted</Message></Error>`);
};
const ok = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(body);
};

describe('LiteAwsClient over HTTP', () => {
  let server: Scripted | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const get = (client: LiteAwsClient, url: string, signal?: AbortSignal) =>
    client.send({ service: 's3', method: 'GET', url: `${url}/bucket/key`, ...(signal ? { signal } : {}) });

  it('sends a signed request with the headers it signed', async () => {
    server = await scripted([ok('fine')]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...credentials, sessionToken: 'tok' } });
    const res = await client.send({
      service: 's3',
      method: 'PUT',
      url: `${server.url}/bucket/key`,
      body: Buffer.from('data'),
      headers: { 'if-none-match': '*' },
    });
    expect(Buffer.from(res.body).toString()).toBe('fine');
    const [hit] = server.hits;
    expect(hit?.body).toBe('data');
    expect(hit?.headers['x-amz-security-token']).toBe('tok');
    expect(hit?.headers['x-amz-content-sha256']).toBe('3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7');
    expect(hit?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=host;if-none-match;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('retries throttling and 5xx answers, then succeeds', async () => {
    server = await scripted([xmlError(503, 'SlowDown'), xmlError(500, 'InternalError'), ok('third time')]);
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials, now: () => (clock += 1000) });
    expect(Buffer.from((await get(client, server.url)).body).toString()).toBe('third time');
    expect(server.hits).toHaveLength(3);
    // Each attempt is signed anew, at its own time.
    expect(server.hits.map((h) => h.headers['x-amz-date'])).toEqual(['20260101T000001Z', '20260101T000002Z', '20260101T000003Z']);
    expect(new Set(server.hits.map((h) => h.headers.authorization)).size).toBe(3);
  });

  it('gives up after maxAttempts with the last error, and never retries a client error', async () => {
    server = await scripted([xmlError(503, 'ServiceUnavailable')]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 2 });
    await expect(get(client, server.url)).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      statusCode: 503,
      requestId: 'req-ServiceUnavailable',
    });
    expect(server.hits).toHaveLength(2);
    await server.close();
    server = await scripted([xmlError(403, 'AccessDenied')]);
    await expect(get(client, server.url)).rejects.toBeInstanceOf(AwsServiceError);
    expect(server.hits).toHaveLength(1);
  });

  it('retries a dropped connection', async () => {
    server = await scripted([(req) => req.socket.destroy(), ok('after reset')]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials });
    expect(Buffer.from((await get(client, server.url)).body).toString()).toBe('after reset');
    expect(server.hits).toHaveLength(2);
  });

  it('retries an answer cut short (fewer bytes than its Content-Length)', async () => {
    server = await scripted([
      (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('only part');
        setTimeout(() => res.socket?.destroy(), 10);
      },
      ok('whole'),
    ]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials });
    expect(Buffer.from((await get(client, server.url)).body).toString()).toBe('whole');
    expect(server.hits).toHaveLength(2);
  });

  it('keeps the connection alive between requests', async () => {
    const ports: number[] = [];
    server = await scripted([
      (req, res) => {
        ports.push(req.socket.remotePort ?? 0);
        ok('again')(req, res);
      },
    ]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials });
    for (let i = 0; i < 3; i += 1) await get(client, server.url);
    expect(new Set(ports).size).toBe(1);
    client.close();
    await get(client, server.url);
    expect(new Set(ports).size).toBe(2);
  });

  it('stops when the signal aborts: during a request, and during the backoff before a retry', async () => {
    const duringRequest = new AbortController();
    // The server takes the request and never answers; the caller gives up once it has arrived.
    server = await scripted([() => duringRequest.abort()]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 10 });
    await expect(get(client, server.url, duringRequest.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.hits).toHaveLength(1);
    await server.close();
    const duringBackoff = new AbortController();
    // Throttled, so a retry would follow after a backoff; the caller gives up as the answer is sent.
    server = await scripted([
      (req, res) => {
        xmlError(503, 'SlowDown')(req, res);
        res.on('finish', () => setTimeout(() => duringBackoff.abort(), 20));
      },
    ]);
    await expect(get(client, server.url, duringBackoff.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.hits).toHaveLength(1);
  });

  it('does not follow redirects (a signed request cannot be replayed elsewhere)', async () => {
    server = await scripted([
      (_req, res) => {
        res.writeHead(301, { location: 'http://127.0.0.1:1/elsewhere', 'content-type': 'application/xml' });
        res.end('<Error><Code>PermanentRedirect</Code><Message>use the other endpoint</Message></Error>');
      },
    ]);
    const client = new LiteAwsClient({ region: 'us-east-1', endpoint: server.url, credentials });
    await expect(get(client, server.url)).rejects.toMatchObject({ name: 'PermanentRedirect', statusCode: 301 });
    expect(server.hits).toHaveLength(1);
  });

  it('reads the credentials before every request when given a function', async () => {
    server = await scripted([ok('a')]);
    let n = 0;
    const client = new LiteAwsClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: () => ({ accessKeyId: `AKID${++n}`, secretAccessKey: 's' }),
    });
    await get(client, server.url);
    await get(client, server.url);
    expect(server.hits.map((h) => /Credential=(AKID\d)/.exec(h.headers.authorization ?? '')?.[1])).toEqual(['AKID1', 'AKID2']);
  });
});
