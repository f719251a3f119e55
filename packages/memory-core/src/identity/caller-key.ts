import { createHmac } from 'node:crypto';

export type CallerIdMode = 'keyed' | 'raw';

/**
 * `HMAC-SHA256(pepper, e164)` as hex: the identity that appears in blob keys, queue groups,
 * metrics and logs instead of the number.
 */
export function callerKey(pepper: string, e164: string): string {
  if (pepper.length < 16) throw new Error('caller id pepper must be at least 16 characters');
  if (!/^\+[1-9]\d{7,14}$/.test(e164)) throw new Error('callerKey expects an E.164 number');
  return createHmac('sha256', pepper).update(e164, 'utf8').digest('hex');
}

/**
 * The memory store's user id for a caller: the caller key by default, the E.164 number when the
 * agent type keeps `caller_id_mode: "raw"` (memories stored by the seed system).
 */
export function memoryUserId(mode: CallerIdMode, key: string, e164: string): string {
  return mode === 'raw' ? e164 : key;
}

/** Queue group for an event that names no caller. */
export function conversationGroupId(conversationId: string): string {
  return `conv:${conversationId}`;
}
