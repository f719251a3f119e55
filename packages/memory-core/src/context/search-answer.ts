import type { Memory } from '../domain/memory';
import { singleLine } from './template';

export interface SearchAnswer {
  readonly count: number;
  /** One line the agent's LLM can read aloud or reason over. */
  readonly result: string;
  readonly memories: readonly { readonly text: string; readonly type: string; readonly date: string; readonly fallback?: true }[];
  /** True when nothing matched the question and the memories are the caller's most relevant recent ones instead. */
  readonly fallback?: true;
}

/** How much of one memory an answer shows. */
const MEMORY_CHARS = 500;

/**
 * A memory's text within `max` characters. A longer one (a platform summary of a long call) keeps
 * the sentence that answered the query — the store's `passage` — and its opening sentence (who
 * called, what about) when both fit, then the sentences after the passage, in their order, gaps
 * marked "…": never the opening alone when the answer is further on.
 */
export function excerpt(text: string, passage: string | undefined, max: number): string {
  const line = singleLine(text, Number.MAX_SAFE_INTEGER);
  if (line.length <= max) return line;
  const sentences = line.split(/(?<=[.!?]["'”’)]*)\s+/u);
  const answer = passage ? singleLine(passage, Number.MAX_SAFE_INTEGER) : null;
  const at = answer ? sentences.findIndex((s) => s.includes(answer)) : -1;
  if (at <= 0) return singleLine(line, max);
  const chosen = new Set([at]);
  const length = () => [...chosen].reduce((n, i) => n + (sentences[i]?.length ?? 0) + 3, 0);
  for (const i of [0, ...sentences.keys()].filter((i) => i > at || i === 0)) {
    chosen.add(i);
    if (length() > max) chosen.delete(i);
  }
  const order = [...chosen].sort((a, b) => a - b);
  const parts = order.map((i, k) => (k > 0 && i !== (order[k - 1] as number) + 1 ? `… ${sentences[i]}` : sentences[i]));
  const shown = `${parts.join(' ')}${(order.at(-1) as number) < sentences.length - 1 ? ' …' : ''}`;
  return singleLine(shown, max);
}

/**
 * The answer to a mid-call memory search: a few memories, single-line texts, dated. When the
 * store found nothing that matches and returned recent memories instead, the answer says so (and
 * marks them), so the agent never takes them for an answer.
 */
export function buildSearchAnswer(memories: readonly Memory[]): SearchAnswer {
  const items = memories.map((m) => ({
    text: excerpt(m.text, m.passage, MEMORY_CHARS),
    type: m.type,
    date: m.createdAt.slice(0, 10),
    ...(m.fallback === true ? { fallback: true as const } : {}),
  }));
  const allFallback = items.length > 0 && items.every((m) => m.fallback === true);
  const lines = singleLine(items.map((m) => `(${m.date}) ${m.text}`).join(' | '), 1500);
  const result =
    items.length === 0
      ? 'No relevant memories found for this caller.'
      : allFallback
        ? singleLine(`No memory matches this question. Most relevant recent memories (not an answer): ${lines}`, 1500)
        : lines;
  return { count: items.length, result, memories: items, ...(allFallback ? { fallback: true as const } : {}) };
}
