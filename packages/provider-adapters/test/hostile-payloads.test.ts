import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureJson } from '@agentic-memory/fixtures';
import {
  buildProfileSnapshot,
  FixedClock,
  memoriesFromCall,
  type Provider,
  parseAgentTypes,
  sanitizeCallRecord,
  updateProfileSnapshot,
} from '@agentic-memory/memory-core';
import fc from 'fast-check';
import { PayloadError, platformAdapter } from '../src';
import { hostile, type Json, pathsOf, setAt } from '../testing/hostile-json';

/**
 * Poison-proof parsing: every field each adapter reads (every leaf and object of the platform's
 * real payloads), replaced by hostile values in every encoding a platform may send — epoch
 * seconds, milliseconds, nanoseconds, numeric strings, `1e308`, 2^63, negatives, NaN-ish strings,
 * objects where scalars belong, arrays, very long strings. Parsing either refuses the body as a
 * whole (a PayloadError: 400) or yields a call whose values are all in range; building memories and
 * the profile snapshot from it never throws.
 */
const ROOT = join(__dirname, '..', '..', '..');
const agentTypes = parseAgentTypes(JSON.parse(readFileSync(join(ROOT, 'config', 'agent-types.json'), 'utf8')));
const clock = new FixedClock('2026-11-30T12:00:00Z');

const PAYLOADS: readonly [Provider, string, string][] = [
  ['elevenlabs', 'elevenlabs/post-call-transcription.json', 'elevenlabs_customer_support'],
  ['vapi', 'vapi/end-of-call-report.json', 'vapi_customer_support'],
  ['retell', 'retell/call-analyzed.json', 'retell_customer_support'],
  ['retell', 'retell/call-outbound-analyzed.json', 'retell_customer_support'],
  ['generic', 'generic/webhook.json', 'generic_voice_agent'],
];

function assertWellFormed(record: ReturnType<typeof sanitizeCallRecord>['record']): void {
  for (const iso of [record.startedAt, record.endedAt]) if (iso !== null) expect(new Date(iso).toISOString()).toBe(iso);
  if (record.durationSecs !== null) expect(record.durationSecs).toBeGreaterThanOrEqual(0);
  for (const turn of record.turns) {
    expect(typeof turn.text).toBe('string');
    if (turn.offsetSecs !== null) expect(Number.isFinite(turn.offsetSecs)).toBe(true);
  }
  for (const value of Object.values(record.dataCollection)) {
    expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
    if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  }
}

describe.each(PAYLOADS)('hostile values in a %s payload (%s)', (provider, fixture, agentTypeName) => {
  const base = fixtureJson(fixture);
  const paths = pathsOf(base);
  const agentType = agentTypes[agentTypeName];
  if (!agentType) throw new Error(`no agent type ${agentTypeName}`);
  const mappings = agentType.webhooks.post_call.field_mappings;
  const adapter = platformAdapter(provider);

  it('are refused as a whole (PayloadError) or ingested with every value in range; memories and snapshots never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), hostile), { minLength: 1, maxLength: 4 }), (changes) => {
        let body: Json = base;
        for (const [path, value] of changes) body = setAt(body, path, value);
        const envelope = unlessRefused(() => adapter.parsePostCall(body, mappings));
        if (!envelope) return;
        expect(typeof envelope.conversationId).toBe('string');
        if (envelope.eventTime !== null && envelope.eventTime !== undefined) expect(Number.isFinite(envelope.eventTime)).toBe(true);
        if (!envelope.ingest) return;
        const parsed = unlessRefused(() => adapter.callRecord(body, mappings));
        if (!parsed) return;
        const { record } = sanitizeCallRecord(parsed);
        assertWellFormed(record);
        const { memories } = memoriesFromCall(record, { agentTypeName, agentType, clock });
        const snapshot = buildProfileSnapshot(
          memories.map((m, i) => ({ ...m, id: `m${i}`, createdAt: new Date(clock.now()).toISOString(), expiresAt: m.expiresAt ?? null })),
          { callerKey: 'k', agentTypeName, agentType, clock },
        );
        JSON.stringify(
          updateProfileSnapshot(snapshot, record.conversationId, memories, { callerKey: 'k', agentTypeName, agentType, clock }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

/** The adapter's answer, or null when it refused the body as a whole (a PayloadError, nothing else). */
function unlessRefused<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadError);
    return null;
  }
}

describe('the reproducers of the black-box run', () => {
  it('read as a call with the poisoned fields dropped, the rest kept', () => {
    const retell = setAt(fixtureJson('retell/call-analyzed.json'), ['call', 'end_timestamp'], 2 ** 63);
    const { record, dropped } = sanitizeCallRecord(platformAdapter('retell').callRecord(retell, {}));
    expect(record.endedAt).toBeNull();
    expect(record.turns.length).toBeGreaterThan(0);
    expect(dropped).toEqual([]);
    const vapi = setAt(fixtureJson('vapi/end-of-call-report.json'), ['message', 'endedAt'], -1e308);
    expect(platformAdapter('vapi').callRecord(vapi, {}).endedAt).toBeNull();
    const nanoseconds = setAt(
      fixtureJson('elevenlabs/post-call-transcription.json'),
      ['data', 'metadata', 'start_time_unix_secs'],
      1792000000000000000,
    );
    expect(platformAdapter('elevenlabs').callRecord(nanoseconds, {}).startedAt).toBe('2026-10-14T17:46:40.000Z');
  });
});
