// After each test file: fail it if anything in it touched a file outside the repository, even
// where the code caught the guard's error (see jest.fs-guard.cjs).
const { install } = require('./jest.fs-guard.cjs');

const state = install();
const before = state ? state.violations.length : 0;

afterAll(() => {
  if (!state) return;
  const fresh = state.violations.slice(before);
  if (fresh.length > 0) throw new Error(`${fresh.length} file access(es) outside the repository:\n${fresh.join('\n')}`);
});
