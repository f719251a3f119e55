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

/**
 * The answer to a mid-call memory search: a few memories, single-line texts, dated. When the
 * store found nothing that matches and returned recent memories instead, the answer says so (and
 * marks them), so the agent never takes them for an answer.
 */
export function buildSearchAnswer(memories: readonly Memory[]): SearchAnswer {
  const items = memories.map((m) => ({
    text: singleLine(m.text, 300),
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
