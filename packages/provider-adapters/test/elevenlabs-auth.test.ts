import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import fc from 'fast-check';
import {
  ELEVENLABS_TOLERANCE_MS,
  PayloadError,
  parseElevenLabsInitiation,
  parseElevenLabsToolRequest,
  secretsEqual,
  signElevenLabs,
  verifyElevenLabsSignature,
} from '../src';

const vector = JSON.parse(readFileSync(fixturePath('elevenlabs/signature-vector.json'), 'utf8')) as {
  secret: string;
  timestamp: number;
  body: string;
  header: string;
};
const body = Buffer.from(vector.body, 'utf8');
const at = vector.timestamp * 1000;

describe('ElevenLabs signature', () => {
  it('accepts the shared vector with the clock at its timestamp', () => {
    expect(verifyElevenLabsSignature(vector.header, body, vector.secret, at)).toEqual({ ok: true, timestamp: vector.timestamp });
    expect(signElevenLabs(vector.body, vector.secret, vector.timestamp)).toBe(vector.header);
  });

  it('rejects any one-byte change to the body, the timestamp or the secret', () => {
    for (let i = 0; i < body.length; i += 1) {
      const changed = Buffer.from(body);
      changed[i] = (changed[i] ?? 0) ^ 0x01;
      expect(verifyElevenLabsSignature(vector.header, changed, vector.secret, at)).toEqual({ ok: false, reason: 'mismatch' });
    }
    const otherTs = vector.header.replace(`t=${vector.timestamp}`, `t=${vector.timestamp + 1}`);
    expect(verifyElevenLabsSignature(otherTs, body, vector.secret, at)).toEqual({ ok: false, reason: 'mismatch' });
    for (let i = 0; i < vector.secret.length; i += 1) {
      const secret = vector.secret.slice(0, i) + String.fromCharCode(vector.secret.charCodeAt(i) ^ 0x01) + vector.secret.slice(i + 1);
      expect(verifyElevenLabsSignature(vector.header, body, secret, at).ok).toBe(false);
    }
  });

  it('allows 30 minutes of skew either way, not more', () => {
    expect(verifyElevenLabsSignature(vector.header, body, vector.secret, at + ELEVENLABS_TOLERANCE_MS).ok).toBe(true);
    expect(verifyElevenLabsSignature(vector.header, body, vector.secret, at + ELEVENLABS_TOLERANCE_MS + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyElevenLabsSignature(vector.header, body, vector.secret, at - ELEVENLABS_TOLERANCE_MS - 1)).toEqual({
      ok: false,
      reason: 'future',
    });
  });

  it('accepts one of several v0 signatures and whitespace around parts', () => {
    const other = `v0=${'0'.repeat(64)}`;
    expect(verifyElevenLabsSignature(`${vector.header},${other}`, body, vector.secret, at).ok).toBe(true);
    expect(verifyElevenLabsSignature(vector.header.replace(',', ' , '), body, vector.secret, at).ok).toBe(true);
  });

  it.each([
    ['missing', undefined, 'missing'],
    ['empty', '', 'missing'],
    ['no timestamp', `v0=${'a'.repeat(64)}`, 'malformed'],
    ['no signature', 't=1792000000', 'malformed'],
    ['v1 instead of v0', `t=1792000000,v1=${'a'.repeat(64)}`, 'malformed'],
    ['short hex', 't=1792000000,v0=abc', 'malformed'],
    ['non-hex', `t=1792000000,v0=${'g'.repeat(64)}`, 'malformed'],
    ['negative timestamp', `t=-1,v0=${'a'.repeat(64)}`, 'malformed'],
    ['two timestamps', `t=1,t=2,v0=${'a'.repeat(64)}`, 'malformed'],
    ['no equals', 'garbage', 'malformed'],
    ['huge', `t=1,v0=${'a'.repeat(2000)}`, 'malformed'],
  ])('rejects a %s header', (_label, header, reason) => {
    expect(verifyElevenLabsSignature(header, body, vector.secret, at)).toEqual({ ok: false, reason });
  });

  it('rejects everything when no secret is configured', () => {
    expect(verifyElevenLabsSignature(vector.header, body, '', at)).toEqual({ ok: false, reason: 'no_secret' });
  });

  it('property: fuzzed headers never verify and never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(t=\d{0,12},?)?(v0=[0-9a-f]{0,70},?){0,3}$/)), (header) => {
        const result = verifyElevenLabsSignature(header, body, vector.secret, at);
        return result.ok === false || header.includes(vector.header.split(',')[1] ?? '@@');
      }),
      { numRuns: 3000 },
    );
  });

  it('property: sign then verify round-trips for any body and secret', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        (bytes, secret, ts) => {
          const header = signElevenLabs(bytes, secret, ts);
          return verifyElevenLabsSignature(header, bytes, secret, ts * 1000).ok;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('secretsEqual', () => {
  it('compares in constant time and fails closed', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual(undefined, 'abc')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
    expect(secretsEqual('abc', null)).toBe(false);
  });
});

describe('ElevenLabs conversation initiation', () => {
  it('reads the fixture', () => {
    const request = JSON.parse(readFileSync(fixturePath('elevenlabs/conversation-initiation-request.json'), 'utf8'));
    expect(parseElevenLabsInitiation(request)).toEqual({
      callerNumber: '+15550100123',
      agentId: 'agent_01kfixsupport00000000000000',
      calledNumber: '+15550199000',
      callSid: 'CA0fixture0000000000000000000001',
    });
  });

  it('tolerates withheld numbers and unknown fields, refuses non-objects', () => {
    expect(parseElevenLabsInitiation({ caller_id: 'anonymous', extra: { x: 1 } }).callerNumber).toBeNull();
    expect(() => parseElevenLabsInitiation('x')).toThrow(PayloadError);
  });
});

describe('ElevenLabs server tool request', () => {
  const flat = JSON.parse(readFileSync(fixturePath('elevenlabs/server-tool-request.json'), 'utf8'));
  const wrapped = JSON.parse(readFileSync(fixturePath('elevenlabs/server-tool-request-wrapped.json'), 'utf8'));

  it('reads the flat and the wrapped shapes', () => {
    expect(parseElevenLabsToolRequest(flat, undefined)).toEqual({
      query: "what was the caller's last technical issue",
      callerNumber: '+15550100123',
      toolCallId: null,
      conversationId: null,
    });
    expect(parseElevenLabsToolRequest(wrapped, undefined)).toEqual({
      query: "what was the caller's last technical issue",
      callerNumber: '+15550100123',
      toolCallId: 'toolu_fixture01',
      conversationId: 'conv_01kfix0live000000000000001',
    });
  });

  it('takes the caller from X-Caller-Id before the body, and ignores an unfilled template', () => {
    expect(parseElevenLabsToolRequest(flat, '+15550100777').callerNumber).toBe('+15550100777');
    expect(parseElevenLabsToolRequest(flat, '{{system__caller_id}}').callerNumber).toBe('+15550100123');
    expect(parseElevenLabsToolRequest({ query: 'x' }, '{{system__caller_id}}').callerNumber).toBeNull();
    expect(parseElevenLabsToolRequest({ query: 'x', phone: '+15550100123' }, undefined, 'phone').callerNumber).toBe('+15550100123');
  });

  it('property: never throws on JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.option(fc.string(), { nil: undefined }), (obj, header) => {
        const r = parseElevenLabsToolRequest(obj, header);
        return typeof r.query === 'string' && r.query.length <= 1000;
      }),
    );
  });
});
