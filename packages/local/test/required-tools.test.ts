import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, withTestHarnessEnv } from './run-script';

/**
 * Missing tools are visible, never silent: where moto_server, cfn-lint or chromium is not on PATH,
 * the suites that need them are left out by the jest configuration and listed with the install
 * command; CI refuses to leave anything out. The PATH here holds Node and a shell, nothing else.
 */
const SHELL_ONLY = mkdtempSync(join(tmpdir(), 'am-path-'));
symlinkSync('/bin/sh', join(SHELL_ONLY, 'sh'));
afterAll(() => rmSync(SHELL_ONLY, { recursive: true, force: true }));
const WITHOUT_TOOLS = `${dirname(process.execPath)}:${SHELL_ONLY}`;

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: withTestHarnessEnv({ PATH: WITHOUT_TOOLS, HOME: process.env.HOME ?? '', ...env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('suites that need a tool outside Node', () => {
  it('are listed with the reason and the install command when the tool is missing', () => {
    const script = `const t = require('./jest.required-tools.cjs'); console.log(t.describeMissing(t.missingToolSuites(process.cwd())).join('\\n'))`;
    const { stdout, status } = run(['-e', script]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^skipped: \d+ AWS suites — moto_server not on PATH; install with pip install 'moto\[server\]'$/m);
    expect(stdout).toContain('skipped: 1 CloudFormation lint suite — cfn-lint not on PATH; install with pip install cfn-lint');
    expect(stdout).toContain('  - packages/provider-adapters/test/aws-contracts.test.ts');
    expect(stdout).toContain('  - infra/test/cfn-lint.test.ts');
    expect(stdout).toContain('skipped: 1 browser suite — chromium not on PATH; install with apt-get install -y chromium');
    expect(stdout).toContain('  - packages/local/test/dashboard-browser.test.ts');
  });

  it('are left out of the run by the jest configuration (not skipped inside the file)', () => {
    const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const { stdout, status } = run([jest, '--listTests'], { CI: '' });
    expect(status).toBe(0);
    expect(stdout).toContain('packages/local/test/e2e.test.ts');
    expect(stdout).not.toContain('aws-contracts.test.ts');
    expect(stdout).not.toContain('cfn-lint.test.ts');
    expect(stdout).not.toContain('dashboard-browser.test.ts');
  });

  it('stop a CI run instead of being left out', () => {
    const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const { stderr, status } = run([jest, '--listTests'], { CI: 'true' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('CI must run every suite');
  });
});
