import fc from 'fast-check';
import { callerKey, conversationGroupId, maskPhone, memoryUserId, normaliseE164 } from '../src';

describe('normaliseE164', () => {
  it.each([
    ['+15550100123', undefined, '+15550100123'],
    ['+1 (555) 010-0123', undefined, '+15550100123'],
    ['1-555-010-0123', undefined, '+15550100123'],
    ['15550100123', undefined, '+15550100123'],
    ['5550100123', '1', '+15550100123'],
    ['tel:+15550100123', undefined, '+15550100123'],
    ['sip:+15550100123@sip.example.com;transport=tls', undefined, '+15550100123'],
    ['00 44 7700 900123', undefined, '+447700900123'],
    ['+44 (0)7700 900123', undefined, '+4407700900123'],
    ['07700 900123', '44', '+447700900123'],
    ['011 44 7700 900123', undefined, '+447700900123'],
    ['+1 555 010 0123 ext. 42', undefined, '+15550100123'],
  ])('%s (default country %s) → %s', (raw, cc, expected) => {
    expect(normaliseE164(raw, cc ? { defaultCountryCode: cc } : {})).toBe(expected);
  });

  it.each([
    'anonymous',
    'Restricted',
    '',
    '   ',
    'client:web',
    '+1555',
    '+1234567890123456',
    '+10550100123',
    '5550100123',
    'abc',
    '++15550100123',
  ])('rejects %j', (raw) => {
    expect(normaliseE164(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(normaliseE164(null)).toBeNull();
    expect(normaliseE164({ number: '+15550100123' })).toBeNull();
    expect(normaliseE164(15550100123)).toBe('+15550100123');
  });

  it('never throws, returns E.164 or null, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+0-9 ()\-.]{0,24}$/)), fc.constantFrom(undefined, '1', '44'), (raw, cc) => {
        const out = normaliseE164(raw, cc ? { defaultCountryCode: cc } : {});
        if (out === null) return true;
        return /^\+[1-9]\d{7,14}$/.test(out) && normaliseE164(out) === out;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('callerKey', () => {
  const pepper = 'pepper-0123456789abcdef';

  it('is HMAC-SHA256 hex, deterministic, and depends on the pepper', () => {
    const key = callerKey(pepper, '+15550100123');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(callerKey(pepper, '+15550100123')).toBe(key);
    expect(callerKey(`${pepper}x`, '+15550100123')).not.toBe(key);
    expect(callerKey(pepper, '+15550100124')).not.toBe(key);
    // Known value: HMAC-SHA256("pepper-0123456789abcdef", "+15550100123").
    expect(key).toBe('0afffeceeaf6b5a3336d477d38a96dd0ccaa14614e2282c7943168f330fc9c1b');
  });

  it('never contains the number', () => {
    fc.assert(fc.property(fc.stringMatching(/^\+[2-9]\d{9,13}$/), (number) => !callerKey(pepper, number).includes(number.slice(1))));
  });

  it('rejects a short pepper and non-E.164 input', () => {
    expect(() => callerKey('short', '+15550100123')).toThrow(/pepper/);
    expect(() => callerKey(pepper, '5550100123')).toThrow(/E\.164/);
  });

  it('keys the memory store by caller key unless the agent type keeps raw numbers', () => {
    expect(memoryUserId('keyed', 'abc', '+15550100123')).toBe('abc');
    expect(memoryUserId('raw', 'abc', '+15550100123')).toBe('+15550100123');
    expect(conversationGroupId('conv_1')).toBe('conv:conv_1');
  });
});

describe('maskPhone', () => {
  it('keeps at most the last four digits', () => {
    expect(maskPhone('+15550100123')).toBe('***0123');
    expect(maskPhone(null)).toBe('none');
    expect(maskPhone('12')).toBe('***');
    fc.assert(fc.property(fc.stringMatching(/^\+\d{8,15}$/), (n) => maskPhone(n).replace(/\D/g, '').length <= 4));
  });
});
