/** Longest piece of one text that rule-based extraction looks at (bounds the work per turn). */
export const MAX_TEXT_CHARS = 4000;

export function clip(text: string, max = MAX_TEXT_CHARS): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** Collapses whitespace and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Splits into sentences on `.`, `!`, `?` followed by space or end (keeps decimals like 1.5 whole). */
export function sentences(text: string): string[] {
  return squash(clip(text))
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'“])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Trims a captured phrase: whitespace, trailing punctuation and filler, a leading article. */
export function tidyPhrase(phrase: string, maxLength = 80): string {
  let out = squash(phrase)
    .replace(/^(?:a|an|the|some)\s+/i, '')
    .replace(/[\s,;:.!?-]+$/, '')
    .replace(/\s+(?:please|thanks|thank you|though|too|as well)$/i, '');
  if (out.length > maxLength) {
    const cut = out.slice(0, maxLength);
    const space = cut.lastIndexOf(' ');
    out = space > maxLength / 2 ? cut.slice(0, space) : cut;
  }
  return out;
}

/** Words that follow "I'm"/"this is" capitalised but are not names. */
const NOT_NAMES = new Set(
  (
    "a an the i im i'm it its yes no not just so very really well hi hello hey thanks thank sorry sure okay ok fine good great " +
    'calling looking trying having still interested wondering happy glad afraid here there back done ready available busy ' +
    'going getting from with in on at about also actually only never always maybe perhaps please mr mrs ms dr sir madam ' +
    'customer caller user agent client support sales team and or but if because when what who how why where which ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december today tomorrow yesterday english spanish french german'
  ).split(' '),
);

export function isLikelyName(word: string): boolean {
  return word.length >= 2 && !NOT_NAMES.has(word.toLowerCase());
}

/**
 * After a case-insensitive lead-in (`my name is`, `I work at`…), reads one to `maxWords`
 * capitalised words. Returns null when the next word is not capitalised or is a common word.
 */
export function capitalisedWordsAfter(text: string, leadIn: RegExp, maxWords: number): string | null {
  const flags = leadIn.flags.includes('g') ? leadIn.flags : `${leadIn.flags}g`;
  const re = new RegExp(leadIn.source, flags);
  for (const match of clip(text).matchAll(re)) {
    const rest = text.slice((match.index ?? 0) + match[0].length);
    const words: string[] = [];
    for (const token of rest.split(/\s+/).slice(0, maxWords)) {
      const word = token.replace(/[.,!?;:"”)]+$/, '');
      if (!/^[A-Z][A-Za-z'’&.-]*[A-Za-z]$/.test(word) || !isLikelyName(word)) break;
      words.push(word);
      if (word !== token) break;
    }
    if (words.length > 0) return words.join(' ');
  }
  return null;
}

/** A text as a regular expression that matches it literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a text mentions a phrase as words (a plural too: "emails" mentions "email"; "Energy" only as a name). */
export function mentionsPhrase(text: string, phrase: string): boolean {
  // A name is matched as written ("Energy" of "Northwind Energy" is not the word energy); a word in any case.
  const flags = /^\p{Lu}/u.test(phrase) ? 'u' : 'iu';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(phrase)}(?:s|es)?(?![\\p{L}\\p{N}])`, flags).test(text);
}
