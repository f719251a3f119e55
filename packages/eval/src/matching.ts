import type { Expected } from './eval-types';

/** Lower case, no diacritics, single spaces: how expected strings are compared with replies. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function alternatives(expected: Expected): readonly string[] {
  return typeof expected === 'string' ? [expected] : expected;
}

/** Whether `text` contains any of the expected strings (folded). */
export function containsAny(text: string, expected: Expected): boolean {
  const haystack = fold(text);
  return alternatives(expected).some((e) => haystack.includes(fold(e)));
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'mx', 'sir', 'madam']);

function nameTokens(name: string): string[] {
  return fold(name)
    .split(/[\s.]+/)
    .filter((t) => t.length > 0 && !TITLES.has(t));
}

export type NameVerdict = 'correct' | 'missing' | 'wrong';

/**
 * How the name shown as the caller's compares with the expected one. `wrong`: a name is shown
 * that is not (part of) the caller's — the agent's, someone else's, a misheard one. `missing`: no
 * name, or the right name badly cased or incomplete. Titles (Mr., Ms.…) are ignored.
 */
export function judgeName(shown: string, expected: string | null): NameVerdict {
  const shownTokens = nameTokens(shown);
  if (expected === null) return shownTokens.length === 0 ? 'correct' : 'wrong';
  if (shownTokens.length === 0) return 'missing';
  const expectedTokens = nameTokens(expected);
  if (!shownTokens.every((t) => expectedTokens.includes(t))) return 'wrong';
  const strip = (n: string) =>
    n
      .split(/\s+/)
      .filter((w) => !TITLES.has(fold(w).replace(/\.$/, '')))
      .join(' ');
  return strip(shown.trim()) === strip(expected) ? 'correct' : 'missing';
}
