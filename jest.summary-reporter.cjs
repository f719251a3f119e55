// Writes the run's totals to .jest-results.json so .ci/run can print `N passed, N failed`
// from real results (jest's own summary line is not one CI reads), and ends the output with what
// was left out and why (suites whose tool is missing: see jest.required-tools.cjs).
const { writeFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { describeMissing, missingToolSuites } = require('./jest.required-tools.cjs');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const missing = missingToolSuites(this.rootDir);
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      skippedSuites: missing.length,
      skippedSuiteFiles: missing.map((s) => s.relativePath),
      suitesFailed: results.numFailedTestSuites,
    };
    writeFileSync(join(this.rootDir, '.jest-results.json'), `${JSON.stringify(summary)}\n`);
    const lines = describeMissing(missing);
    if (summary.skipped > 0) lines.push(`skipped: ${summary.skipped} test${summary.skipped === 1 ? '' : 's'} marked skip or todo`);
    const parts = [`${summary.passed} passed`, `${summary.failed} failed`];
    if (missing.length > 0) parts.push(`${missing.length} suite${missing.length === 1 ? '' : 's'} skipped (missing tools)`);
    const text = `\n${lines.length > 0 ? `${lines.join('\n')}\n` : ''}${parts.join(', ')}\n`;
    // Printed when the process exits, so it stays the last thing on the screen (after jest's own summary).
    process.once('exit', () => writeSync(1, text));
  }
}

module.exports = SummaryReporter;
