/** @requires-tool moto_server */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { sha256Hex, signSigV4, uriEncode } from '../src/aws-lite/sigv4';

/**
 * botocore — the AWS SDK for Python, installed with moto, which uses it to check signatures — as an
 * independent SigV4 implementation: random requests must get the same signature from both.
 */
const BOTOCORE_SIGNER = `
import json, sys
from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
out = []
for c in json.load(sys.stdin):
    auth = (S3SigV4Auth if c['service'] == 's3' else SigV4Auth)(Credentials(c['ak'], c['sk'], c['token']), c['service'], c['region'])
    req = AWSRequest(method=c['method'], url=c['url'], headers=c['headers'], data=c['body'].encode())
    req.context['timestamp'] = c['headers']['x-amz-date']
    out.append(auth.signature(auth.string_to_sign(req, auth.canonical_request(req)), req))
print(json.dumps(out))
`;

const signatureOf = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '')?.[1];

describe('SigV4 signer against botocore (an independent implementation)', () => {
  it('signs random requests exactly as botocore does', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~'), minLength: 1, maxLength: 8 });
    const segment = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~'), minLength: 1, maxLength: 6 });
    const request = fc.record({
      service: fc.constantFrom('s3', 'sqs', 'secretsmanager'),
      region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
      method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
      path: fc.array(segment, { minLength: 1, maxLength: 4 }),
      query: fc.uniqueArray(fc.tuple(word, fc.string({ unit: 'grapheme-ascii', maxLength: 10 })), { selector: ([n]) => n, maxLength: 4 }),
      headers: fc.dictionary(
        word.map((w) => `x-amz-meta-${w.toLowerCase()}`),
        fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '  ', '"', ',', ';', '=', '/'), maxLength: 12 }),
        { maxKeys: 3 },
      ),
      body: fc.string({ maxLength: 30 }),
      token: fc.option(fc.string({ unit: fc.constantFrom(...'ABCxyz0123+/='), minLength: 8, maxLength: 24 }), { nil: undefined }),
      seconds: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
    });
    const samples = fc.sample(request, { numRuns: 150, seed: 20_240_601 });
    const mine: string[] = [];
    const forBotocore = samples.map((s) => {
      const query = s.query.map(([n, v]) => `${uriEncode(n)}=${uriEncode(v)}`).join('&');
      const url = new URL(`https://host.example.com/${s.path.map((p) => uriEncode(p)).join('/')}${query ? `?${query}` : ''}`);
      const credentials = {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret/key+example',
        ...(s.token ? { sessionToken: s.token } : {}),
      };
      const signed = signSigV4(
        { method: s.method, url, headers: s.headers, payloadHash: sha256Hex(s.body) },
        { credentials, region: s.region, service: s.service, now: new Date(s.seconds * 1000) },
      );
      mine.push(signatureOf(signed) ?? '');
      const { authorization: _, ...sent } = signed;
      return {
        ak: credentials.accessKeyId,
        sk: credentials.secretAccessKey,
        token: s.token ?? null,
        service: s.service,
        region: s.region,
        method: s.method,
        url: url.toString(),
        headers: { ...sent, host: url.host },
        body: s.body,
      };
    });
    const run = spawnSync('python3', ['-c', BOTOCORE_SIGNER], { input: JSON.stringify(forBotocore), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`python3 with botocore (installed with moto) is needed: ${run.stderr || run.error}`);
    expect(JSON.parse(run.stdout)).toEqual(mine);
  });
});
