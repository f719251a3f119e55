import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from 'jest';
import { describeMissing, missingToolSuites } from './jest.required-tools.cjs';

/**
 * One jest project per package. Strategy for ESM-only dependencies (Middy 7 exports only the
 * `import` condition): sources are TypeScript compiled to CommonJS by @swc/jest; a resolver retries
 * with the `import` condition when the default resolution fails, and `@middy/*` inside
 * node_modules is transformed too. Code that jest compiles must not use `import.meta`.
 */
const swc: Config['transform'] = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
  ],
};

function project(name: string, dir: string, extra: Partial<Config> = {}): Config {
  return {
    displayName: name,
    rootDir: `<rootDir>/${dir}`,
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: swc,
    transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(@middy\\+|@middy/))'],
    resolver: `<rootDir>/${'../'.repeat(dir.split('/').length)}jest.esm-fallback-resolver.cjs`,
    testEnvironment: 'node',
    setupFiles: [`<rootDir>/${'../'.repeat(dir.split('/').length)}jest.setup.cjs`],
    setupFilesAfterEnv: [`<rootDir>/${'../'.repeat(dir.split('/').length)}jest.fs-guard-check.cjs`],
    testPathIgnorePatterns: ignored,
    ...extra,
  };
}

const ROOT = import.meta.dirname;

/**
 * Suites whose tool (`@requires-tool …`) is missing are left out, and the summary reporter says
 * so in the last lines; CI refuses to leave anything out.
 */
const missing = missingToolSuites(ROOT);
if (missing.length > 0 && process.env.CI) {
  throw new Error(`CI must run every suite:\n${describeMissing(missing).join('\n')}`);
}
const ignored = ['/node_modules/', ...missing.map((s) => `^${s.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)];

/**
 * Nothing in the tests may read outside the repository: jest's workers and every Node process a
 * test starts load the guard first (NODE_OPTIONS), and the AWS SDK's shared config files point
 * into the temp folder instead of the developer's ~/.aws.
 */
const guard = join(ROOT, 'jest.fs-guard.cjs');
if (!(process.env.NODE_OPTIONS ?? '').includes(guard)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require "${guard}"`.trim();
}
process.env.AM_FS_GUARD_ROOT = ROOT;
process.env.AWS_CONFIG_FILE ??= join(tmpdir(), 'agentic-memory-tests-no-aws-config');
process.env.AWS_SHARED_CREDENTIALS_FILE ??= join(tmpdir(), 'agentic-memory-tests-no-aws-credentials');

const config: Config = {
  projects: [
    project('memory-core', 'packages/memory-core'),
    project('config', 'packages/config'),
    project('provider-adapters', 'packages/provider-adapters'),
    ...['kit', 'conversation-start', 'memory-search', 'webhook-intake', 'ingest-worker', 'insights', 'cost-report', 'reconcile'].map((fn) =>
      project(`fn-${fn}`, `packages/functions/${fn}`),
    ),
    project('local', 'packages/local'),
    project('infra', 'infra'),
  ],
  coverageReporters: ['text-summary', 'json-summary'],
  reporters: ['default', '<rootDir>/jest.summary-reporter.cjs'],
};

export default config;
