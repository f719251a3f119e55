const CONTEXT =
  /\b(budget|spend|spending|afford|pay|paying|price|cost|costs|around|about|roughly|approximately|up to|max|maximum|under|below|less than|no more than|looking at|range|between)\b/i;
const UNIT_AFTER =
  /^\s*(?:%|percent|months?|years?|days?|weeks?|hours?|minutes?|miles?|km|kilomet|users?|people|employees|seats|sq|square|kw|kwh|watts?|gb|mb|times)\b/i;
const AMOUNT =
  /([$£€])?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(k|thousand|grand|m|mm|million)?\b(?:\s?(dollars|usd|bucks|pounds|gbp|euros|eur))?/gi;

const MULTIPLIER: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mm: 1e6, million: 1e6 };
const SYMBOL_OF_WORD: Readonly<Record<string, string>> = { pounds: '£', gbp: '£', euros: '€', eur: '€' };

/** Formats an amount as `$18,000` (or £/€). */
export function formatMoney(amount: number, symbol = '$'): string {
  const rounded = Math.round(amount * 100) / 100;
  const [whole, cents] = rounded.toFixed(2).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${symbol}${grouped}${cents === '00' ? '' : `.${cents}`}`;
}

/**
 * Finds a budget in a sentence: `$18,000`, `18k`, `around 42k`, `1.5 million dollars`. A bare
 * number counts only beside money words (`budget of 18000`); numbers with units (`3 months`) never.
 */
export function findBudget(sentence: string): string | null {
  const hasContext = CONTEXT.test(sentence);
  for (const match of sentence.matchAll(AMOUNT)) {
    const [whole, symbol, digits, suffix, word] = match;
    const after = sentence.slice((match.index ?? 0) + whole.length);
    if (UNIT_AFTER.test(after)) continue;
    const explicitMoney = symbol !== undefined || word !== undefined;
    const hasSuffix = suffix !== undefined;
    if (!explicitMoney && !hasSuffix && !hasContext) continue;
    // A lone "m" right after a number is too often metres or minutes without a money sign.
    if (suffix?.toLowerCase() === 'm' && !explicitMoney) continue;
    const value = Number.parseFloat((digits ?? '').replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    const amount = value * (hasSuffix ? (MULTIPLIER[(suffix as string).toLowerCase()] ?? 1) : 1);
    // Years and tiny numbers are not budgets unless written as money.
    if (!explicitMoney && !hasSuffix && (amount < 100 || (amount >= 1900 && amount <= 2100 && !digits?.includes(',')))) continue;
    if (amount <= 0 || amount > 1e12) continue;
    const currency = symbol ?? (word ? SYMBOL_OF_WORD[word.toLowerCase()] : undefined) ?? '$';
    return formatMoney(amount, currency);
  }
  return null;
}
