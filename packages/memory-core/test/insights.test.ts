import type { Memory } from '../src';
import { engagementLevel, topicsOf, userInsights } from '../src';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

function m(
  id: string,
  conv: string,
  daysOld: number,
  text: string,
  type: Memory['type'] = 'factual',
  expiresInDays: number | null = 365,
): Memory {
  return {
    id,
    text,
    type,
    createdAt: new Date(NOW - daysOld * DAY).toISOString(),
    expiresAt: expiresInDays === null ? null : new Date(NOW + expiresInDays * DAY).toISOString(),
    metadata: { conversation_id: conv },
  };
}

describe('userInsights', () => {
  it('counts types, calls, topics, trend and dates', () => {
    const memories = [
      m('1', 'c1', 50, 'Disputed a charge on the invoice', 'issue'),
      m('2', 'c2', 10, 'Router problem, technician booked', 'issue'),
      m('3', 'c3', 2, 'Asked about the invoice payment date'),
      m('4', 'c3', 2, 'Prefers email contact', 'semantic'),
      m('5', 'c0', 5, 'expired', 'factual', -1),
    ];
    const insights = userInsights(memories, NOW);
    expect(insights).toMatchObject({
      total_memories: 4,
      conversations: 3,
      memory_types: { issue: 2, factual: 1, semantic: 1 },
      engagement_level: 'medium',
      trend: 'increasing',
      date_range: { start: new Date(NOW - 50 * DAY).toISOString(), end: new Date(NOW - 2 * DAY).toISOString() },
      last_interaction: new Date(NOW - 2 * DAY).toISOString(),
    });
    expect(insights.top_topics[0]).toEqual({ topic: 'billing', count: 2 });
  });

  it('says so when there is nothing', () => {
    expect(userInsights([], NOW)).toMatchObject({
      total_memories: 0,
      engagement_level: 'none',
      trend: 'insufficient_data',
      last_interaction: null,
    });
  });

  it('grades engagement from calls and recency', () => {
    expect(engagementLevel(1, 0)).toBe('low');
    expect(engagementLevel(3, 0)).toBe('medium');
    expect(engagementLevel(3, 3)).toBe('high');
    expect(engagementLevel(7, 0)).toBe('high');
    expect(topicsOf('my password and my bill')).toEqual(['billing', 'account']);
  });

  it('sees a decreasing trend when recent calls are fewer', () => {
    const insights = userInsights([m('1', 'a', 40, 'x'), m('2', 'b', 45, 'y'), m('3', 'c', 5, 'z')], NOW);
    expect(insights.trend).toBe('decreasing');
  });
});
