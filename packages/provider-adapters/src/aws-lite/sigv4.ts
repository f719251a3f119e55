import { createHash, createHmac } from 'node:crypto';

/** Credentials of one principal (in Lambda: the function role's, from the environment). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (always, in Lambda). */
  readonly sessionToken?: string;
}

/** A request ready to sign: the URL's path and query are already in their final, encoded form. */
export interface SigV4Request {
  readonly method: string;
  readonly url: URL;
  /** Headers to send and sign; names in any case, one value each. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (`UNSIGNED-PAYLOAD` is allowed by S3 only). */
  readonly payloadHash: string;
}

export interface SigV4Scope {
  readonly credentials: AwsCredentials;
  readonly region: string;
  /** Signing name: `s3`, `sqs`, `secretsmanager`, … */
  readonly service: string;
  readonly now: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** SHA-256 of the empty body, hex. */
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * SigV4's URI encoding: every byte except the unreserved characters `A-Z a-z 0-9 - . _ ~` becomes
 * `%XX` (upper-case hex, UTF-8), `/` kept only when `keepSlash`. Lone surrogates cannot be encoded.
 */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const char of value) {
    if (UNRESERVED.test(char) || (keepSlash && char === '/')) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A header value as SigV4 signs it: trimmed, runs of whitespace collapsed to one space. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * The canonical query string: each name and value URI-encoded (after decoding what the URL already
 * encoded), sorted by name then value, `name=value` joined by `&`; a name without value signs as
 * `name=`.
 */
export function canonicalQuery(search: string): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query === '') return '';
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, '%20'));
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = at === -1 ? pair : pair.slice(0, at);
      const value = at === -1 ? '' : pair.slice(at + 1);
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    })
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The canonical URI: S3 signs the path as sent (its keys are encoded once by the caller); every
 * other service signs the sent path encoded once more.
 */
export function canonicalUri(url: URL, service: string): string {
  const path = url.pathname === '' ? '/' : url.pathname;
  return service === 's3' ? path : uriEncode(path, true);
}

/** `20150830T123600Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Headers the signer adds to every request, before signing (`x-amz-date`, token, S3's payload hash). */
function headersToSign(request: SigV4Request, scope: SigV4Scope, date: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name.toLowerCase(), canonicalHeaderValue(value));
  headers.set('host', request.url.host);
  headers.set('x-amz-date', date);
  if (scope.credentials.sessionToken) headers.set('x-amz-security-token', scope.credentials.sessionToken);
  if (scope.service === 's3') headers.set('x-amz-content-sha256', request.payloadHash);
  return headers;
}

export interface SigV4Parts {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly credentialScope: string;
}

/** The intermediate strings of a signature (exported for the published test vectors). */
export function sigV4Parts(request: SigV4Request, scope: SigV4Scope): SigV4Parts {
  const date = amzDate(scope.now);
  const headers = headersToSign(request, scope, date);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.url, scope.service),
    canonicalQuery(request.url.search),
    `${names.map((name) => `${name}:${headers.get(name)}`).join('\n')}\n`,
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const credentialScope = `${date.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, date, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  return { canonicalRequest, stringToSign, signedHeaders, credentialScope };
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

let cachedKey: { readonly id: string; readonly key: Buffer } | null = null;

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request"). */
export function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const id = `${day}\n${region}\n${service}\n${secretAccessKey}`;
  if (cachedKey?.id === id) return cachedKey.key;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
  cachedKey = { id, key };
  return key;
}

/**
 * Signs a request with AWS Signature Version 4 (header form) and returns every header to send:
 * the request's own plus `x-amz-date`, `x-amz-security-token` (temporary credentials),
 * `x-amz-content-sha256` (S3) and `authorization`. Names are lower-case.
 */
export function signSigV4(request: SigV4Request, scope: SigV4Scope): Record<string, string> {
  const parts = sigV4Parts(request, scope);
  const key = signingKey(scope.credentials.secretAccessKey, parts.credentialScope.slice(0, 8), scope.region, scope.service);
  const signature = createHmac('sha256', key).update(parts.stringToSign, 'utf8').digest('hex');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['x-amz-date'] = amzDate(scope.now);
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;
  if (scope.service === 's3') headers['x-amz-content-sha256'] = request.payloadHash;
  headers.authorization = `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${parts.credentialScope}, SignedHeaders=${parts.signedHeaders}, Signature=${signature}`;
  return headers;
}
