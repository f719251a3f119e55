const WITHHELD = /^(anonymous|unknown|restricted|private|unavailable|withheld|blocked|null|undefined)$/i;

export interface NormaliseOptions {
  /**
   * Country calling code assumed for numbers written without one (`"1"` for the NANP, `"44"` for
   * the UK). Without it, only numbers with an international prefix, or 11-digit NANP numbers
   * starting with 1, normalise.
   */
  readonly defaultCountryCode?: string;
}

/**
 * Normalises a caller number from the formats platforms send (`+1 (555) 010-0123`,
 * `15550100123`, `tel:+1…`, `sip:+1…@host`, `00 44 …`, national numbers with a trunk `0`) to
 * E.164 (`+15550100123`). Returns null for withheld or implausible numbers; never throws.
 */
export function normaliseE164(raw: unknown, options: NormaliseOptions = {}): string | null {
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return normaliseE164(String(raw), options);
  if (typeof raw !== 'string') return null;
  let value = raw.trim();
  if (value.length === 0 || value.length > 64 || WITHHELD.test(value)) return null;

  value = value.replace(/^(tel|sip|sips):/i, '');
  const at = value.indexOf('@');
  if (at >= 0) value = value.slice(0, at);
  value = value.split(';')[0] ?? '';
  // Extensions are not part of the number.
  value = value.replace(/\s*(ext\.?|x|#)\s*\d+$/i, '');
  if (/[A-Za-z]/.test(value)) return null;

  const explicitPlus = value.startsWith('+');
  const digits = value.replace(/[\s().\-/+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (explicitPlus && value.indexOf('+', 1) !== -1) return null;

  let international: string;
  if (explicitPlus) {
    international = digits;
  } else if (digits.startsWith('00')) {
    international = digits.slice(2);
  } else if (digits.startsWith('011') && digits.length > 11) {
    // NANP international access code.
    international = digits.slice(3);
  } else {
    const cc = options.defaultCountryCode;
    if (cc === '1' && digits.length === 10) international = `1${digits}`;
    else if (cc === '1' && digits.length === 11 && digits.startsWith('1')) international = digits;
    else if (cc !== undefined && cc !== '1' && digits.startsWith('0')) international = cc + digits.replace(/^0+/, '');
    else if (cc !== undefined && digits.startsWith(cc) && digits.length >= 10) international = digits;
    else if (digits.length === 11 && digits.startsWith('1')) international = digits;
    else return null;
  }

  if (!isPlausible(international)) return null;
  return `+${international}`;
}

function isPlausible(digits: string): boolean {
  // E.164: at most 15 digits, no leading zero; shortest real numbers with country code are 8.
  if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return false;
  // NANP: 11 digits; area codes never start with 0 or 1 (exchanges 01x are the fictional 555-01xx range).
  if (digits.startsWith('1')) {
    return digits.length === 11 && /^1[2-9]\d{9}$/.test(digits);
  }
  return true;
}

/** `***0123`: what logs may carry of a number (never more than the last 4 digits). */
export function maskPhone(number: string | null | undefined): string {
  if (!number) return 'none';
  const digits = number.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  return `***${digits.slice(-4)}`;
}
