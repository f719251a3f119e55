import fc from 'fast-check';
import { agentAnalytics, type ConversationRecord, daysOf } from '../src';

const record = (over: Partial<ConversationRecord>): ConversationRecord => ({
  conversation_id: 'c1',
  caller_key: 'k1',
  agent_type: 'support',
  provider: 'elevenlabs',
  at: '2026-11-02T10:00:00.000Z',
  memories: 4,
  memory_types: { factual: 2, semantic: 2 },
  topics: ['connectivity'],
  fields: ['name'],
  returning: false,
  ...over,
});

describe('agent analytics over several callers', () => {
  const danCall = record({
    conversation_id: 'c3',
    caller_key: 'dan',
    at: '2026-11-03T11:00:00.000Z',
    memories: 4,
    topics: ['billing'],
    fields: ['budget'],
  });
  const records = [
    record({ conversation_id: 'c1', caller_key: 'maya', memories: 6, topics: ['connectivity', 'billing'], fields: ['name', 'issue_type'] }),
    record({
      conversation_id: 'c2',
      caller_key: 'maya',
      at: '2026-11-03T09:00:00.000Z',
      memories: 2,
      returning: true,
      topics: ['connectivity'],
    }),
    danCall,
    // Redelivered: the same conversation counts once.
    danCall,
    // Another agent type and a call outside the period are not counted.
    record({ conversation_id: 'c4', agent_type: 'sales', caller_key: 'ana' }),
    record({ conversation_id: 'c5', caller_key: 'ana', at: '2026-12-01T00:00:00.000Z' }),
  ];

  it('counts conversations, distinct callers, memories per caller, returning rate, topics, fields and days', () => {
    expect(agentAnalytics('support', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', records)).toEqual({
      agent_type: 'support',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      conversations: 3,
      callers: 2,
      memories: 12,
      memories_per_caller: 6,
      returning_caller_rate: 0.333,
      top_topics: [
        { topic: 'billing', count: 2 },
        { topic: 'connectivity', count: 2 },
      ],
      extracted_fields: [
        { field: 'budget', count: 1 },
        { field: 'issue_type', count: 1 },
        { field: 'name', count: 2 },
      ].sort((a, b) => b.count - a.count || a.field.localeCompare(b.field)),
      conversations_per_day: { '2026-11-02': 1, '2026-11-03': 2 },
    });
  });

  it('is all zeros for an empty period, never NaN', () => {
    expect(agentAnalytics('support', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', records)).toMatchObject({
      conversations: 0,
      callers: 0,
      memories_per_caller: 0,
      returning_caller_rate: 0,
    });
  });

  it('conversation counts per day always add up to the conversations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), caller: fc.constantFrom('a', 'b', 'c') }), { maxLength: 40 }),
        (calls) => {
          const rs = calls.map((c, i) =>
            record({ conversation_id: `c${i}`, caller_key: c.caller, at: `2026-11-${String(c.day).padStart(2, '0')}T12:00:00.000Z` }),
          );
          const a = agentAnalytics('support', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', rs);
          expect(Object.values(a.conversations_per_day).reduce((x, y) => x + y, 0)).toBe(a.conversations);
          expect(a.callers).toBeLessThanOrEqual(3);
        },
      ),
    );
    expect(daysOf('2026-11-01T00:00:00Z', '2026-11-04T00:00:00Z')).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });
});
