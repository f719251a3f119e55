// Writes the run's totals to .jest-results.json so .ci/run can print `N passed, N failed`
// from real results (jest's own summary line is not one CI reads).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    writeFileSync(join(this.rootDir, '.jest-results.json'), `${JSON.stringify(summary)}\n`);
  }
}

module.exports = SummaryReporter;
