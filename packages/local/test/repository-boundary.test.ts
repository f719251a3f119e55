import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES_DIR, fixturePath, readFixture } from '@agentic-memory/fixtures';
import { ROOT, withTestHarnessEnv } from './run-script';

const STATE = Symbol.for('agentic-memory.fs-guard');
/** The guard keeps its record on the real `fs` module (an `import * as` namespace is a copy). */
const guardState = () =>
  (createRequire(__filename)('node:fs') as Record<symbol, { violations: string[] }>)[STATE] as { violations: string[] };
/**
 * Where the probes reach outside the repository: its parent folder (where a sibling folder of
 * material would be) —
 * unless the clone itself sits in the OS temp folder, which the guard allows; then a folder
 * outside both, reached by the same spellings (relative, joined from __dirname, absolute).
 */
const insideTemp = (path: string) => [tmpdir(), fs.realpathSync(tmpdir())].some((t) => path === t || path.startsWith(`${t}${sep}`));
const OUTSIDE = insideTemp(resolve(ROOT, '..')) ? resolve(sep, 'var', 'agentic-memory-guard-probe') : resolve(ROOT, '..');
/** A sibling folder's file: what a test reading material beside the repository would open. */
const SIBLING = join(OUTSIDE, 'sibling-material', 'fixtures', 'README.md');
const SIBLING_RELATIVE = relative(process.cwd(), SIBLING);
const SIBLING_FROM_DIRNAME = relative(__dirname, SIBLING).split(sep);

/**
 * The repository stands on its own: the fixtures live in it, and the test harness fails any file
 * access outside it (the repository, the temp folder and node_modules are allowed; paths given on
 * a child's command line are exempt).
 */
describe('fixtures', () => {
  it('live in the repository and resolve against fixtures/, never the working directory', () => {
    expect(FIXTURES_DIR).toBe(join(ROOT, 'fixtures'));
    expect(JSON.parse(readFixture('elevenlabs/post-call-transcription.json')).type).toBe('post_call_transcription');
    expect(fixturePath('vapi/signature-vector.json')).toBe(join(ROOT, 'fixtures', 'vapi', 'signature-vector.json'));
  });

  it('refuse paths that leave fixtures/ and name what exists when a file is missing', () => {
    expect(() => fixturePath('../package.json')).toThrow('is not inside fixtures/');
    expect(() => fixturePath('../../sibling-material/fixtures/README.md')).toThrow('is not inside fixtures/');
    expect(() => fixturePath('elevenlabs/nope.json')).toThrow(
      /does not exist \(fixtures\/elevenlabs\/ holds: .*post-call-transcription\.json/,
    );
  });
});

describe('the file-access guard in the test harness', () => {
  let before = 0;
  beforeEach(() => {
    before = guardState().violations.length;
  });
  afterEach(() => {
    // These tests break the rule on purpose: take their violations back so the suite's own check passes.
    guardState().violations.splice(before);
  });

  it.each([
    ['a relative path', () => readFileSync(SIBLING_RELATIVE)],
    ['a path joined from __dirname', () => readFileSync(join(__dirname, ...SIBLING_FROM_DIRNAME))],
    ['an absolute path', () => readFileSync(SIBLING)],
    ['a file: URL', () => readFileSync(pathToFileURL(SIBLING))],
    ['a directory listing', () => fs.readdirSync(OUTSIDE)],
    ['an existence check of a sibling folder', () => fs.existsSync(join(OUTSIDE, 'sibling-material'))],
    ['a write', () => writeFileSync(join(OUTSIDE, 'am-guard-probe.txt'), 'x')],
    ['a promise read', () => fs.promises.readFile(SIBLING)],
  ])('fails %s outside the repository', async (_how, access) => {
    await expect(async () => access()).rejects.toMatchObject({ code: 'E_OUTSIDE_REPOSITORY' });
    expect(guardState().violations.length).toBe(before + 1);
  });

  it('allows the repository, the temp folder and node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-guard-'));
    try {
      writeFileSync(join(dir, 'x.txt'), 'ok');
      expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('ok');
      expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toContain('agentic-memory');
      expect(fs.existsSync(join(ROOT, 'node_modules', 'jest'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(guardState().violations.length).toBe(before);
  });

  function node(script: string, args: string[] = []) {
    return spawnSync(process.execPath, ['-e', script, ...args], {
      cwd: ROOT,
      env: withTestHarnessEnv({ PATH: process.env.PATH ?? '' }),
      encoding: 'utf8',
    });
  }

  it('is loaded by every Node process a test starts, and a caught violation still fails it', () => {
    const read = node(`require('node:fs').readFileSync(${JSON.stringify(SIBLING)})`);
    expect(read.status).not.toBe(0);
    expect(read.stderr).toContain('E_OUTSIDE_REPOSITORY');
    const swallowed = node(`try { require('node:fs').readFileSync(${JSON.stringify(SIBLING)}) } catch {}`);
    expect(swallowed.status).toBe(97);
    expect(swallowed.stderr).toContain('reaches outside the repository');
  });

  it('exempts a path the user passes on the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-guard-arg-'));
    try {
      // A file given to a CLI may live anywhere: here, one the process may not otherwise read.
      const run = node(`process.stdout.write(String(require('node:fs').existsSync(process.argv[1])))`, ['/etc/hostname']);
      expect(run.stdout).toBe('true');
      expect(run.status).toBe(0);
      const other = node(`require('node:fs').readFileSync('/etc/hostname')`);
      expect(other.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
