import type { Memory } from '../domain/memory';
import { isExpired } from '../ranking/memory-ranker';

const DAY_MS = 86_400_000;

const TOPIC_KEYWORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['billing', /\b(bill\w*|payment\w*|charge\w*|cost\w*|price\w*|invoice\w*|refund\w*|budget)\b/i],
  ['technical', /\b(issue|problem|error|bug|broken|not working|crash\w*|wi-?fi|router|connection|firmware)\b/i],
  ['account', /\b(account|login|password|profile|settings|plan|subscription)\b/i],
  ['product', /\b(product|service|feature|order|purchase|system|install\w*)\b/i],
  ['support', /\b(help|support|assist\w*|question|contact\w*|follow.?up|technician)\b/i],
  ['sales', /\b(interested|quote|lead|timeline|decision|deal|proposal)\b/i],
];

export type EngagementLevel = 'none' | 'low' | 'medium' | 'high';
export type Trend = 'increasing' | 'decreasing' | 'stable' | 'insufficient_data';

export interface UserInsights {
  readonly total_memories: number;
  readonly conversations: number;
  readonly memory_types: Readonly<Record<string, number>>;
  readonly top_topics: readonly { readonly topic: string; readonly count: number }[];
  readonly engagement_level: EngagementLevel;
  readonly trend: Trend;
  readonly date_range: { readonly start: string | null; readonly end: string | null };
  readonly last_interaction: string | null;
}

export function topicsOf(text: string): string[] {
  return TOPIC_KEYWORDS.filter(([, re]) => re.test(text)).map(([topic]) => topic);
}

/** Engagement from distinct calls and recency: many calls, or several recent ones, is high. */
export function engagementLevel(conversations: number, recentConversations: number): EngagementLevel {
  if (conversations === 0) return 'none';
  if (conversations >= 6 || recentConversations >= 3) return 'high';
  if (conversations >= 3 || recentConversations >= 2) return 'medium';
  return 'low';
}

/** Insights from a caller's memories at `now`: counts by type, topics, engagement, trend, dates. */
export function userInsights(memories: readonly Memory[], now: number): UserInsights {
  const live = memories.filter((m) => !isExpired(m, now));
  const types: Record<string, number> = {};
  const topics = new Map<string, number>();
  const conversations = new Map<string, number>();
  let recent = 0;
  let previous = 0;
  let start: number | null = null;
  let end: number | null = null;

  for (const memory of live) {
    types[memory.type] = (types[memory.type] ?? 0) + 1;
    for (const topic of topicsOf(memory.text)) topics.set(topic, (topics.get(topic) ?? 0) + 1);
    const created = Date.parse(memory.createdAt);
    if (Number.isNaN(created)) continue;
    start = start === null ? created : Math.min(start, created);
    end = end === null ? created : Math.max(end, created);
    const conversation = typeof memory.metadata.conversation_id === 'string' ? memory.metadata.conversation_id : memory.id;
    conversations.set(conversation, Math.max(conversations.get(conversation) ?? 0, created));
  }
  for (const at of conversations.values()) {
    const age = now - at;
    if (age <= 30 * DAY_MS) recent += 1;
    else if (age <= 60 * DAY_MS) previous += 1;
  }
  const trend: Trend =
    conversations.size < 2 ? 'insufficient_data' : recent > previous ? 'increasing' : recent < previous ? 'decreasing' : 'stable';
  return {
    total_memories: live.length,
    conversations: conversations.size,
    memory_types: types,
    top_topics: [...topics.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([topic, count]) => ({ topic, count })),
    engagement_level: engagementLevel(conversations.size, recent),
    trend,
    date_range: {
      start: start === null ? null : new Date(start).toISOString(),
      end: end === null ? null : new Date(end).toISOString(),
    },
    last_interaction: end === null ? null : new Date(end).toISOString(),
  };
}
