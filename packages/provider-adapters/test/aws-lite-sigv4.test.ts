import fc from 'fast-check';
import {
  amzDate,
  canonicalHeaderValue,
  canonicalQuery,
  EMPTY_PAYLOAD_HASH,
  type SigV4Request,
  type SigV4Scope,
  sha256Hex,
  signingKey,
  signSigV4,
  sigV4Parts,
  uriEncode,
} from '../src/aws-lite/sigv4';

// The example credentials of AWS's documentation: the General Reference / SigV4 test suite use the
// first pair, the Amazon S3 API Reference's "Authenticating requests" examples the second.
const DOC_KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const S3_DOC_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const AUG_30_2015 = new Date('2015-08-30T12:36:00Z');
/** The scope of AWS's SigV4 test suite examples. */
const TEST_SUITE_SCOPE = { credentials: DOC_KEYS, region: 'us-east-1', service: 'service', now: AUG_30_2015 };
const MAY_24_2013 = new Date('2013-05-24T00:00:00Z');

interface Vector {
  readonly name: string;
  readonly request: SigV4Request;
  readonly scope: SigV4Scope;
  readonly signedHeaders: string;
  readonly signature: string;
}

const vectors: Vector[] = [
  {
    name: 'IAM ListUsers (General Reference, "Create a signed AWS API request")',
    request: {
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    scope: { credentials: DOC_KEYS, region: 'us-east-1', service: 'iam', now: AUG_30_2015 },
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
  },
  {
    name: 'test suite get-vanilla',
    request: { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, payloadHash: EMPTY_PAYLOAD_HASH },
    scope: TEST_SUITE_SCOPE,
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'test suite get-vanilla-query-order-key-case',
    request: {
      method: 'GET',
      url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'),
      headers: {},
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    scope: TEST_SUITE_SCOPE,
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'test suite post-vanilla',
    request: { method: 'POST', url: new URL('https://example.amazonaws.com/'), headers: {}, payloadHash: EMPTY_PAYLOAD_HASH },
    scope: TEST_SUITE_SCOPE,
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'test suite post-x-www-form-urlencoded (signed body)',
    request: {
      method: 'POST',
      url: new URL('https://example.amazonaws.com/'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      payloadHash: sha256Hex('Param1=value1'),
    },
    scope: TEST_SUITE_SCOPE,
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'S3 GET Object with Range',
    request: {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    scope: { credentials: S3_DOC_KEYS, region: 'us-east-1', service: 's3', now: MAY_24_2013 },
    signedHeaders: 'host;range;x-amz-content-sha256;x-amz-date',
    signature: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  },
  {
    name: 'S3 PUT Object (key with $, signed payload)',
    request: {
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test%24file.text'),
      headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: sha256Hex('Welcome to Amazon S3.'),
    },
    scope: { credentials: S3_DOC_KEYS, region: 'us-east-1', service: 's3', now: MAY_24_2013 },
    signedHeaders: 'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
    signature: '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
  },
  {
    name: 'S3 GET Bucket lifecycle (bare sub-resource)',
    request: {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
      headers: {},
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    scope: { credentials: S3_DOC_KEYS, region: 'us-east-1', service: 's3', now: MAY_24_2013 },
    signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
    signature: 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
  },
  {
    name: 'S3 GET Bucket (list objects with a query)',
    request: {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'),
      headers: {},
      payloadHash: EMPTY_PAYLOAD_HASH,
    },
    scope: { credentials: S3_DOC_KEYS, region: 'us-east-1', service: 's3', now: MAY_24_2013 },
    signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
    signature: '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
  },
];

const signatureOf = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '')?.[1];

describe('SigV4 signer: AWS published examples', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const headers = signSigV4(v.request, v.scope);
    expect(signatureOf(headers)).toBe(v.signature);
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${v.scope.credentials.accessKeyId}/${amzDate(v.scope.now).slice(0, 8)}/${v.scope.region}/${v.scope.service}/aws4_request, SignedHeaders=${v.signedHeaders}, Signature=${v.signature}`,
    );
    expect(headers['x-amz-date']).toBe(amzDate(v.scope.now));
    if (v.scope.service === 's3') expect(headers['x-amz-content-sha256']).toBe(v.request.payloadHash);
    else expect(headers['x-amz-content-sha256']).toBeUndefined();
  });

  it('reproduces the documented intermediate values of the IAM example', () => {
    const iam = vectors[0] as Vector;
    const parts = sigV4Parts(iam.request, iam.scope);
    expect(parts.canonicalRequest).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        EMPTY_PAYLOAD_HASH,
      ].join('\n'),
    );
    expect(sha256Hex(parts.canonicalRequest)).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(parts.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(signingKey(DOC_KEYS.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });

  it('reproduces the S3 GET example’s string to sign', () => {
    const get = vectors.find((v) => v.name.startsWith('S3 GET Object')) as Vector;
    expect(sigV4Parts(get.request, get.scope).stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    );
  });

  it('signs the session token of temporary credentials, and the signature changes with it', () => {
    const v = vectors[1] as Vector;
    const withToken = signSigV4(v.request, { ...v.scope, credentials: { ...DOC_KEYS, sessionToken: 'token/abc+=' } });
    expect(withToken['x-amz-security-token']).toBe('token/abc+=');
    expect(withToken.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    expect(signatureOf(withToken)).not.toBe(v.signature);
  });

  it('changes the signature when any input changes', () => {
    const v = vectors[5] as Vector;
    const variants: SigV4Scope[] = [
      { ...v.scope, region: 'eu-west-1' },
      { ...v.scope, service: 'sqs' },
      { ...v.scope, now: new Date(v.scope.now.getTime() + 1000) },
      { ...v.scope, credentials: { ...S3_DOC_KEYS, secretAccessKey: `${S3_DOC_KEYS.secretAccessKey}x` } },
    ];
    for (const scope of variants) expect(signatureOf(signSigV4(v.request, scope))).not.toBe(v.signature);
    expect(signatureOf(signSigV4({ ...v.request, method: 'HEAD' }, v.scope))).not.toBe(v.signature);
    expect(signatureOf(signSigV4({ ...v.request, headers: { Range: 'bytes=0-8' } }, v.scope))).not.toBe(v.signature);
    expect(signatureOf(signSigV4({ ...v.request, payloadHash: sha256Hex('x') }, v.scope))).not.toBe(v.signature);
  });
});

const unicodeText = fc.string({ unit: 'grapheme', maxLength: 40 });

describe('SigV4 signer: encoding properties', () => {
  it('uriEncode leaves only unreserved characters and %XX, and decodes back to the input', () => {
    fc.assert(
      fc.property(unicodeText, fc.boolean(), (text, keepSlash) => {
        const encoded = uriEncode(text, keepSlash);
        expect(encoded).toMatch(keepSlash ? /^(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/ : /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(text);
      }),
    );
  });

  it('uriEncode agrees with encodeURIComponent plus the RFC 3986 sub-delimiters', () => {
    fc.assert(
      fc.property(unicodeText, (text) => {
        const rfc3986 = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
        expect(uriEncode(text)).toBe(rfc3986);
      }),
    );
  });

  it('canonical header values are trimmed with whitespace runs collapsed, and canonicalising is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '"', ',', '=') }), (value) => {
        const canonical = canonicalHeaderValue(value);
        expect(canonical).not.toMatch(/^\s|\s$|\s\s|\t/);
        expect(canonicalHeaderValue(canonical)).toBe(canonical);
        expect(canonical.replace(/ /g, '')).toBe(value.replace(/\s/g, ''));
      }),
    );
  });

  it('the canonical query does not depend on parameter order and re-encodes each name and value once', () => {
    const pair = fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), unicodeText);
    fc.assert(
      fc.property(fc.uniqueArray(pair, { selector: ([name]) => name, maxLength: 6 }), fc.nat(), (pairs, seed) => {
        const search = (list: readonly (readonly [string, string])[]) =>
          `?${list.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')}`;
        const shuffled = [...pairs].sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7));
        const canonical = canonicalQuery(search(pairs));
        expect(canonicalQuery(search(shuffled))).toBe(canonical);
        const expected = pairs
          .map(([n, v]) => [uriEncode(n), uriEncode(v)] as const)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([n, v]) => `${n}=${v}`)
          .join('&');
        expect(canonical).toBe(expected);
      }),
    );
  });
});
