import fc from 'fast-check';
import type { AgentType, Memory, ProfileSnapshot } from '../src';
import {
  buildElevenLabsReply,
  buildGenericReply,
  buildProfileSnapshot,
  buildSearchAnswer,
  buildStartContent,
  contextFromSnapshot,
  excerpt,
  FixedClock,
  memoriesFromCall,
  NEW_CALLER,
} from '../src';
import { agentType, callFromFixture, repoAgentTypes } from './helpers';

const NOW = Date.parse('2026-10-16T00:00:00Z');
const clock = new FixedClock(NOW);

function snapshotFor(name: string, fixture: string): ProfileSnapshot {
  const config = agentType(name);
  const { memories } = memoriesFromCall(callFromFixture(fixture), { agentTypeName: name, agentType: config, clock });
  return buildProfileSnapshot(memories, { callerKey: 'k', agentTypeName: name, agentType: config, clock });
}

function expectAllDeclared(vars: Record<string, unknown>, config: AgentType) {
  expect(Object.keys(vars).sort()).toEqual(Object.keys(config.dynamic_variables).sort());
  for (const [name, value] of Object.entries(vars)) {
    expect(['string', 'number', 'boolean']).toContain(typeof value);
    expect(typeof value).toBe(typeof config.dynamic_variables[name]);
  }
}

describe('conversation-start replies', () => {
  it('greets a returning support caller by name with their context', () => {
    const config = agentType('elevenlabs_customer_support');
    const ctx = contextFromSnapshot(snapshotFor('elevenlabs_customer_support', 'post-call-transcription.json'), NOW);
    const reply = buildElevenLabsReply(buildStartContent(ctx, config, NOW), config);
    expect(reply.type).toBe('conversation_initiation_client_data');
    expect(reply.conversation_config_override?.agent.first_message).toBe(
      "Hello Maya Okafor! It's great to hear from you again. How can I assist you today?",
    );
    expect(reply.conversation_config_override?.agent.prompt).toBeUndefined();
    expect(reply.dynamic_variables).toMatchObject({
      caller_name: 'Maya Okafor',
      returning_caller: 'yes',
      contact_preference: 'email',
      memory_count: ctx.memoryCount,
    });
    expect(String(reply.dynamic_variables.memory_summary)).toContain('Maya Okafor, a premium customer since 2019');
    expectAllDeclared(reply.dynamic_variables, config);
  });

  it('puts the sales caller budget and timeline in the reply', () => {
    const config = agentType('elevenlabs_sales_agent');
    const ctx = contextFromSnapshot(snapshotFor('elevenlabs_sales_agent', 'post-call-transcription-sales.json'), NOW);
    const content = buildStartContent(ctx, config, NOW);
    const reply = buildElevenLabsReply(content, config);
    expect(reply.dynamic_variables).toMatchObject({ budget: '$18,000', timeline: '3 months (2027-01-15)', caller_name: 'Daniel Reyes' });
    expect(reply.dynamic_variables.memory_summary).toBe(
      'Lead with budget: $18,000, timeline: 3 months (2027-01-15), interested in rooftop solar system for a two storey house',
    );
    expect(content.promptContext).toContain('CALLER CONTEXT:');
    expect(content.promptContext).toContain('Sales Instructions');
    expect(content.greeting).toBe(
      'Hi Daniel Reyes! Great to hear from you again. Last time we talked about rooftop solar system for a two storey house.',
    );
  });

  it('caps the prompt context at max_memories_in_context', () => {
    const config = agentType('elevenlabs_customer_support');
    const ctx = contextFromSnapshot(snapshotFor('elevenlabs_customer_support', 'post-call-transcription.json'), NOW);
    const bullets = buildStartContent(ctx, config, NOW)
      .promptContext.split('\n')
      .filter((l) => l.startsWith('- '));
    expect(bullets.length).toBe(config.response_config.max_memories_in_context);
  });

  it('gives every agent type a clean new-caller reply with every declared variable', () => {
    for (const [name, config] of Object.entries(repoAgentTypes())) {
      const content = buildStartContent(NEW_CALLER, config, NOW);
      const reply = buildElevenLabsReply(content, config);
      expectAllDeclared(reply.dynamic_variables, config);
      expect(reply.dynamic_variables).toEqual(config.dynamic_variables);
      expect(content.promptContext).toBe(config.response_config.new_caller_context);
      expect(content.greeting).toBe(config.response_config.greetings.new_caller);
      if (!config.response_config.overrides.first_message && !config.response_config.overrides.prompt) {
        expect(reply.conversation_config_override).toBeUndefined();
      }
      expect(name.length).toBeGreaterThan(0);
    }
  });

  it('sends the prompt override only when enabled, prefixed by the base prompt', () => {
    const base = agentType('elevenlabs_customer_support');
    const config: AgentType = {
      ...base,
      response_config: {
        ...base.response_config,
        overrides: { first_message: false, prompt: true },
        base_prompt: 'You are Northwind support.',
      },
    };
    const reply = buildElevenLabsReply(buildStartContent(NEW_CALLER, config, NOW), config);
    expect(reply.conversation_config_override).toEqual({
      agent: { prompt: { prompt: `You are Northwind support.\n\n${base.response_config.new_caller_context}` } },
    });
  });

  it('keeps each variable the type of its default', () => {
    const base = agentType('elevenlabs_customer_support');
    const config: AgentType = {
      ...base,
      dynamic_variables: { returning_caller: false, memory_count: '0', call_count: 0, caller_name: 'friend' },
    };
    const ctx = contextFromSnapshot(snapshotFor('elevenlabs_customer_support', 'post-call-transcription.json'), NOW);
    const vars = buildElevenLabsReply(buildStartContent(ctx, config, NOW), config).dynamic_variables;
    expect(vars).toEqual({ returning_caller: true, memory_count: String(ctx.memoryCount), call_count: 1, caller_name: 'Maya Okafor' });
  });

  it('builds the generic_v1 reply keyed by the caller key', () => {
    const config = agentType('generic_voice_agent');
    const ctx = contextFromSnapshot(snapshotFor('generic_voice_agent', 'post-call-transcription.json'), NOW);
    const reply = buildGenericReply(buildStartContent(ctx, config, NOW), ctx, 'callerkey');
    expect(reply).toMatchObject({
      user_id: 'callerkey',
      is_returning_user: true,
      context: { personalized_greeting: 'Hello Maya Okafor!' },
    });
    expect(reply.memories.length).toBeLessThanOrEqual(5);
    expect(reply.context.summary).toBe('User has 1 previous interactions');
  });

  it('drops memories that expired since the snapshot was built', () => {
    const snapshot = snapshotFor('elevenlabs_customer_support', 'post-call-transcription.json');
    const ctx = contextFromSnapshot(snapshot, Date.parse('2030-01-01T00:00:00Z'));
    expect(ctx.memories).toEqual([]);
  });

  it('never produces an invalid reply for arbitrary snapshot fields', () => {
    const config = agentType('elevenlabs_sales_agent');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('name', 'budget', 'timeline', 'interests', 'x'), fc.string()),
        fc.nat(20),
        (fields, calls) => {
          const reply = buildElevenLabsReply(
            buildStartContent({ ...NEW_CALLER, returning: calls > 0, fields, callCount: calls, memoryCount: calls }, config, NOW),
            config,
          );
          return (
            Object.keys(reply.dynamic_variables).length === Object.keys(config.dynamic_variables).length &&
            reply.type === 'conversation_initiation_client_data'
          );
        },
      ),
    );
  });
});

describe('buildSearchAnswer', () => {
  it('answers in single lines, dated', () => {
    const answer = buildSearchAnswer([
      { id: '1', text: 'Router\ndrops wifi', type: 'issue', createdAt: '2026-10-14T15:01:15.000Z', expiresAt: null, metadata: {} },
    ]);
    expect(answer).toEqual({
      count: 1,
      result: '(2026-10-14) Router drops wifi',
      memories: [{ text: 'Router drops wifi', type: 'issue', date: '2026-10-14' }],
    });
    expect(buildSearchAnswer([]).result).toBe('No relevant memories found for this caller.');
  });

  const opening = `Tamsin Hale called about ${'a long run of small talk about the weather and the garden, '.repeat(9)}and the boiler.`;
  const summary = `${opening} The engineer is booked for Tuesday. Tamsin is allergic to latex gloves. She pays by direct debit.`;

  it('shows a long memory around the sentence that answered, never cut before it', () => {
    const memory: Memory = {
      id: '1',
      text: summary,
      type: 'factual',
      createdAt: '2026-10-14T15:01:15.000Z',
      expiresAt: null,
      metadata: {},
    };
    const cut = buildSearchAnswer([memory]).memories[0]?.text ?? '';
    expect(cut).not.toContain('latex');
    const shown = buildSearchAnswer([{ ...memory, passage: 'Tamsin is allergic to latex gloves.' }]).memories[0]?.text ?? '';
    expect(shown).toContain('Tamsin is allergic to latex gloves. She pays by direct debit.');
    expect(shown.length).toBeLessThanOrEqual(500);
  });

  it('excerpt: keeps the opening when it fits, marks the gaps, and never exceeds the budget', () => {
    const text = 'Ana called about her order. It was late. The courier lost it. A refund of £40 was agreed. She wants email updates.';
    expect(excerpt(text, 'A refund of £40 was agreed.', 90)).toBe(
      'Ana called about her order. … A refund of £40 was agreed. She wants email updates.',
    );
    expect(excerpt(text, 'A refund of £40 was agreed.', 60)).toBe('Ana called about her order. … A refund of £40 was agreed. …');
    expect(excerpt(text, undefined, 30)).toBe('Ana called about her order. I…');
    expect(excerpt('Short.', 'Short.', 30)).toBe('Short.');
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 12 }),
        fc.nat(11),
        fc.integer({ min: 20, max: 400 }),
        (parts, k, max) => {
          const sentences = parts.map((p) => `${p.replace(/[.!?\s]/g, 'x')}.`);
          const out = excerpt(sentences.join(' '), sentences[k % sentences.length], max);
          return out.length <= max;
        },
      ),
    );
  });
});

describe('the few memories shown at call start', () => {
  const memory = (id: string, text: string, metadata: Memory['metadata']): Memory => ({
    id,
    text,
    type: 'factual',
    createdAt: '2026-10-01T10:00:00Z',
    expiresAt: null,
    metadata,
  });

  it('go to what the name and known-facts lines do not already say', () => {
    const config = agentType('elevenlabs_customer_support');
    const said = (id: string, text: string) => memory(id, `Caller said: "${text}"`, { source: 'transcript', layer: 'transcript' });
    const ctx = {
      ...NEW_CALLER,
      returning: true,
      callCount: 1,
      memoryCount: 6,
      fields: { name: 'Desmond Okafor', address: '22 Larch Avenue', guest_count: '55' },
      memories: [
        memory('a', 'Address: 22 Larch Avenue.', { source: 'extraction', address: '22 Larch Avenue' }),
        memory('n', "Caller's name is Desmond Okafor.", { source: 'extraction', name: 'Desmond Okafor' }),
        memory('g', 'Guest count: 55.', { source: 'platform_analysis', field: 'guest_count', guest_count: '55' }),
        said('s1', 'Tuesdays and Thursdays after 2 would be best really.'),
        said('s2', 'Yes, penicillin. Came out in a terrible rash.'),
        said('s3', 'Boots on Station Road, they know me by name.'),
      ],
    };
    const prompt = buildStartContent(ctx, config, NOW).promptContext;
    expect(prompt).toContain('Known about the caller (current values): Address: 22 Larch Avenue; Guest count: 55');
    expect(prompt).toContain('Tuesdays and Thursdays after 2');
    expect(prompt).toContain('penicillin');
    expect(prompt).toContain('Station Road');
    expect(prompt).not.toContain("Caller's name is");
    expect(prompt).not.toContain('- Address:');
    // A field memory that says more than the known facts (another value) keeps its place.
    const older = {
      ...ctx,
      memories: [memory('o', 'Guest count: 40.', { source: 'platform_analysis', field: 'guest_count', guest_count: '40' })],
    };
    expect(buildStartContent(older, config, NOW).promptContext).toContain('- Guest count: 40.');
    // A value longer than the known-facts line shows keeps its memory: the line cuts it.
    const note = `Side gate code 5812, key safe by the back door, dog in the kitchen, ${'x'.repeat(120)} ALLERGIC TO LATEX.`;
    const long = {
      ...ctx,
      fields: { access_notes: note },
      memories: [memory('l', `Access notes: ${note}`, { source: 'platform_analysis', field: 'access_notes', access_notes: note })],
    };
    expect(buildStartContent(long, config, NOW).promptContext).toContain('ALLERGIC TO LATEX');
  });
});
