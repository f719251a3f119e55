import type { Config } from 'jest';

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
    ...extra,
  };
}

const config: Config = {
  projects: [
    project('memory-core', 'packages/memory-core'),
    project('provider-adapters', 'packages/provider-adapters'),
    ...['kit', 'conversation-start', 'memory-search', 'webhook-intake', 'ingest-worker', 'insights', 'cost-report'].map((fn) =>
      project(`fn-${fn}`, `packages/functions/${fn}`),
    ),
    project('local', 'packages/local'),
    project('infra', 'infra'),
  ],
  coverageReporters: ['text-summary', 'json-summary'],
  reporters: ['default', '<rootDir>/jest.summary-reporter.cjs'],
};

export default config;
