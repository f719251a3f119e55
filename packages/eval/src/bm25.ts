/**
 * A plain Okapi BM25 (k1 = 1.2, b = 0.75) over lower-cased letter/digit tokens: no stemming, no
 * stop words, no synonyms. The baseline the product's recall is compared with.
 */
export class PlainBm25 {
  private readonly docs: { text: string; terms: Map<string, number>; length: number }[] = [];
  private readonly documentFrequency = new Map<string, number>();

  constructor(
    texts: readonly string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const text of texts) {
      const terms = new Map<string, number>();
      const tokens = tokenize(text);
      for (const t of tokens) terms.set(t, (terms.get(t) ?? 0) + 1);
      for (const t of terms.keys()) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
      this.docs.push({ text, terms, length: tokens.length });
    }
  }

  /** The `limit` best documents for a query, best first (documents that share no term are left out). */
  search(query: string, limit: number): string[] {
    const n = this.docs.length;
    const average = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, n);
    const terms = [...new Set(tokenize(query))];
    const scored: { text: string; score: number; index: number }[] = [];
    this.docs.forEach((doc, index) => {
      let score = 0;
      for (const term of terms) {
        const tf = doc.terms.get(term) ?? 0;
        if (tf === 0) continue;
        const df = this.documentFrequency.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += idf * ((tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / Math.max(1, average))));
      }
      if (score > 0) scored.push({ text: doc.text, score, index });
    });
    return scored
      .sort((x, y) => y.score - x.score || x.index - y.index)
      .slice(0, limit)
      .map((s) => s.text);
  }
}

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
