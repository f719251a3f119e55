const NUMBER_WORDS: Readonly<Record<string, string>> = {
  a: '1',
  an: '1',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  'a few': 'a few',
  'a couple of': '2',
  'a couple': '2',
};
const COUNT = String.raw`(\d{1,3}|a few|a couple(?: of)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const UNIT = '(day|week|month|year|quarter)s?';
const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const PERIODS =
  '(?:the )?end of (?:the )?(?:week|month|year|quarter)|next (?:week|month|year|quarter|spring|summer|fall|autumn|winter)|this (?:week|month|year|quarter|spring|summer|fall|autumn|winter)|q[1-4]|spring|summer|fall|autumn|winter|christmas|the holidays';

const MONTH_WORD = new RegExp(String.raw`\b(?:${MONTHS})\b`, 'i');
const WITHIN = new RegExp(
  String.raw`\b(within|in|over)\s+(?:the\s+next\s+|the\s+coming\s+|about\s+|around\s+|roughly\s+)?${COUNT}\s+${UNIT}\b`,
  'i',
);
const BY = new RegExp(String.raw`\bby\s+(?:the\s+)?(?:end\s+of\s+)?((?:${MONTHS})\b(?:\s+\d{4})?|${PERIODS}|\d{4})\b`, 'i');
const SPAN_TIMELINE = new RegExp(String.raw`\b${COUNT}[\s-]${UNIT}\s+(?:timeline|timeframe|time frame|window|deadline)\b`, 'i');
const TIMELINE_IS = new RegExp(
  String.raw`\b(?:timeline|timeframe|time frame|deadline)\s+(?:is|of)\s+(?:about\s+|around\s+|roughly\s+)?${COUNT}\s+${UNIT}\b`,
  'i',
);
const RELATIVE = /\b(next|this)\s+(week|month|year|quarter|spring|summer|fall|autumn|winter)\b/i;
const INTENT =
  /\b(need|needs|want|wants|install|installed|start|purchase|buy|decide|decision|timeline|deadline|looking to|hoping|plan|planning|ready|launch|move|switch)\b/i;

function count(word: string): string {
  return NUMBER_WORDS[word.toLowerCase()] ?? word;
}

function plural(n: string, unit: string): string {
  return n === '1' ? unit : `${unit}s`;
}

/**
 * Finds a purchase/decision timeline in a sentence: `within 3 months`, `in two weeks`,
 * `by March`, `by the end of the year`, `a 3 month timeline`, `next quarter` (beside intent words).
 */
export function findTimeline(sentence: string): string | null {
  const within = WITHIN.exec(sentence);
  if (within) {
    const [, prep = 'within', n = '', unit = ''] = within;
    const p = /\b(?:next|coming)\b/i.test(within[0]) ? 'within' : prep.toLowerCase();
    const c = count(n);
    return `${p} ${c} ${plural(c, unit.toLowerCase())}`;
  }
  const span = SPAN_TIMELINE.exec(sentence) ?? TIMELINE_IS.exec(sentence);
  if (span) {
    const c = count(span[1] ?? '');
    return `within ${c} ${plural(c, (span[2] ?? '').toLowerCase())}`;
  }
  const by = BY.exec(sentence);
  if (by) {
    const target = (by[1] ?? '').replace(/\s+/g, ' ').toLowerCase();
    const pretty = target
      .replace(MONTH_WORD, (m) => `${m.charAt(0).toUpperCase()}${m.slice(1)}`)
      .replace(/^q([1-4])$/, 'Q$1')
      .replace(/^end of/, 'the end of');
    const endOf = /end\s+of/i.test(by[0]) && !target.includes('end of') ? 'the end of ' : '';
    return `by ${endOf}${pretty}`;
  }
  const relative = RELATIVE.exec(sentence);
  if (relative && INTENT.test(sentence)) return `${relative[1]?.toLowerCase()} ${relative[2]?.toLowerCase()}`;
  return null;
}
