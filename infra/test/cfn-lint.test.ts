/** @requires-tool cfn-lint */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthStack } from './support';

describe('cfn-lint', () => {
  it('finds no error or warning in any synthesised template (W3005, CDK’s redundant DependsOn, aside)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-cfnlint-'));
    try {
      const files = ['dev', 'staging', 'prod'].map((name) => {
        const file = join(dir, `AgenticMemory-${name}.template.json`);
        writeFileSync(file, JSON.stringify(synthStack(name).template.toJSON()));
        return file;
      });
      const run = spawnSync('cfn-lint', [...files, '--ignore-checks', 'W3005'], { encoding: 'utf8' });
      expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
