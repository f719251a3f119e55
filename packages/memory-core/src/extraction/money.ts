import { digitsForNumberWords } from './number-words';

const CONTEXT =
  /\b(budget|spend|spending|afford|pay|paying|price|cost|costs|around|about|roughly|approximately|up to|max|maximum|under|below|less than|no more than|looking at|range|between|set aside|put aside|available|closer to|hoping for|tops|go over|go above|stretch to|all in)\b/i;
const UNIT_AFTER =
  /^\s*(?:%|percent|months?|years?|days?|weeks?|hours?|minutes?|miles?|km|kilomet|users?|people|guests|attendees|covers|tickets|copies|boxes|bags|bricks|employees|staff|seats|sq|square|kw|kwh|watts?|gb|mb|times|vans?|cars?|trucks?|desks?|windows?|units?|singers?|passengers?|rooms?|bedrooms?|kids?|children|pieces?|items?|bulbs?|devices?)\b/i;
/** Someone else's amount: a competitor's quote, a partner's salary, what a neighbour paid. */
const OTHERS_AMOUNT =
  /\b(?:(?:my|his|her|our|their|the)\s+(?!husband|wife|partner|fianc)[a-z-]+\s+(?:said|says|reckons|reckoned|thinks|thought|reckon)|(?:i|we)\s+(?:paid|spent)|(?:he|she|they|someone|everyone|people)\s+(?:said|says|reckons|reckoned|told me)|quoted?|quotes|quotation|competitor|another (?:company|supplier|firm|shop|dealer)|other (?:company|supplier|firm|shop|dealer|quote)|neighbou?rs? (?:paid|spent|got)|(?:earns?|makes?|salary|income|paid him|paid her|wage)|(?:he|she|they) (?:paid|spent)|charged (?:him|her|them))\b/i;
/** Words that make an amount the caller's limit. */
const LIMIT_WORDS = /\b(?:budget|afford|spend|spending|max|maximum|limit|no more than|up to)\b/i;
/** An amount paid up front ("put down £3,000", "£500 as a deposit"). */
const DEPOSIT_BEFORE = /\b(?:deposit|down ?payment|put(?:ting)? down|upfront|up front)\b/i;
const DEPOSIT_AFTER =
  /^\s*(?:[$£€¥]|dollars|pounds|euros?|quid)?\s*(?:as\s+(?:a|the|my)\s+|for\s+(?:a|the)\s+)?(?:deposit|down ?payment|up ?front)\b/i;
const AMOUNT =
  /([$£€¥])?\s?(\d{1,3}(?:[,.  ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)\s?(k|thousand|grand|m|mm|million)?\b\s?(dollars|usd|bucks|pounds|quid|gbp|euros?|eur|yen|jpy|€|£|¥)?/gi;

/** What may follow a bare amount given as a budget: the end, or what it is for. */
const ASKED_AMOUNT_AFTER =
  /^\s*(?:$|[.,!?;]|for\b|all\b|in total\b|total\b|tops\b|max\b|or so\b|ish\b|a month\b|per\b|each\b|a year\b|between\b|give or take\b)/i;

const MULTIPLIER: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mm: 1e6, million: 1e6 };
const SYMBOL_OF_WORD: Readonly<Record<string, string>> = {
  pounds: '£',
  quid: '£',
  gbp: '£',
  euro: '€',
  euros: '€',
  eur: '€',
  '€': '€',
  '£': '£',
  '¥': '¥',
  yen: '¥',
  jpy: '¥',
  dollars: '$',
  usd: '$',
  bucks: '$',
};

/** Formats an amount as `$18,000` (or £/€/¥). */
export function formatMoney(amount: number, symbol = '$'): string {
  const rounded = Math.round(amount * 100) / 100;
  const [whole, cents] = rounded.toFixed(2).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${symbol}${grouped}${cents === '00' ? '' : `.${cents}`}`;
}

/**
 * Reads a written amount: `18,000`, `1.250` (European thousands, with a euro sign or word),
 * `1.250,50`, `3,5`, `1 250`. Returns NaN when it is not a number.
 */
export function parseAmount(digits: string, european: boolean): number {
  const d = digits.replace(/[  ]/g, '');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(d) && (european || /,\d{1,2}$/.test(d) || (d.match(/\./g) ?? []).length > 1))
    return Number.parseFloat(d.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?$/.test(d)) return Number.parseFloat(d.replace(/,/g, ''));
  if (/^\d+,\d{1,2}$/.test(d)) return Number.parseFloat(d.replace(',', '.'));
  return Number.parseFloat(d.replace(/,/g, ''));
}

/** The currency a text names explicitly (the last one), or null. */
export function currencyOf(text: string): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(/[$£€¥]|\b(?:dollars|usd|bucks|pounds|quid|gbp|euros?|eur|yen)\b/gi))
    found = SYMBOL_OF_WORD[m[0].toLowerCase()] ?? m[0];
  return found;
}

/**
 * Finds the caller's own budget in a sentence: `$18,000`, `18k`, `around 42k`, `1.250 €`,
 * `£4,800` (spoken amounts — `thirty-two thousand`, `a couple hundred bucks` — once
 * `digitsForNumberWords` has rewritten them; `findSpokenBudget` does both). A bare number counts only beside money
 * words; numbers with units (`3 months`, `12 vans`) never; someone else's amount (a competitor's
 * quote, a partner's salary, what a neighbour paid) is skipped. `defaultCurrency` is used when
 * the amount has none (the currency the caller used elsewhere in the call).
 */
export function findBudget(sentence: string, defaultCurrency = '$', asked = false): string | null {
  const text = sentence;
  // An answer to the agent asking for a budget needs no budget word of its own ("we've got three thousand eight hundred for the food").
  const worded = CONTEXT.test(text);
  const hasContext = asked || worded;
  const sentenceCurrency = currencyOf(text);
  for (const match of text.matchAll(AMOUNT)) {
    const [whole, symbol, digits, suffix, word] = match;
    const start = match.index ?? 0;
    const after = text.slice(start + whole.length);
    if (UNIT_AFTER.test(after)) continue;
    // Part of a version, code or date ("4.2.1", "E-1043", "2026-06-05").
    if (/[\d.]$/.test(text.slice(Math.max(0, start - 1), start)) || /^[.\-/]\d/.test(after)) continue;
    // The digits of a reference ("booking BRN-7731", "order HH-2291", "AB1234"), not an amount.
    const digitsAt = start + whole.indexOf(digits ?? '');
    if (symbol === undefined && /\p{L}[-–]?$/u.test(text.slice(Math.max(0, digitsAt - 2), digitsAt))) continue;
    const before = text.slice(Math.max(0, start - 60), start);
    const clause = before.split(/[.;,!?]|\bbut\b|\bhonestly\b|\bwhereas\b/i).at(-1) ?? before;
    if (OTHERS_AMOUNT.test(clause)) continue;
    // A deposit or down payment is part of the price, not the limit on it (unless the sentence says
    // it is the limit: "our budget including the deposit is £15,000").
    if (!asked && !LIMIT_WORDS.test(text) && (DEPOSIT_BEFORE.test(clause) || DEPOSIT_AFTER.test(after))) continue;
    const explicitMoney = symbol !== undefined || word !== undefined;
    const hasSuffix = suffix !== undefined;
    if (!explicitMoney && !hasSuffix && !hasContext) continue;
    // Asked for a budget, a bare number is one only when nothing but money words follow it
    // ("three thousand eight hundred for the food"), not "150 guests" or "221 Harbour Road".
    if (asked && !worded && !explicitMoney && !hasSuffix && !ASKED_AMOUNT_AFTER.test(after)) continue;
    // A lone "m" right after a number is too often metres or minutes without a money sign.
    if (suffix?.toLowerCase() === 'm' && !explicitMoney) continue;
    const currency = symbol ?? (word ? SYMBOL_OF_WORD[word.toLowerCase()] : undefined) ?? sentenceCurrency ?? defaultCurrency;
    const value = parseAmount(digits ?? '', currency === '€');
    if (!Number.isFinite(value)) continue;
    const amount = value * (hasSuffix ? (MULTIPLIER[(suffix as string).toLowerCase()] ?? 1) : 1);
    // Years and tiny numbers are not budgets unless written as money.
    if (!explicitMoney && !hasSuffix && (amount < 100 || (amount >= 1900 && amount <= 2100 && !/[,.]/.test(digits ?? '')))) continue;
    if (amount <= 0 || amount > 1e12) continue;
    return formatMoney(amount, currency);
  }
  return null;
}

/** `findBudget` on a sentence whose spoken numbers are first rewritten as digits ("thirty-two thousand"). */
export function findSpokenBudget(sentence: string, defaultCurrency = '$', asked = false): string | null {
  return findBudget(digitsForNumberWords(sentence), defaultCurrency, asked);
}
