import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time, whatever their lengths
 * (both are hashed first, so a length mismatch leaks nothing either).
 */
export function secretsEqual(presented: string | undefined | null, expected: string | undefined | null): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
