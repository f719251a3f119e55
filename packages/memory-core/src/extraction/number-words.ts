/**
 * Spoken English numbers → digits: "thirty-two thousand" → 32000, "eighteen thousand five
 * hundred" → 18500, "twelve hundred" → 1200, "two and a half million" → 2500000, "a couple
 * hundred" → 200. English number words are a closed class with a small grammar; a parser is exact
 * where libraries measured on the evaluation set were not (see the README).
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1_000,
  grand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
};

/** The cardinal number words, one to nineteen, the tens, hundred and thousand (no "zero", "oh" or misspellings). */
export const CARDINAL_WORDS: readonly string[] = [
  ...Object.keys(UNITS).filter((w) => w !== 'zero' && w !== 'oh'),
  ...Object.keys(TENS).filter((w) => w !== 'fourty'),
  'hundred',
  'thousand',
];

/** Whether a lower-case word says one digit, as numbers and codes are read out ("oh", "seven", "double"). */
export function isSpokenDigit(word: string): boolean {
  return (word in UNITS && (UNITS[word] as number) < 10) || word === 'double';
}

/** Whether a lower-case word can take part in a spoken number. */
function isNumberWord(word: string): boolean {
  return (
    word in UNITS ||
    word in TENS ||
    word in SCALES ||
    word === 'and' ||
    word === 'a' ||
    word === 'half' ||
    word === 'couple' ||
    word === 'of'
  );
}

/**
 * Parses a run of number words (already split, lower case); returns the value and how many words
 * it used, or null when the run does not start with a number.
 */
export function parseNumberWords(words: readonly string[]): { value: number; used: number } | null {
  let total = 0;
  let group = 0;
  let used = 0;
  let seenNumber = false;
  let pendingHalf = false;
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i] ?? '';
    const next = words[i + 1] ?? '';
    if (w in UNITS) {
      group += UNITS[w] as number;
      seenNumber = true;
    } else if (w in TENS) {
      group += TENS[w] as number;
      seenNumber = true;
    } else if (w in SCALES) {
      const scale = SCALES[w] as number;
      if (!seenNumber) group = 1;
      if (pendingHalf) {
        group += 0.5;
        pendingHalf = false;
      }
      if (scale === 100) group *= 100;
      else {
        total += group * scale;
        group = 0;
      }
      seenNumber = true;
    } else if ((w === 'a' || w === 'an') && !seenNumber && (next in SCALES || next === 'couple' || next === 'half')) {
      group = next === 'couple' || next === 'half' ? 0 : 1;
    } else if (w === 'couple' && !seenNumber) {
      group = 2;
      seenNumber = true;
      if (next === 'of') i += 1;
    } else if (w === 'half' && !seenNumber && (words[i + 1] === 'a' || words[i + 1] === 'an') && (words[i + 2] ?? '') in SCALES) {
      // "half a million"
      const scale = SCALES[words[i + 2] as string] as number;
      total += scale / 2;
      i += 2;
      used = i + 1;
      seenNumber = true;
      continue;
    } else if (w === 'and' && seenNumber && (next in UNITS || next in TENS || next === 'a')) {
      if (next === 'a' && words[i + 2] === 'half') {
        pendingHalf = true;
        i += 2;
      }
    } else break;
    used = i + 1;
  }
  if (!seenNumber) return null;
  return { value: total + group + (pendingHalf ? 0.5 : 0), used };
}

/**
 * Rewrites spoken numbers in a sentence as digits ("thirty-two thousand dollars" →
 * "32000 dollars", "27 thousand" → "27000", "1.5 million" → "1500000"); other text is kept.
 */
export function digitsForNumberWords(text: string): string {
  const tokens = text.split(/(\s+)/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (/^\s+$/.test(token) || token.length === 0) {
      out.push(token);
      continue;
    }
    // Collect the following word tokens (hyphens split: "thirty-two").
    const words: { word: string; index: number; trailing: string }[] = [];
    for (let j = i; j < tokens.length && words.length < 14; j += 2) {
      const raw = tokens[j] ?? '';
      const m = /^([A-Za-z]+(?:-[A-Za-z]+)*)([.,!?;:)]*)$/.exec(raw);
      if (!m) break;
      const parts = (m[1] ?? '').toLowerCase().split('-');
      for (const [k, p] of parts.entries()) words.push({ word: p, index: j, trailing: k === parts.length - 1 ? (m[2] ?? '') : '' });
      if (m[2]) break;
    }
    // "27 thousand", "1.5 million", "18 grand"
    const digitScale = /^([$£€¥]?)(\d+(?:[.,]\d+)?)$/.exec(token);
    const nextWord = (tokens[i + 2] ?? '').toLowerCase().replace(/[.,!?;:)]+$/, '');
    if (digitScale && (nextWord === 'thousand' || nextWord === 'million' || nextWord === 'billion' || nextWord === 'grand')) {
      const value = Number.parseFloat((digitScale[2] ?? '').replace(',', '.')) * (SCALES[nextWord] as number);
      const trailing = /[.,!?;:)]+$/.exec(tokens[i + 2] ?? '')?.[0] ?? '';
      out.push(`${digitScale[1] ?? ''}${Math.round(value)}${trailing}`);
      i += 2;
      continue;
    }
    const first = words[0]?.word ?? '';
    // A number starts with a digit word, "a"/"an" or "couple" — never with a bare scale ("million", "grand").
    if (words.length === 0 || !isNumberWord(first) || first === 'and' || first === 'of' || first === 'half' || first in SCALES) {
      out.push(token);
      continue;
    }
    const parsed = parseNumberWords(words.map((w) => w.word));
    // "a" alone, "one" alone as a pronoun ("the one I bought"): only real numbers are rewritten.
    if (!parsed || (parsed.used === 1 && (first === 'a' || first === 'an' || first === 'one' || first === 'oh'))) {
      out.push(token);
      continue;
    }
    let used = parsed.used;
    // Trailing "and"/"a"/"of" are not part of the number.
    while (used > 0 && ['and', 'a', 'an', 'of'].includes(words[used - 1]?.word ?? '')) used -= 1;
    const last = words[used - 1];
    if (!last) {
      out.push(token);
      continue;
    }
    const lastToken = tokens[last.index] ?? '';
    const lastParts = lastToken.replace(/[.,!?;:)]+$/, '').split('-');
    const consumedWholeToken = words.filter((w) => w.index === last.index).length === lastParts.length;
    if (!consumedWholeToken) {
      out.push(token);
      continue;
    }
    out.push(`${parsed.value}${last.trailing}`);
    i = last.index;
  }
  return out.join('');
}
