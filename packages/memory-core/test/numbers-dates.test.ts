import fc from 'fast-check';
import { findSpokenBudget as findBudget, findTimeline, resolveTimeline } from '../src';
import { parseAmount } from '../src/extraction/money';
import { digitsForNumberWords, parseNumberWords } from '../src/extraction/number-words';

describe('spoken numbers', () => {
  it.each([
    ['thirty-two thousand', 32000],
    ['eighteen thousand five hundred', 18500],
    ['twelve hundred', 1200],
    ['two and a half million', 2500000],
    ['a couple hundred', 200],
    ['half a million', 500000],
    ['forty five', 45],
  ])('%s → %d', (text, value) => {
    expect(parseNumberWords(text.replace(/-/g, ' ').split(' '))?.value).toBe(value);
  });

  it('rewrites numbers in a sentence and leaves other words alone', () => {
    expect(digitsForNumberWords('our budget is thirty-two thousand dollars.')).toBe('our budget is 32000 dollars.');
    expect(digitsForNumberWords('the one I bought')).toBe('the one I bought');
    expect(digitsForNumberWords('about 27 thousand')).toBe('about 27000');
  });

  const ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
  const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const below1000 = (n: number): string[] => {
    const out: string[] = [];
    if (n >= 100) out.push(ONES[Math.floor(n / 100)] as string, 'hundred');
    const r = n % 100;
    if (r >= 20) out.push(TENS[Math.floor(r / 10)] as string, ...(r % 10 ? [ONES[r % 10] as string] : []));
    else if (r >= 10) out.push(TEENS[r - 10] as string);
    else if (r > 0) out.push(ONES[r] as string);
    return out;
  };
  it('reads back any number up to a million written out in words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), (n) => {
        const words = [...(n >= 1000 ? [...below1000(Math.floor(n / 1000)), 'thousand'] : []), ...below1000(n % 1000)];
        expect(parseNumberWords(words)?.value).toBe(n);
      }),
    );
  });
});

describe('amounts and whose they are', () => {
  it.each([
    ['We have set aside about 18,000 euros for it.', '€18,000'],
    ['Wir haben ungefähr 25.000 € eingeplant.', '€25,000'],
    ['It came to 1.250 € in total, budget wise.', '€1,250'],
    ['My husband says thirty-two thousand, tops thirty-five.', '$32,000'],
    ['maybe a couple hundred bucks a month', '$200'],
    ['Another company quoted us £4,800 but honestly we would like to stay under four grand.', '£4,000'],
    ['Our neighbour paid like twenty-two grand, we were hoping for closer to eighteen thousand five hundred.', '$18,500'],
  ])('%s → %s', (text, expected) => {
    expect(findBudget(text)).toBe(expected);
  });

  it('uses the caller’s currency when the amount has none', () => {
    expect(findBudget('we could spend maybe nine thousand', '£')).toBe('£9,000');
  });

  it('skips someone else’s amount and things that are not money', () => {
    expect(findBudget('My partner earns about 90 grand a year.')).toBeNull();
    expect(findBudget('The hub runs firmware 4.2.1 and error E-1043.')).toBeNull();
    expect(findBudget('We need twelve vans.')).toBeNull();
  });

  it('parses European and English separators', () => {
    expect(parseAmount('1.250', true)).toBe(1250);
    expect(parseAmount('1.250,50', true)).toBe(1250.5);
    expect(parseAmount('1,250.50', false)).toBe(1250.5);
    expect(parseAmount('3,5', false)).toBe(3.5);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const found = findBudget(text);
        if (found !== null) expect(found).toMatch(/^[$£€¥][\d,]+(?:\.\d{2})?$/);
      }),
    );
  });
});

describe('timelines resolved against the call’s time', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['before next summer', '2026-10-14', '2027-06-01'],
    ['in Q1', '2026-11-20', '2027-01-01'],
    ['this fall', '2026-08-03', '2026-09-01'],
    ['next spring', '2026-08-20', '2027-03-01'],
    ['in three weeks', '2026-05-15', '2026-06-05'],
    ['by the end of the year', '2026-07-10', '2026-12-31'],
    ['by August', '2026-05-02', '2026-08-01'],
    ['Saturday the eighth of August', '2026-06-01', '2026-08-08'],
    ['Friday the 21st of August', '2026-06-01', '2026-08-21'],
    ['the twenty-first of May', '2026-03-10', '2026-05-21'],
    ['the first of September', '2026-07-09', '2026-09-01'],
    ['August the 8th', '2026-06-01', '2026-08-08'],
    ['Tuesday 4pm', '2026-10-14', '2026-10-20'],
  ])('%s said on %s → %s', (phrase, said, expected) => {
    expect(resolveTimeline(phrase, at(`${said}T12:00:00Z`))).toBe(expected);
  });

  it('keeps the timeline as said, and answers to "when?" count without intent words', () => {
    expect(findTimeline('Sometime in Q1, before the spring lets start.')).toBe('Sometime in Q1');
    expect(findTimeline('This fall, before the rains.')).toBeNull();
    expect(findTimeline('This fall, before the rains.', true)).toBe('This fall');
  });
});
