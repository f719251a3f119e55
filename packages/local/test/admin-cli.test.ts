/** @requires-tool moto_server */
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminUrl, regionOfApiUrl } from '../src/admin-request';
import { runScript } from './run-script';

/** botocore (installed with moto) signs the same request independently: the signatures must agree. */
const BOTOCORE = `
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
c = json.load(sys.stdin)
auth = SigV4Auth(Credentials(c['ak'], c['sk'], c['token']), 'execute-api', c['region'])
req = AWSRequest(method=c['method'], url=c['url'], headers=c['headers'])
req.context['timestamp'] = c['headers']['x-amz-date']
print(auth.signature(auth.string_to_sign(req, auth.canonical_request(req)), req))
`;

describe('pnpm admin', () => {
  it('reads the region from an API Gateway URL and keeps a stage path', () => {
    expect(regionOfApiUrl('https://abc123.execute-api.eu-west-1.amazonaws.com')).toBe('eu-west-1');
    expect(regionOfApiUrl('http://127.0.0.1:8787')).toBeNull();
    expect(adminUrl({ method: 'GET', baseUrl: 'https://x.example/prod/', path: '/v1/users/%2B1555/insights' }).toString()).toBe(
      'https://x.example/prod/v1/users/%2B1555/insights',
    );
  });

  it('signs the admin request with SigV4 for execute-api exactly as botocore does', async () => {
    let seen: { method?: string; url?: string; headers: IncomingHttpHeaders } = { headers: {} };
    const server = createServer((req, res) => {
      seen = { method: req.method, url: req.url, headers: req.headers };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"caller":"***0123"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret/key+example', AWS_SESSION_TOKEN: 'token0123' };
      const run = await runScript('admin-cli.ts', ['DELETE', '/v1/users/%2B15550100123', '--url', base, '--region', 'us-east-1'], {
        PATH: process.env.PATH,
        ...env,
      });
      expect({ status: run.status, out: run.out }).toEqual({ status: 0, out: expect.stringContaining('200 OK') });
      expect(seen).toMatchObject({ method: 'DELETE', url: '/v1/users/%2B15550100123' });
      const authorization = String(seen.headers.authorization);
      expect(authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
      );
      const botocore = spawnSync('python3', ['-c', BOTOCORE], {
        input: JSON.stringify({
          ak: env.AWS_ACCESS_KEY_ID,
          sk: env.AWS_SECRET_ACCESS_KEY,
          token: env.AWS_SESSION_TOKEN,
          region: 'us-east-1',
          method: 'DELETE',
          url: `${base}/v1/users/%2B15550100123`,
          headers: { 'x-amz-date': seen.headers['x-amz-date'], 'x-amz-security-token': env.AWS_SESSION_TOKEN },
        }),
        encoding: 'utf8',
      });
      if (botocore.status !== 0) throw new Error(`python3 with botocore (installed with moto) is needed: ${botocore.stderr}`);
      expect(authorization.endsWith(`Signature=${botocore.stdout.trim()}`)).toBe(true);
    } finally {
      server.close();
    }
  }, 60_000);
});
