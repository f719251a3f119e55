import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  type AgentTypes,
  type ConfigProblem,
  ConfigValidationError,
  type Environment,
  validateAgentTypes,
  validateEnvironment,
} from '@agentic-memory/memory-core';

/** The workspace root: the nearest folder up from `start` holding pnpm-workspace.yaml. */
export function findWorkspaceRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

/** `AGENTIC_MEMORY_CONFIG_DIR`, else the workspace's `config/` folder. */
export const DEFAULT_CONFIG_DIR = process.env.AGENTIC_MEMORY_CONFIG_DIR ?? join(findWorkspaceRoot(), 'config');

export interface LoadedConfig {
  readonly agentTypes: AgentTypes;
  readonly environment: Environment;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigValidationError(path, [
      { path: '(file)', problem: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigValidationError(path, [{ path: '(file)', problem: `is not valid JSON: ${(error as Error).message}` }]);
  }
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export function loadAgentTypes(configDir = DEFAULT_CONFIG_DIR): AgentTypes {
  const file = join(configDir, 'agent-types.json');
  const result = validateAgentTypes(readJson(file));
  if (!result.ok) throw new ConfigValidationError(display(file), result.problems);
  return result.value;
}

/** Loads and validates `agent-types.json` and `environments/<name>.json` together. */
export function loadConfig(environmentName: string, configDir = DEFAULT_CONFIG_DIR): LoadedConfig {
  if (!/^[a-z][a-z0-9-]*$/.test(environmentName)) {
    throw new ConfigValidationError('environment name', [
      { path: '(argument)', problem: `"${environmentName}" is not a valid environment name` },
    ]);
  }
  const agentTypes = loadAgentTypes(configDir);
  const file = join(configDir, 'environments', `${environmentName}.json`);
  const result = validateEnvironment(readJson(file), agentTypes);
  if (!result.ok) throw new ConfigValidationError(display(file), result.problems);
  if (result.value.name !== environmentName) {
    throw new ConfigValidationError(display(file), [{ path: 'name', problem: `expected "${environmentName}" (the file name)` }]);
  }
  return { agentTypes, environment: result.value };
}

/** Validates every environment file; returns the problems per file (empty when all are valid). */
export function validateAllConfig(
  environmentNames: readonly string[],
  configDir = DEFAULT_CONFIG_DIR,
): Map<string, readonly ConfigProblem[]> {
  const problems = new Map<string, readonly ConfigProblem[]>();
  for (const name of environmentNames) {
    try {
      loadConfig(name, configDir);
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      problems.set(error.source, error.problems);
    }
  }
  return problems;
}
