import { casual } from 'chrono-node/en';
import { DAY_ORDINALS, MONTHS, SEASONS } from './timeline';

/**
 * Resolving a timeline to a date needs chrono (English relative dates): kept apart from
 * `findTimeline` so code that only finds timelines (call start reading seed facts) never bundles it.
 */
const END_OF = /\b(?:the )?end of (?:the |this )?(week|month|year|quarter)\b/i;

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m, d);
const SEASON_START: Readonly<Record<string, number>> = { spring: 2, summer: 5, fall: 8, autumn: 8, winter: 11 };

/** The first day of the named season on or after `ref` (`next`: of the following occurrence). */
function seasonStart(season: string, ref: Date, next: boolean): number {
  const month = SEASON_START[season] as number;
  const year = ref.getUTCFullYear();
  const thisYears = utc(year, month, 1);
  const inItNow = ref.getUTCMonth() >= month && ref.getUTCMonth() < month + 3;
  if (next) return thisYears > ref.getTime() ? thisYears : utc(year + 1, month, 1);
  if (inItNow || thisYears > ref.getTime()) return thisYears;
  return utc(year + 1, month, 1);
}

/**
 * "Saturday the eighth of August" → "8th of August": the day of the month in digits (chrono reads
 * no ordinal words) and without the weekday before it (chrono would place the weekday alone).
 */
function dayOfMonthAsDigits(phrase: string): string {
  const ordinal = (word: string): string | null => {
    const w = word.toLowerCase().replace(/\s+/g, '-');
    const [tens, unit] = w.includes('-') ? w.split('-') : [null, w];
    const base = (DAY_ORDINALS as readonly string[]).indexOf(unit ?? '') + 1;
    if (base === 0) return w === 'thirtieth' ? '30th' : w === 'twentieth' ? '20th' : null;
    const n = (tens === 'twenty' ? 20 : tens === 'thirty' ? 30 : 0) + base;
    if (n < 1 || n > 31) return null;
    const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
    return `${n}${suffix}`;
  };
  const digits = phrase
    .replace(/\b(?:(twenty|thirty)[\s-])?([a-z]+(?:th|st|nd|rd))\b(?=\s+(?:of\s+)?[a-z])/giu, (m) => ordinal(m) ?? m)
    // "August the 8th" → "8th August".
    .replace(new RegExp(`\\b(${MONTHS})\\s+the\\s+(\\d{1,2}(?:st|nd|rd|th))\\b`, 'iu'), '$2 $1');
  // The weekday before a day of the month only ("Friday the 21st of August"), not before a time ("Tuesday 4pm").
  return digits.replace(
    new RegExp(
      `\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+(?=(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b)`,
      'iu',
    ),
    '',
  );
}

/**
 * The ISO date (YYYY-MM-DD) a timeline points at, resolved against the call's time: quarters and
 * seasons to their first day (northern meteorological seasons), "end of …" to the last day,
 * everything else (relative days, weeks, months, named months, holidays) by chrono's English
 * parser with forward dates. Null when it cannot be placed.
 */
export function resolveTimeline(phrase: string, refMs: number): string | null {
  const ref = new Date(refMs);
  const text = phrase.toLowerCase();
  const year = ref.getUTCFullYear();
  const end = END_OF.exec(text);
  if (end && !/\bnext\b/.test(text)) {
    const unit = end[1];
    if (unit === 'year') return iso(utc(year, 11, 31));
    if (unit === 'month') return iso(utc(year, ref.getUTCMonth() + 1, 1) - DAY_MS);
    if (unit === 'quarter') return iso(utc(year, Math.floor(ref.getUTCMonth() / 3) * 3 + 3, 1) - DAY_MS);
    if (unit === 'week') return iso(refMs + ((7 - ref.getUTCDay()) % 7) * DAY_MS);
  }
  const quarter = /\bq([1-4])\b|\b(first|second|third|fourth) quarter\b/.exec(text);
  if (quarter) {
    const n = quarter[1] ? Number(quarter[1]) : ['first', 'second', 'third', 'fourth'].indexOf(quarter[2] ?? '') + 1;
    const start = utc(year, (n - 1) * 3, 1);
    const endOfQuarter = utc(year, n * 3, 1);
    return iso(endOfQuarter <= refMs ? utc(year + 1, (n - 1) * 3, 1) : start);
  }
  if (/\b(?:next|this|the coming) quarter\b/.test(text)) {
    const q = Math.floor(ref.getUTCMonth() / 3) + (/\bthis\b/.test(text) ? 0 : 1);
    return iso(utc(year + Math.floor(q / 4), (q % 4) * 3, 1));
  }
  const season = new RegExp(`\\b(${SEASONS})\\b`).exec(text);
  if (season) return iso(seasonStart(season[1] as string, ref, /\bnext\b/.test(text)));
  if (/\bchristmas|the holidays\b/.test(text)) return iso(utc(ref.getUTCMonth() === 11 && ref.getUTCDate() > 25 ? year + 1 : year, 11, 25));
  const cased = dayOfMonthAsDigits(phrase).replace(
    new RegExp(`\\b(${MONTHS})\\b`, 'gi'),
    (m) => `${m.charAt(0).toUpperCase()}${m.slice(1).toLowerCase()}`,
  );
  const parsed = casual.parse(cased, { instant: ref, timezone: 0 }, { forwardDate: true })[0];
  return parsed ? iso(parsed.start.date().getTime()) : null;
}

/** A timeline as said plus the ISO date it resolves to: `before next summer (2027-06-01)`. */
export function timelineValue(phrase: string, refMs: number | null): string {
  const date = refMs === null ? null : resolveTimeline(phrase, refMs);
  return date ? `${phrase} (${date})` : phrase;
}
