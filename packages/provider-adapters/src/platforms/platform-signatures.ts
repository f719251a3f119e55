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

export function verifyRetellSignature(
  header: string | undefined,
  rawBody: Uint8Array,
  apiKey: string | null,
  nowMs: number,
  toleranceMs = FIVE_MINUTES_MS,
): SignatureCheck {
  if (!apiKey) return { ok: false, reason: 'no_secret' };
  if (!header) return { ok: false, reason: 'missing' };
  const match = /^v=(\d{10,16}),d=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return { ok: false, reason: 'malformed' };
  const [, v = '', d = ''] = match;
  const skew = skewCheck(Number(v), nowMs, toleranceMs);
  if (skew) return skew;
  const expected = createHmac('sha256', apiKey).update(rawBody).update(v, 'utf8').digest();
  return compareHex(d, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
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
  if (!secret) return { ok: false, reason: 'no_secret' };
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  const hex = signature.trim().replace(/^sha256=/, '');
  if (!/^[0-9a-f]{64}$/i.test(hex) || !/^\d{10,16}$/.test(timestamp.trim())) return { ok: false, reason: 'malformed' };
  const skew = skewCheck(Number(timestamp), nowMs, toleranceMs);
  if (skew) return skew;
  const expected = createHmac('sha256', secret).update(`${timestamp.trim()}.`, 'utf8').update(rawBody).digest();
  return compareHex(hex.toLowerCase(), expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
