import type { Memory } from '../domain/memory';
import { singleLine } from './template';

export interface SearchAnswer {
  readonly count: number;
  /** One line the agent's LLM can read aloud or reason over. */
  readonly result: string;
  readonly memories: readonly { readonly text: string; readonly type: string; readonly date: string }[];
}

/** The answer to a mid-call memory search: a few memories, single-line texts, dated. */
export function buildSearchAnswer(memories: readonly Memory[]): SearchAnswer {
  const items = memories.map((m) => ({ text: singleLine(m.text, 300), type: m.type, date: m.createdAt.slice(0, 10) }));
  const result =
    items.length === 0
      ? 'No relevant memories found for this caller.'
      : singleLine(items.map((m) => `(${m.date}) ${m.text}`).join(' | '), 1500);
  return { count: items.length, result, memories: items };
}
