import { parseAmount } from '../extraction/money';
import { digitsForNumberWords } from '../extraction/number-words';
import { mentionsSaid, saidPart } from './value-said';

/** Numbers of two digits or more a text says, however it says them ("forty-five thousand", "$45,000", "45k"). */
function amountsIn(text: string): Set<number> {
  const european = /€|\beuros?\b/iu.test(text);
  const digits = digitsForNumberWords(text.replace(/\b(\d+(?:[.,]\d+)?)\s?[kK]\b/gu, (_, n: string) => `${n} thousand`));
  const out = new Set<number>();
  for (const match of digits.matchAll(/\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?/gu)) {
    const value = parseAmount(match[0], european);
    if (Number.isFinite(value) && value >= 10) out.add(Math.round(value * 100) / 100);
  }
  return out;
}

/**
 * Whether a text mentions a field's value: the value as said ("in September", "14 Elm Street,
 * Cardiff"), or — for a value that is mostly an amount ("$45,000") — the same amount however the
 * text says it ("about forty-five thousand dollars").
 */
export function mentionsValue(text: string, value: string): boolean {
  if (mentionsSaid(text, value)) return true;
  const said = saidPart(value);
  const amounts = amountsIn(said);
  // Only a value that is mostly an amount is recognised by its numbers ("$45,000", "1450 per month").
  if (amounts.size === 0 || said.replace(/[^\p{L}]/gu, '').length > 10) return false;
  const inText = amountsIn(text);
  return [...amounts].every((a) => inText.has(a));
}
