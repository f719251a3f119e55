const COUNT = String.raw`(?:\d{1,3}|a few|a couple(?: of)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty)`;
const UNIT = '(?:day|week|month|year|quarter)s?';
export const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
export const SEASONS = 'spring|summer|fall|autumn|winter';
const QUARTER = '(?:q[1-4]|(?:the )?(?:first|second|third|fourth|last) quarter)';
const PERIODS = `(?:the )?end of (?:the |this |next )?(?:week|month|year|quarter)|(?:next|this|the coming) (?:week|month|year|quarter|${SEASONS})|${QUARTER}|${SEASONS}|christmas|the holidays|new year`;

const WITHIN = new RegExp(
  String.raw`\b(?:within|in|over)\s+(?:the\s+next\s+|the\s+coming\s+|about\s+|around\s+|roughly\s+|like\s+)?${COUNT}[\s-]${UNIT}\b`,
  'i',
);
const SPAN_TIMELINE = new RegExp(String.raw`\b(?:an?\s+)?${COUNT}[\s-]${UNIT}\s+(?:timeline|timeframe|time frame|window|deadline)\b`, 'i');
const TIMELINE_IS = new RegExp(
  String.raw`\b(?:timeline|timeframe|time frame|deadline)\s+(?:is|of)\s+(?:about\s+|around\s+|roughly\s+)?${COUNT}\s+${UNIT}\b`,
  'i',
);
const BY = new RegExp(
  String.raw`\b(?:by|before|until|till|no later than|ahead of)\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?:${MONTHS})\b(?:\s+\d{4})?|${PERIODS}|(?:19|20)\d{2})\b`,
  'i',
);
const END_PHRASE = /\b(?:the )?end of (?:the |this |next )?(?:week|month|year|quarter)\b/i;
const IN_QUARTER = new RegExp(String.raw`\b(?:in|during|sometime in|for|around)\s+(?:the\s+)?${QUARTER}\b`, 'i');
const RELATIVE = new RegExp(String.raw`\b(?:next|this|the coming)\s+(?:week|month|year|quarter|${SEASONS})\b`, 'i');
const SEASON = new RegExp(String.raw`\b(?:in\s+(?:the\s+)?)?(?:${SEASONS})\b`, 'i');
const IN_MONTH = new RegExp(String.raw`\b(?:in|for|around)\s+(?:${MONTHS})\b`, 'i');
const INTENT =
  /\b(need|needs|want|wants|install|installed|start|purchase|buy|decide|decision|timeline|deadline|looking to|hoping|plan|planning|ready|launch|move|switch|done|finished|finish|travel|book|sign|get it|have it)\b/i;

/** The ordinal words of the first twenty days of a month (the twenties and thirties are built on the first nine). */
export const DAY_ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
] as const;
const ORDINAL_WORDS = `(?:twenty[- ]|thirty[- ])?(?:${DAY_ORDINALS.slice(0, 9).join('|')})|${DAY_ORDINALS.slice(9).join('|')}|thirtieth`;
/** A day of a month: "Saturday the eighth of August", "the 3rd of July", "24 July", "August 21st". */
const DAY_OF_MONTH = new RegExp(
  String.raw`\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?(?:(?:[12]?\d|3[01])(?:st|nd|rd|th)?|${ORDINAL_WORDS})\s+(?:of\s+)?(?:${MONTHS})\b(?!\s+(?:be|have|not|need|want|take|get|go|come|i|we|you|he|she|they)\b)|\b(?:${MONTHS})\s+(?:the\s+)?(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\s*(?:of us|people|guests|\d|%|percent|pounds|quid|dollars|euros))`,
  'i',
);

/** "start in September", "have it installed in May": a month said a few words after an intent word. */
const INTENT_MONTH = new RegExp(`${INTENT.source}(?:\\s+[\\p{L}'’]+){0,3}?\\s+((?:in|for|around)\\s+(?:${MONTHS}))\\b`, 'iu');

/**
 * Finds a purchase/decision timeline in a sentence, as said: `within two months`, `by March`,
 * `by the end of the year`, `sometime in Q1`, `before next summer`, `this fall` (beside intent
 * words, or anywhere when the sentence answers the agent's "when?").
 */
export function findTimeline(sentence: string, answersWhen = false): string | null {
  // The first timeline said in the sentence ("in Q1, before the spring lets start" → "in Q1").
  const found = [WITHIN, SPAN_TIMELINE, TIMELINE_IS, BY, IN_QUARTER, END_PHRASE]
    .map((re) => re.exec(sentence))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (found) return found[0].trim();
  if (answersWhen || INTENT.test(sentence)) {
    const m =
      (answersWhen ? DAY_OF_MONTH.exec(sentence) : null) ??
      RELATIVE.exec(sentence) ??
      SEASON.exec(sentence) ??
      (answersWhen ? IN_MONTH.exec(sentence) : null);
    if (m) return m[0].trim();
    const month = INTENT_MONTH.exec(sentence);
    if (month?.[2]) return month[2].trim();
  }
  return null;
}
