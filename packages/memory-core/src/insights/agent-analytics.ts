/** What the worker writes for every ingested conversation (append-only, one blob per conversation). */
export interface ConversationRecord {
  readonly conversation_id: string;
  readonly caller_key: string;
  readonly agent_type: string;
  readonly provider: string;
  /** ISO-8601 UTC of the call. */
  readonly at: string;
  readonly memories: number;
  readonly memory_types: Readonly<Record<string, number>>;
  readonly topics: readonly string[];
  /** Names of the fields extracted from this call. */
  readonly fields: readonly string[];
  /** Whether the caller had called before this conversation. */
  readonly returning: boolean;
  /** The caller's number masked to its last four digits (`***0123`); absent in records written before it existed. */
  readonly caller?: string;
  /** Where each extracted field came from: `data_collection`, `transcript` or `summary` (absent in older records). */
  readonly field_sources?: Readonly<Record<string, string>>;
  /**
   * What of the call was lost at ingestion (empty when nothing was): `fields_dropped` — values out
   * of range or of the wrong type, dropped or truncated (named in `dropped_fields`, at most 20).
   * Absent in older records.
   */
  readonly degraded?: readonly string[];
  readonly dropped_fields?: readonly string[];
}

export interface AgentAnalytics {
  readonly agent_type: string;
  readonly from: string;
  readonly to: string;
  readonly conversations: number;
  readonly callers: number;
  readonly memories: number;
  readonly memories_per_caller: number;
  /** Share of conversations from callers who had called before (0–1). */
  readonly returning_caller_rate: number;
  readonly top_topics: readonly { readonly topic: string; readonly count: number }[];
  readonly extracted_fields: readonly { readonly field: string; readonly count: number }[];
  readonly conversations_per_day: Readonly<Record<string, number>>;
}

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Real numbers for an agent type over a period, from the per-conversation records. */
export function agentAnalytics(agentType: string, from: string, to: string, records: readonly ConversationRecord[]): AgentAnalytics {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const inPeriod = records.filter((r) => r.agent_type === agentType && Date.parse(r.at) >= start && Date.parse(r.at) < end);
  const byConversation = new Map<string, ConversationRecord>();
  for (const r of inPeriod) byConversation.set(r.conversation_id, r);
  const conversations = [...byConversation.values()];
  const callers = new Set(conversations.map((r) => r.caller_key));
  const topics = new Map<string, number>();
  const fields = new Map<string, number>();
  const perDay: Record<string, number> = {};
  let memories = 0;
  let returning = 0;
  for (const r of conversations) {
    memories += r.memories;
    if (r.returning) returning += 1;
    for (const t of new Set(r.topics)) topics.set(t, (topics.get(t) ?? 0) + 1);
    for (const f of new Set(r.fields)) fields.set(f, (fields.get(f) ?? 0) + 1);
    const day = r.at.slice(0, 10);
    perDay[day] = (perDay[day] ?? 0) + 1;
  }
  return {
    agent_type: agentType,
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    conversations: conversations.length,
    callers: callers.size,
    memories,
    memories_per_caller: callers.size === 0 ? 0 : round(memories / callers.size),
    returning_caller_rate: conversations.length === 0 ? 0 : round(returning / conversations.length),
    top_topics: top(topics, 5).map(([topic, count]) => ({ topic, count })),
    extracted_fields: top(fields, 20).map(([field, count]) => ({ field, count })),
    conversations_per_day: perDay,
  };
}

/** The UTC days (YYYY-MM-DD) a period touches, oldest first. */
export function daysOf(from: string, to: string, maxDays = 366): string[] {
  const days: string[] = [];
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(to);
  for (let t = start; t < end && days.length < maxDays; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
