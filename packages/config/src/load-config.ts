import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  type AgentTypes,
  agentMapProblems,
  type ConfigProblem,
  ConfigValidationError,
  toProblems,
  validateAgentTypes,
} from '@agentic-memory/memory-core';
import { type Environment, EnvironmentSchema } from './environment-schema';

/** The environments `pnpm validate-config` and `cdk synth` know (the files of `config/environments/`). */
export const ENVIRONMENT_NAMES = ['local', 'dev', 'staging', 'prod'] as const;
export const DEPLOYABLE_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

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

/** `AGENTIC_MEMORY_CONFIG_DIR`, else the workspace's `config/` folder (computed when asked, never at import). */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.AGENTIC_MEMORY_CONFIG_DIR ? resolve(env.AGENTIC_MEMORY_CONFIG_DIR) : join(findWorkspaceRoot(), 'config');
}

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

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Validates an environment file; the agent types named in its agent map must exist. */
export function validateEnvironment(input: unknown, agentTypes: AgentTypes): Validation<Environment> {
  const parsed = EnvironmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: toProblems(parsed.error) };
  const problems = agentMapProblems(parsed.data.agent_map, agentTypes);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: parsed.data };
}

export function parseEnvironment(input: unknown, agentTypes: AgentTypes, source = 'environment config'): Environment {
  const result = validateEnvironment(input, agentTypes);
  if (!result.ok) throw new ConfigValidationError(source, result.problems);
  return result.value;
}

export function loadAgentTypes(configDir = defaultConfigDir()): AgentTypes {
  const file = join(configDir, 'agent-types.json');
  const result = validateAgentTypes(readJson(file));
  if (!result.ok) throw new ConfigValidationError(display(file), result.problems);
  return result.value;
}

/** Loads and validates `agent-types.json` and `environments/<name>.json` together. */
export function loadConfig(environmentName: string, configDir = defaultConfigDir()): LoadedConfig {
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
  environmentNames: readonly string[] = ENVIRONMENT_NAMES,
  configDir = defaultConfigDir(),
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
