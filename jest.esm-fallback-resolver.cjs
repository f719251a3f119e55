// Packages that export only the `import` condition (Middy 7) are not found by jest's CommonJS
// resolution: retry with the `import` condition. Their code is then transformed by @swc/jest.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    try {
      return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
    } catch {
      throw error;
    }
  }
};
