import type { Memory } from '../src';
import { buildProfileSnapshot, FixedClock, memoriesFromCall, restatesFields, updateProfileSnapshot } from '../src';
import { agentType, call, caller, callFromFixture } from './helpers';

const clock = new FixedClock('2026-10-15T00:00:00Z');
const DAY = 86_400_000;

describe('memoriesFromCall', () => {
  const support = agentType('elevenlabs_customer_support');
  const record = callFromFixture('post-call-transcription.json');

  it('writes the summary, caller facts, statements and an issue with its resolution', () => {
    const { memories, fields } = memoriesFromCall(record, { agentTypeName: 'elevenlabs_customer_support', agentType: support, clock });
    const byType = (t: string) => memories.filter((m) => m.type === t).map((m) => m.text);
    expect(byType('factual')).toEqual(
      expect.arrayContaining([
        record.summary,
        "Caller's name is Maya Okafor.",
        'Prefers to be contacted by email.',
        'Account status: premium account, customer since 2019.',
      ]),
    );
    expect(byType('semantic')).toContain(
      'Caller said: "My router keeps dropping the wifi connection every evening, it\'s really frustrating."',
    );
    expect(byType('semantic')).not.toContain('Caller said: "Okay."');
    expect(byType('issue')).toEqual([
      "Issue (connectivity): My router keeps dropping the wifi connection every evening, it's really frustrating.",
    ]);
    expect(byType('resolution')[0]).toMatch(/^Resolution: suggested a firmware update/);
    expect(fields.name).toBe('Maya Okafor');
  });

  it('only writes the memory types the agent type declares', () => {
    const { memories } = memoriesFromCall(record, { agentTypeName: 'x', agentType: support, clock });
    for (const m of memories) expect(support.memory_config.types).toContain(m.type);
    const generic = agentType('generic_voice_agent');
    const genericTypes = new Set(
      memoriesFromCall(record, { agentTypeName: 'generic_voice_agent', agentType: generic, clock }).memories.map((m) => m.type),
    );
    expect([...genericTypes].sort()).toEqual(['factual', 'semantic']);
  });

  it('dates memories at the call and expires them after the retention', () => {
    const { memories } = memoriesFromCall(record, { agentTypeName: 'x', agentType: support, clock });
    for (const m of memories) {
      expect(m.createdAt).toBe(record.endedAt);
      expect(Date.parse(m.expiresAt as string) - Date.parse(m.createdAt)).toBe(365 * DAY);
      expect(m.metadata).toMatchObject({ conversation_id: record.conversationId, provider: 'elevenlabs', memory_type: m.type });
      expect(JSON.stringify(m.metadata)).not.toContain('+15550100123');
    }
  });

  it('is deterministic: ingesting the same call twice yields the same ids and no duplicates', () => {
    const a = memoriesFromCall(record, { agentTypeName: 'x', agentType: support, clock }).memories;
    const b = memoriesFromCall(record, { agentTypeName: 'x', agentType: support, clock: new FixedClock(0) }).memories;
    expect(b.map((m) => m.id)).toEqual(a.map((m) => m.id));
    expect(new Set(a.map((m) => m.id)).size).toBe(a.length);
  });

  it('writes a lead memory with budget, timeline and pipeline stage for the sales agent', () => {
    const sales = agentType('elevenlabs_sales_agent');
    const { memories } = memoriesFromCall(callFromFixture('post-call-transcription-sales.json'), {
      agentTypeName: 'elevenlabs_sales_agent',
      agentType: sales,
      clock,
    });
    const lead = memories.find((m) => m.type === 'lead');
    expect(lead?.text).toContain('budget: $18,000');
    expect(lead?.text).toContain('timeline: 3 months (2027-01-15)');
    expect(lead?.metadata).toMatchObject({ budget: '$18,000', pipeline_stage: 'qualified' });
    expect(memories.some((m) => m.type === 'conversion')).toBe(false);
  });

  it('writes a technical memory for the technical support agent', () => {
    const tech = agentType('elevenlabs_technical_support');
    const { memories } = memoriesFromCall(record, { agentTypeName: 'elevenlabs_technical_support', agentType: tech, clock });
    expect(memories.find((m) => m.type === 'technical')?.metadata).toMatchObject({
      issue_category: 'connectivity',
      escalation_level: 'medium',
    });
  });

  it('keeps every substantive caller statement of a long call, and caps only the key statements shown at call start', () => {
    const long = callFromFixture('post-call-transcription-long.json');
    expect(long.turns.length).toBeGreaterThan(500);
    const { memories } = memoriesFromCall(long, { agentTypeName: 'x', agentType: support, clock });
    const transcript = memories.filter((m) => m.metadata.layer === 'transcript');
    expect(transcript.length).toBeGreaterThan(support.memory_config.max_semantic_per_call);
    expect(transcript.filter((m) => m.metadata.key_statement === true).length).toBe(support.memory_config.max_semantic_per_call);
  });

  it('handles a call with nothing in it', () => {
    expect(memoriesFromCall(call([]), { agentTypeName: 'x', agentType: support, clock }).memories).toEqual([]);
    expect(memoriesFromCall(call([caller('ok')]), { agentTypeName: 'x', agentType: support, clock }).memories).toEqual([]);
  });
});

/** A later call of the fixture's caller that changes her contact preference. */
function secondCallOfMaya(support: ReturnType<typeof agentType>): readonly Memory[] {
  return memoriesFromCall(
    call([caller('Hi, my name is Maya Okafor. Please text me from now on.')], {
      conversationId: 'conv_second',
      startedAt: '2026-10-20T10:00:00.000Z',
      endedAt: '2026-10-20T10:05:00.000Z',
      summary: 'Maya asked to be contacted by text from now on.',
    }),
    { agentTypeName: 'x', agentType: support, clock },
  ).memories;
}

describe('buildProfileSnapshot', () => {
  const support = agentType('elevenlabs_customer_support');
  const first = memoriesFromCall(callFromFixture('post-call-transcription.json'), {
    agentTypeName: 'x',
    agentType: support,
    clock,
  }).memories;
  const later: readonly Memory[] = secondCallOfMaya(support);

  it('counts calls, keeps the newest field values and the latest summary', () => {
    const snapshot = buildProfileSnapshot([...first, ...later], {
      callerKey: 'k',
      agentTypeName: 'x',
      agentType: support,
      clock: new FixedClock('2026-10-21T00:00:00Z'),
    });
    expect(snapshot).toMatchObject({
      version: 1,
      callerKey: 'k',
      callCount: 2,
      memoryCount: first.length + later.length,
      lastCallAt: '2026-10-20T10:05:00.000Z',
      lastSummary: 'Maya asked to be contacted by text from now on.',
    });
    expect(snapshot.fields).toMatchObject({ name: 'Maya Okafor', contact_preference: 'text', issue_type: 'connectivity' });
    // As many as the agent type shows or searches, beside those that only restate a current field.
    expect(snapshot.topMemories.filter((m) => !restatesFields(m, snapshot.fields)).length).toBe(
      Math.max(support.response_config.max_memories_in_context, support.memory_config.search_limit),
    );
    expect(snapshot.validUntil).not.toBeNull();
  });

  it('leaves expired memories out', () => {
    const snapshot = buildProfileSnapshot(first, {
      callerKey: 'k',
      agentTypeName: 'x',
      agentType: support,
      clock: new FixedClock('2028-01-01T00:00:00Z'),
    });
    expect(snapshot).toMatchObject({ callCount: 0, memoryCount: 0, topMemories: [], fields: {}, lastCallAt: null });
  });
});

describe('updateProfileSnapshot', () => {
  const support = agentType('elevenlabs_customer_support');
  const ctx = { callerKey: 'k', agentTypeName: 'x', agentType: support, clock: new FixedClock('2026-10-21T00:00:00Z') };
  const first = memoriesFromCall(callFromFixture('post-call-transcription.json'), {
    agentTypeName: 'x',
    agentType: support,
    clock,
  }).memories;
  const second = secondCallOfMaya(support);

  it('folds calls in without reading the store back, and matches a full rebuild on the essentials', async () => {
    const one = updateProfileSnapshot(null, 'conv_01kfix0support0000000000001', first, ctx);
    const two = updateProfileSnapshot(one, 'conv_second', second, ctx);
    const rebuilt = buildProfileSnapshot([...first, ...second], ctx);
    expect(two).toMatchObject({
      callCount: 2,
      memoryCount: first.length + second.length,
      lastCallAt: rebuilt.lastCallAt,
      lastSummary: rebuilt.lastSummary,
    });
    expect(two.fields).toEqual(rebuilt.fields);
    expect(two.recentConversations).toEqual(['conv_second', 'conv_01kfix0support0000000000001']);
  });

  it('never counts a re-ingested conversation twice', () => {
    const once = updateProfileSnapshot(null, 'conv_second', second, ctx);
    const again = updateProfileSnapshot(once, 'conv_second', second, ctx);
    expect(again).toMatchObject({ callCount: 1, memoryCount: second.length });
    expect(again.topMemories.length).toBe(once.topMemories.length);
  });

  it('lets an older call arriving late fill gaps without overwriting newer values', () => {
    const newer = updateProfileSnapshot(null, 'conv_second', second, ctx);
    const both = updateProfileSnapshot(newer, 'conv_01kfix0support0000000000001', first, ctx);
    expect(both.fields.contact_preference).toBe('text');
    expect(both.fields.account_status).toBe('premium account, customer since 2019');
    expect(both.lastSummary).toBe('Maya asked to be contacted by text from now on.');
    expect(both.lastCallAt).toBe('2026-10-20T10:05:00.000Z');
  });
});

describe("the platform's analysis keeps its words", () => {
  it('a more specific key of a field names the field memory; other keys keep the field label', () => {
    const type = agentType('elevenlabs_customer_support');
    const clock = new FixedClock(Date.parse('2026-10-01T00:00:00Z'));
    const record = call([caller('Hi, I filled in the form on your website.')], {
      dataCollection: { property_address: '14 Braeside Terrace, Aviemore', customer_number: 'CN-40211', appliance: 'wood burner' },
    });
    const texts = memoriesFromCall(record, { agentTypeName: 'elevenlabs_customer_support', agentType: type, clock }).memories.map(
      (m) => m.text,
    );
    expect(texts).toContain('Property address: 14 Braeside Terrace, Aviemore.');
    expect(texts).not.toContain('Address: 14 Braeside Terrace, Aviemore.');
    expect(texts).toContain('Account, membership or policy number: CN-40211.');
    expect(texts).toContain('Appliance: wood burner.');
  });
});
