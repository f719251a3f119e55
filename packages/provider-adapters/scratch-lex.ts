import { loadEnglishLexicon } from './src/embedded/english-lexicon';
const lx = loadEnglishLexicon();
for (const w of process.argv.slice(2)) {
  console.log('==', w, 'lemmas', lx.lemmas(w));
  console.log('  related', [...lx.related(w)].map(([k,v])=>`${k}:${v}`).join(' '));
  console.log('  broader', lx.broader(w).join(' '));
  console.log('  defines', lx.defines(w).join(' '));
}
console.log(process.argv.slice(2).map((w) => `${w}:${lx.isMoneyWord(w)}`).join(' '));
