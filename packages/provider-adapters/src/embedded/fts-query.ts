import { wordsOf } from './lexicon';

/**
 * Words that carry no meaning in a memory search ("where did she…"): dropped so that FTS5
 * matches on content words only.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his how i if in into ' +
    'is it its me my no nor not of on or our ours she should so than that the their theirs them then there these they this those to too ' +
    'us was we were what when where which while who whom why will with would you your yours about any anything ever just last tell know ' +
    'remember recall caller customer user said say says which kind type sort much many does anything something someone ' +
    'currently now ever any there their they them she he her his him its ' +
    // Contractions as words come out of them ("won't" → "wont", which WordNet reads as a habit), and ASR fillers.
    'dont doesnt didnt wont cant couldnt wouldnt shouldnt isnt wasnt arent werent havent hasnt hadnt aint im ive id youre youve ' +
    'theyre weve thats whats theres lets gonna wanna gotta um umm uh uhh er erm hmm mm yeah yep yup okay ok oh'
  ).split(' '),
);

/** Distinct folded content words of a free-text query (letters and digits of any script, no diacritics). */
export function queryTerms(text: string): string[] {
  const words = wordsOf(text);
  const terms: string[] = [];
  for (const word of words) {
    if (STOPWORDS.has(word) || terms.includes(word)) continue;
    terms.push(word);
    if (terms.length >= 16) break;
  }
  return terms;
}

/** The prefix a long term also matches by ("allergies" → "allerg": finds "allergic"), or null. */
export function termPrefix(term: string): string | null {
  return term.length >= 6 ? term.slice(0, Math.max(5, term.length - 3)) : null;
}

/**
 * An FTS5 MATCH expression that can never be a syntax error: every term double-quoted (quotes in
 * terms are impossible after `queryTerms`), long terms also as a prefix, all joined with OR so one
 * matching word is enough.
 */
export function ftsMatchExpression(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .flatMap((t) => {
      const prefix = termPrefix(t);
      return prefix ? [`"${t}"`, `"${prefix}"*`] : [`"${t}"`];
    })
    .join(' OR ');
}
