// The repository stands on its own: a test, or a process a test starts, that touches a file outside
// the repository root, the OS temp folder or a node_modules folder fails, however the path was
// spelled (a relative '../<sibling>/x', join(__dirname, '..', '..', '<sibling>'), an absolute path, a file: URL).
//
// Installed three ways, all idempotent: jest.config.ts puts `--require <this file>` in NODE_OPTIONS
// before jest starts its workers (so workers and every Node child they spawn load it first), and
// jest.setup.cjs requires it for in-band runs. Paths given on a child's command line are exempt
// (a user may pass any file to a CLI), and so are existence probes of the repository's ancestors
// (tools look for config files up the tree) and case-changed spellings of the repository's own
// paths (tools probe whether the file system is case sensitive).
//
// A violation throws at the call, and is also recorded: code that swallows the error still fails
// (jest: the suite's afterAll in jest.fs-guard-check.cjs; a child process: exit code 97).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fileURLToPath } = require('node:url');

const STATE = Symbol.for('agentic-memory.fs-guard');
const nativeRealpath = fs.realpathSync.native;
/**
 * What the runtime and native modules read of the system itself (devices, process info, libc
 * detection, time zones, TLS roots, name resolution): never project data.
 */
const SYSTEM = [
  '/dev',
  '/proc',
  '/sys',
  '/usr/bin/ldd',
  '/etc/os-release',
  '/etc/localtime',
  '/usr/share/zoneinfo',
  '/etc/ssl',
  '/etc/hosts',
  '/etc/resolv.conf',
  // The browser suite: playwright-core asks whether it runs under WSL, and stats the Chromium it
  // starts (Debian's package, or CHROMIUM_PATH).
  '/run/WSL',
  '/usr/bin/chromium',
  ...(process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : []),
];
/** What tools look for in every folder up the tree (a sibling folder of the repository is not one). */
const TOOL_CONFIG =
  /^(\..+|package\.json|tsconfig(\..+)?\.json|jsconfig\.json|pnpm-workspace\.yaml|biome\.jsonc?|babel\.config\..+|cdk\.json)$/;

function realOrSelf(p) {
  try {
    return nativeRealpath(p);
  } catch {
    return p;
  }
}

function install() {
  if (fs[STATE]) return fs[STATE];
  if (process.env.AM_FS_GUARD === 'off') return null;
  const root = realOrSelf(process.env.AM_FS_GUARD_ROOT || __dirname);
  const tmp = [os.tmpdir(), realOrSelf(os.tmpdir())];
  const main = process.argv[1] ? path.resolve(process.argv[1]) : '';
  // jest's own workers: their test files are checked by jest.fs-guard-check.cjs, not at exit.
  const jestWorker = main.includes('jest-worker');
  // A program that is neither the repository's own nor one a test wrote to the temp folder (a
  // globally installed CLI, say) is not ours to police.
  if (main && !within(realOrSelf(main), [root, ...tmp])) return null;
  const exempt = jestWorker ? [] : commandLinePaths();
  const state = { root, violations: [] };

  function within(p, bases) {
    return bases.some((base) => p === base || p.startsWith(base.endsWith(path.sep) ? base : base + path.sep));
  }

  function commandLinePaths() {
    const out = [];
    for (const arg of process.argv.slice(2)) {
      for (const part of [arg, arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : null]) {
        if (part && (part.startsWith('/') || part.startsWith('.') || part.includes(path.sep))) out.push(path.resolve(part));
      }
    }
    return out;
  }

  function toPath(value) {
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    if (value instanceof URL) return value.protocol === 'file:' ? fileURLToPath(value) : null;
    return null; // a file descriptor: the open was checked
  }

  function allowed(p, probe) {
    const abs = path.resolve(p);
    const candidates = [abs, realOrSelf(abs)];
    for (const c of candidates) {
      if (within(c, [root, ...tmp, ...exempt])) return true;
      if (c.split(path.sep).includes('node_modules')) return true;
      if (within(c, SYSTEM)) return true;
      // Tools look for config files up the tree: probing an ancestor, or such a file in one, is allowed.
      if (probe && (within(root, [c]) || (within(root, [path.dirname(c)]) && TOOL_CONFIG.test(path.basename(c))))) return true;
    }
    // …and whether the file system is case sensitive (tsx stats the working folder upper-cased).
    if (probe && within(abs.toLowerCase(), [root.toLowerCase()])) return true;
    return false;
  }

  function check(fn, value, probe) {
    const p = toPath(value);
    if (p === null || allowed(p, probe)) return;
    const message =
      `fs-guard: ${fn}("${p}") reaches outside the repository (${root}); tests may only use files inside it, ` +
      `the OS temp folder and node_modules — read fixtures with @agentic-memory/fixtures`;
    state.violations.push(message);
    const error = new Error(message);
    error.code = 'E_OUTSIDE_REPOSITORY';
    throw error;
  }

  const ONE_PATH = [
    'appendFile',
    'chmod',
    'chown',
    'createReadStream',
    'createWriteStream',
    'lchown',
    'lutimes',
    'mkdir',
    'mkdtemp',
    'open',
    'openAsBlob',
    'opendir',
    'readdir',
    'readFile',
    'rm',
    'rmdir',
    'truncate',
    'unlink',
    'utimes',
    'watch',
    'watchFile',
    'writeFile',
  ];
  const PROBES = ['access', 'exists', 'lstat', 'readlink', 'realpath', 'stat', 'statfs'];
  const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename'];

  function wrap(target, name, check2, probe) {
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = function guarded(...args) {
      check(name, args[0], probe);
      if (check2) check(name, args[1], false);
      return original.apply(this, args);
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
    target[name] = wrapped;
  }

  for (const target of [fs, fs.promises]) {
    for (const base of ONE_PATH) for (const name of [base, `${base}Sync`]) wrap(target, name, false, false);
    for (const base of PROBES) for (const name of [base, `${base}Sync`]) wrap(target, name, false, true);
    for (const base of TWO_PATHS) for (const name of [base, `${base}Sync`]) wrap(target, name, true, false);
  }
  wrap(fs.realpathSync, 'native', false, true);
  wrap(fs.realpath, 'native', false, true);
  // ESM `import { readFileSync } from 'node:fs'` sees the guarded functions too.
  require('node:module').syncBuiltinESMExports();

  if (!jestWorker) {
    process.on('exit', () => {
      if (state.violations.length === 0) return;
      process.stderr.write(`\n${state.violations.join('\n')}\n`);
      process.exitCode = 97;
    });
  }
  Object.defineProperty(fs, STATE, { value: state, enumerable: false });
  return state;
}

module.exports = { install, STATE };
install();
