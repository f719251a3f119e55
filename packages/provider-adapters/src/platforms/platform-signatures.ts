import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'expired' | 'future' | 'mismatch' | 'no_secret' };

/** Retell and Vapi reject events more than 5 minutes from now; so do we. */
export const FIVE_MINUTES_MS = 5 * 60 * 1000;

function compareHex(presentedHex: string, expected: Buffer): boolean {
  const presented = Buffer.from(presentedHex, 'hex');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function skewCheck(timestampMs: number, nowMs: number, toleranceMs: number): SignatureCheck | null {
  if (nowMs - timestampMs > toleranceMs) return { ok: false, reason: 'expired' };
  if (timestampMs - nowMs > toleranceMs) return { ok: false, reason: 'future' };
  return null;
}

/** `x-retell-signature: v=<unix ms>,d=<hex>` = HMAC-SHA256(api key, raw body + v). */
export function signRetell(rawBody: Uint8Array | string, apiKey: string, timestampMs: number): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const v = String(Math.floor(timestampMs));
  return `v=${v},d=${createHmac('sha256', apiKey).update(body).update(v, 'utf8').digest('hex')}`;
}

/** A timestamped HMAC header as read: its hex digest, its time and how to compute the expected digest. */
type ReadHeader =
  | 'missing'
  | 'malformed'
  | { readonly hex: string; readonly timestampMs: number; readonly digest: (key: string) => Buffer };

/** What both timestamped schemes check, in order: a secret, a well-formed header, a fresh time, the digest (constant time). */
function checkTimestampedHmac(secret: string | null, read: () => ReadHeader, nowMs: number, toleranceMs: number): SignatureCheck {
  if (!secret) return { ok: false, reason: 'no_secret' };
  const header = read();
  if (typeof header === 'string') return { ok: false, reason: header };
  return (
    skewCheck(header.timestampMs, nowMs, toleranceMs) ??
    (compareHex(header.hex, header.digest(secret)) ? { ok: true } : { ok: false, reason: 'mismatch' })
  );
}

export function verifyRetellSignature(
  header: string | undefined,
  rawBody: Uint8Array,
  apiKey: string | null,
  nowMs: number,
  toleranceMs = FIVE_MINUTES_MS,
): SignatureCheck {
  return checkTimestampedHmac(
    apiKey,
    () => {
      if (!header) return 'missing';
      const match = /^v=(\d{10,16}),d=([0-9a-f]{64})$/.exec(header.trim());
      if (!match) return 'malformed';
      const [, v = '', d = ''] = match;
      return { hex: d, timestampMs: Number(v), digest: (key) => createHmac('sha256', key).update(rawBody).update(v, 'utf8').digest() };
    },
    nowMs,
    toleranceMs,
  );
}

/** The Vapi HMAC credential profile this project supports: sha256, hex, `x-signature`/`x-timestamp` (ms), `{timestamp}.{body}`. */
export function signVapi(
  rawBody: Uint8Array | string,
  secret: string,
  timestampMs: number,
): { 'x-timestamp': string; 'x-signature': string } {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const t = String(Math.floor(timestampMs));
  return { 'x-timestamp': t, 'x-signature': createHmac('sha256', secret).update(`${t}.`, 'utf8').update(body).digest('hex') };
}

export function verifyVapiSignature(
  signature: string | undefined,
  timestamp: string | undefined,
  rawBody: Uint8Array,
  secret: string | null,
  nowMs: number,
  toleranceMs = FIVE_MINUTES_MS,
): SignatureCheck {
  return checkTimestampedHmac(
    secret,
    () => {
      if (!signature || !timestamp) return 'missing';
      const hex = signature.trim().replace(/^sha256=/, '');
      const t = timestamp.trim();
      if (!/^[0-9a-f]{64}$/i.test(hex) || !/^\d{10,16}$/.test(t)) return 'malformed';
      return {
        hex: hex.toLowerCase(),
        timestampMs: Number(t),
        digest: (key) => createHmac('sha256', key).update(`${t}.`, 'utf8').update(rawBody).digest(),
      };
    },
    nowMs,
    toleranceMs,
  );
}
