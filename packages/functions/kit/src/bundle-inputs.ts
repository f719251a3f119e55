/**
 * What a role's bundle is built from besides its entry: the module aliases (with the role's
 * configuration written as a JSON file) and the build-time switches. The CDK app and the bench
 * both build with these, so the measured bundle is the deployed one. Import as
 * `@agentic-memory/function-kit/bundle-inputs` (it writes a file: not part of the pure contracts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoleConfig } from '@agentic-memory/memory-core';
import { BUNDLE_ALIASES, buildDefines, ROLE_CONFIG_MODULE } from './esbuild-options';

/**
 * The role configuration as a JSON file for the bundler to alias `@agentic-memory/role-config` to:
 * named by its content (the same configuration is one file), in the temp folder (a path without
 * spaces, as the bundling command line needs).
 */
export function roleConfigFile(config: RoleConfig): string {
  const json = JSON.stringify(config);
  const dir = join(tmpdir(), 'agentic-memory-role-config');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`);
  writeFileSync(file, json);
  return file;
}

export interface BundleInputs {
  /** Module → absolute file the bundler substitutes. */
  readonly alias: Readonly<Record<string, string>>;
  /** esbuild `define`: literal values only. */
  readonly define: Readonly<Record<string, string>>;
}

export function bundleInputs(workspaceRoot: string, config: RoleConfig): BundleInputs {
  return {
    alias: {
      ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([name, target]) => [name, join(workspaceRoot, target)])),
      [ROLE_CONFIG_MODULE]: roleConfigFile(config),
    },
    define: buildDefines(config),
  };
}
