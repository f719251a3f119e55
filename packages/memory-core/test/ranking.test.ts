import fc from 'fast-check';
import type { Memory, RankingRules } from '../src';
import { aboutReplacedValue, isExpired, rankMemories, recencyBoost, weightOf, withoutSuperseded } from '../src';
import { mentionsValue } from '../src/text/value-mentions';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

function memory(id: string, daysOld: number, extra: Partial<Memory> = {}): Memory {
  return {
    id,
    text: `memory ${id}`,
    type: 'factual',
    createdAt: new Date(NOW - daysOld * DAY).toISOString(),
    expiresAt: null,
    metadata: {},
    ...extra,
  };
}

const rules: RankingRules = {
  searchWeights: { issue: 2, resolution: 1.8, budget: 2 },
  priorityFields: ['issue_type'],
  limit: 10,
  threshold: 0,
};

describe('rankMemories', () => {
  it('boosts recent memories: ×1.5 under 7 days, ×1.2 under 30', () => {
    expect(recencyBoost(new Date(NOW - 2 * DAY).toISOString(), NOW)).toBe(1.5);
    expect(recencyBoost(new Date(NOW - 20 * DAY).toISOString(), NOW)).toBe(1.2);
    expect(recencyBoost(new Date(NOW - 200 * DAY).toISOString(), NOW)).toBe(1);
    expect(recencyBoost(new Date(NOW + DAY).toISOString(), NOW)).toBe(1.5);
    expect(recencyBoost('not a date', NOW)).toBe(1);
  });

  it('weights by memory type and by fields present in metadata (largest match)', () => {
    expect(weightOf(memory('a', 1, { type: 'issue' }), rules.searchWeights)).toBe(2);
    expect(weightOf(memory('b', 1, { type: 'resolution' }), rules.searchWeights)).toBe(1.8);
    expect(weightOf(memory('c', 1, { type: 'resolution', metadata: { budget: '$5' } }), rules.searchWeights)).toBe(2);
    expect(weightOf(memory('d', 1), rules.searchWeights)).toBe(1);
  });

  it('orders by relevance × weight × recency × priority', () => {
    const ranked = rankMemories(
      [
        memory('old-fact', 100),
        memory('new-fact', 1),
        memory('old-issue', 100, { type: 'issue' }),
        memory('old-issue-priority', 100, { type: 'issue', metadata: { issue_type: 'billing' } }),
      ],
      rules,
      NOW,
    );
    expect(ranked.map((m) => m.id)).toEqual(['old-issue-priority', 'old-issue', 'new-fact', 'old-fact']);
    expect(ranked[0]?.rankScore).toBeCloseTo(2.2);
  });

  it('never returns expired memories, drops those under the threshold and caps at the limit', () => {
    const memories = [
      memory('expired', 1, { expiresAt: new Date(NOW - 1).toISOString() }),
      memory('expires-now', 1, { expiresAt: new Date(NOW).toISOString() }),
      memory('live', 1, { expiresAt: new Date(NOW + DAY).toISOString(), score: 0.9 }),
      memory('weak', 1, { score: 0.1 }),
      memory('ok', 2, { score: 0.5 }),
    ];
    expect(rankMemories(memories, { ...rules, threshold: 0.3 }, NOW).map((m) => m.id)).toEqual(['live', 'ok']);
    expect(rankMemories(memories, { ...rules, limit: 1 }, NOW).map((m) => m.id)).toEqual(['live']);
    expect(isExpired(memories[1] as Memory, NOW)).toBe(true);
  });

  it('a newer memory never ranks below an otherwise identical older one', () => {
    const arbMemory = fc.record({
      type: fc.constantFrom('factual', 'semantic', 'issue', 'resolution', 'lead') as fc.Arbitrary<Memory['type']>,
      score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      daysOld: fc.integer({ min: 0, max: 400 }),
      extraDays: fc.integer({ min: 1, max: 400 }),
      issueType: fc.option(fc.constantFrom('billing', 'login')),
    });
    fc.assert(
      fc.property(arbMemory, fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 6 }), (m, others) => {
        const metadata: Memory['metadata'] = m.issueType ? { issue_type: m.issueType } : {};
        const base = { type: m.type, score: m.score, metadata };
        const newer = memory('newer', m.daysOld, base);
        const older = memory('older', m.daysOld + m.extraDays, base);
        const noise = others.map((d, i) => memory(`n${i}`, d));
        const ids = rankMemories([older, ...noise, newer], { ...rules, limit: 100 }, NOW).map((r) => r.id);
        return ids.indexOf('newer') < ids.indexOf('older');
      }),
      { numRuns: 1000 },
    );
  });

  it('is a permutation-independent, bounded ordering', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }), fc.integer({ min: 0, max: 15 }), (ages, limit) => {
        const memories = ages.map((d, i) => memory(`m${i}`, d, { type: i % 2 ? 'issue' : 'factual' }));
        const a = rankMemories(memories, { ...rules, limit }, NOW).map((m) => m.id);
        const b = rankMemories([...memories].reverse(), { ...rules, limit }, NOW).map((m) => m.id);
        return a.length === Math.min(limit, memories.length) && JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });
});

describe('the newer value wins beyond metadata', () => {
  it('recognises a value as said, and an amount however it is said', () => {
    expect(mentionsValue('About forty-five thousand dollars, and we start in September.', '$45,000')).toBe(true);
    expect(mentionsValue('we have 45k put aside', '$45,000')).toBe(true);
    expect(mentionsValue('we have 60k put aside', '$45,000')).toBe(false);
    expect(mentionsValue('we would like to start in September', 'in September (2026-09-01)')).toBe(true);
    expect(mentionsValue('delivered to 14 Elm Street, Cardiff, in the porch', '14 Elm Street, Cardiff')).toBe(true);
    // A value that is mostly words is recognised by its words only.
    expect(mentionsValue('we have 14 boxes', '14 Elm Street, Cardiff')).toBe(false);
  });

  it('ranks a memory that mentions a replaced value (and not the current one) below the current one', () => {
    const old = memory('old-address', 100, { metadata: { field: 'delivery_address', delivery_address: '14 Elm Street, Cardiff' } });
    const fresh = memory('new-address', 10, { metadata: { field: 'delivery_address', delivery_address: '9 Kingfisher Close, Penarth' } });
    const summary = memory('old-summary', 100, { text: 'Set up a weekly box delivered to 14 Elm Street, Cardiff.', score: 0.9 });
    const both = memory('both', 10, { text: 'Moved from 14 Elm Street, Cardiff to 9 Kingfisher Close, Penarth.', score: 0.5 });
    const ranked = rankMemories([summary, old, fresh, both], { ...rules, supersededFactor: 0.3, mentions: mentionsValue }, NOW).map(
      (m) => m.id,
    );
    expect(ranked.indexOf('both')).toBeLessThan(ranked.indexOf('old-summary'));
    const current = new Map([['delivery_address', '9 Kingfisher Close, Penarth']]);
    const replaced = new Map([['delivery_address', ['14 Elm Street, Cardiff']]]);
    expect(aboutReplacedValue(summary, current, replaced)).toBe(true);
    expect(aboutReplacedValue(both, current, replaced)).toBe(false);
  });

  it('a value stated beside the current one in the same call is not replaced by it', () => {
    const lead = memory('lead', 5, { metadata: { conversation_id: 'c2', timeline: 'the sixteenth of October' }, score: 0.2 });
    const said = memory('said', 5, { metadata: { conversation_id: 'c2', timeline: 'in November' }, score: 0.5 });
    const older = memory('older', 40, { metadata: { conversation_id: 'c1', timeline: 'in March' }, score: 0.5 });
    const ranked = rankMemories([lead, said, older], { ...rules, supersededFactor: 0.4 }, NOW);
    const score = (id: string) => ranked.find((m) => m.id === id)?.rankScore ?? 0;
    expect(score('said')).toBeCloseTo(0.5 * 1.5);
    expect(score('older')).toBeCloseTo(0.5 * 0.4);
  });

  it('a memory whose answering sentence is not about a replaced thing ranks less far below', () => {
    const replacing = memory('replacing', 5, {
      metadata: { replaced: 'sixty' },
      text: "Now it's seventy-five guests, not sixty.",
      score: 0.2,
    });
    const passage = memory('halal', 30, {
      text: 'Sixty guests. And everything has to be halal.',
      passage: 'And everything has to be halal.',
      score: 0.5,
    });
    const whole = memory('count', 30, { text: 'Sixty guests. And everything has to be halal.', passage: 'Sixty guests.', score: 0.5 });
    const ranked = rankMemories([replacing, passage, whole], { ...rules, supersededFactor: 0.4 }, NOW);
    const score = (id: string) => ranked.find((m) => m.id === id)?.rankScore ?? 0;
    expect(score('halal')).toBeCloseTo(0.5 * Math.sqrt(0.4));
    expect(score('count')).toBeCloseTo(0.5 * 0.4);
  });

  it('a field restating another field’s replaced value keeps only its other parts', () => {
    const fields = { budget: '$60,000', interests: 'solar roof for his farmhouse, budget about $45,000, start in September' };
    const superseded = { budget: ['$45,000'], timeline: ['in September (2026-09-01)'] };
    expect(withoutSuperseded(fields, superseded, mentionsValue)).toEqual({ budget: '$60,000', interests: 'solar roof for his farmhouse' });
    expect(withoutSuperseded({ interests: 'budget about $45,000' }, superseded)).toEqual({});
    // The light default (the call-start path) recognises a value as said only.
    expect(withoutSuperseded({ interests: 'about forty-five thousand dollars' }, superseded)).toEqual({
      interests: 'about forty-five thousand dollars',
    });
    expect(withoutSuperseded({ interests: 'about forty-five thousand dollars' }, superseded, mentionsValue)).toEqual({});
  });
});
