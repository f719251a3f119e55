// Handler tests run the real Powertools Logger and Metrics: keep their JSON lines off the test
// output unless asked for (tests that inspect EMF set these themselves).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// The AWS SDK reads ~/.aws/config and ~/.aws/credentials for settings no variable gives: point it at
// files that do not exist, inside the temp folder, so tests never depend on the developer's setup.
const { join } = require('node:path');
const { tmpdir } = require('node:os');
process.env.AWS_CONFIG_FILE ??= join(tmpdir(), 'agentic-memory-tests-no-aws-config');
process.env.AWS_SHARED_CREDENTIALS_FILE ??= join(tmpdir(), 'agentic-memory-tests-no-aws-credentials');
// In-band runs (no workers): the guard is installed here rather than by NODE_OPTIONS.
require('./jest.fs-guard.cjs');
