import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'future' | 'mismatch' | 'no_secret';
export type SignatureCheck = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: SignatureFailure };

/** ElevenLabs rejects events older than 30 minutes; so do we, and as far in the future. */
export const ELEVENLABS_TOLERANCE_MS = 30 * 60 * 1000;
const MAX_HEADER_LENGTH = 1024;

function mac(secret: string, timestamp: string, rawBody: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

/** The `ElevenLabs-Signature` header value for a body: `t=<seconds>,v0=<hex>`. */
export function signElevenLabs(rawBody: Uint8Array | string, secret: string, timestampSecs: number): string {
  const t = String(Math.floor(timestampSecs));
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return `t=${t},v0=${mac(secret, t, body).toString('hex')}`;
}

/**
 * Verifies `ElevenLabs-Signature: t=<s>,v0=<hex>` over `"<t>.<raw body>"` with HMAC-SHA256, in
 * constant time, within the tolerance of an injected clock. Any other shape is `malformed`:
 * exactly one `t` of digits, one or more `v0` of 64 hex digits, nothing else.
 */
export function verifyElevenLabsSignature(
  headerValue: string | undefined,
  rawBody: Uint8Array,
  secret: string | null | undefined,
  nowMs: number,
  toleranceMs = ELEVENLABS_TOLERANCE_MS,
): SignatureCheck {
  if (!secret) return { ok: false, reason: 'no_secret' };
  if (headerValue === undefined || headerValue.trim() === '') return { ok: false, reason: 'missing' };
  if (headerValue.length > MAX_HEADER_LENGTH) return { ok: false, reason: 'malformed' };
  let timestamp: string | null = null;
  const signatures: Buffer[] = [];
  for (const part of headerValue.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
      timestamp = value;
    } else if (key === 'v0') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return { ok: false, reason: 'malformed' };
      signatures.push(Buffer.from(value, 'hex'));
    } else {
      return { ok: false, reason: 'malformed' };
    }
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const ts = Number(timestamp);
  const skew = nowMs - ts * 1000;
  if (skew > toleranceMs) return { ok: false, reason: 'expired' };
  if (-skew > toleranceMs) return { ok: false, reason: 'future' };
  const expected = mac(secret, timestamp, rawBody);
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched;
  return matched ? { ok: true, timestamp: ts } : { ok: false, reason: 'mismatch' };
}
