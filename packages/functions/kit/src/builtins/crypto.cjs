// node:crypto for Lambda bundles, without the cost of importing it as ESM (see BUNDLE_ALIASES).
module.exports = process.getBuiltinModule('node:crypto');
