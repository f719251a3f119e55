import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '@agentic-memory/memory-core';
import { defaultConfigDir, findWorkspaceRoot, loadConfig, validateAllConfig } from '../src';

const DEFAULT_CONFIG_DIR = defaultConfigDir();

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'am-config-'));
    cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // biome-ignore lint/suspicious/noExplicitAny: tests poke at raw JSON
  function edit(file: string, change: (json: any) => void) {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    change(json);
    writeFileSync(path, JSON.stringify(json));
  }

  it('loads every environment of the repository', () => {
    expect(findWorkspaceRoot()).toBe(join(DEFAULT_CONFIG_DIR, '..'));
    for (const name of ['local', 'dev', 'staging', 'prod']) {
      expect(loadConfig(name).environment.name).toBe(name);
    }
    expect(validateAllConfig(['local', 'dev', 'staging', 'prod']).size).toBe(0);
  });

  it('fails naming the file, the field and the problem', () => {
    edit('agent-types.json', (j) => {
      j.elevenlabs_sales_agent.memory_config.search_limit = 0;
    });
    expect(() => loadConfig('local', dir)).toThrow(ConfigValidationError);
    expect(() => loadConfig('local', dir)).toThrow(
      /agent-types\.json is invalid:\n {2}elevenlabs_sales_agent\.memory_config\.search_limit: expected a positive integer/,
    );
  });

  it('rejects an environment file whose name differs from its file name', () => {
    edit('environments/dev.json', (j) => {
      j.name = 'prod';
    });
    expect(() => loadConfig('dev', dir)).toThrow(/name: expected "dev"/);
  });

  it('reports unreadable and malformed files and bad environment names', () => {
    writeFileSync(join(dir, 'environments', 'broken.json'), '{ not json');
    expect(() => loadConfig('broken', dir)).toThrow(/is not valid JSON/);
    expect(() => loadConfig('missing', dir)).toThrow(/cannot be read: ENOENT/);
    expect(() => loadConfig('../etc', dir)).toThrow(/not a valid environment name/);
    const problems = validateAllConfig(['local', 'broken'], dir);
    expect([...problems.keys()].some((k) => k.endsWith('broken.json'))).toBe(true);
  });
});
