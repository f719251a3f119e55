/**
 * The configuration half of the migration: the seed deployment's environment variables become an
 * agent type in `config/agent-types.json` (`caller_id_mode: "raw"`) and the ElevenLabs agent map
 * of each environment file. Nothing is written when a value would be overwritten, unless forced;
 * the result is validated with the same schema as synth before any file is touched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnvironment } from '@agentic-memory/config';
import {
  SEED_INFORMATIONAL,
  SEED_SECRETS,
  type SeedSettings,
  seedAgentType,
  seedSettings,
  validateAgentTypes,
} from '@agentic-memory/memory-core';
import { writeFileAtomic } from '../text-files';
import { lineDiff, upsertTopLevelEntry } from './config-json';

export const MIGRATED_AGENT_TYPE = 'elevenlabs_migrated';

export interface ConfigMigrationOptions {
  readonly configDir: string;
  /** The seed deployment's environment variables. */
  readonly seedEnv: Readonly<Record<string, string | undefined>>;
  readonly agentTypeName?: string;
  /** Environment files to update (names); default: every file in `environments/`. */
  readonly environments?: readonly string[];
}

export interface FileChange {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  readonly diff: string;
}

export interface ConfigMigrationPlan {
  readonly settings: SeedSettings;
  readonly agentTypeName: string;
  readonly changes: readonly FileChange[];
  /** Values the migration would overwrite: it refuses unless forced. */
  readonly conflicts: readonly string[];
  /** What the operator must do by hand (secrets), and what was read. */
  readonly notes: readonly string[];
}

export class ConfigMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigMigrationError';
  }
}

/** Reads a seed deployment's variables: `KEY=VALUE` lines, or Lambda's JSON (`{"Variables": …}`, `{"Environment": {"Variables": …}}`). */
export function parseSeedEnvFile(text: string, source: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(trimmed) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigMigrationError(`${source}: not valid JSON (${(error as Error).message})`);
    }
    const env = (doc.Environment as { Variables?: unknown } | undefined)?.Variables ?? doc.Variables ?? doc;
    if (env === null || typeof env !== 'object' || Array.isArray(env))
      throw new ConfigMigrationError(`${source}: expected an object of variables`);
    return Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  const out: Record<string, string> = {};
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new ConfigMigrationError(`${source}:${index + 1}: expected KEY=VALUE`);
    out[match[1] as string] = (match[2] as string).replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigMigrationError(`${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function planConfigMigration(options: ConfigMigrationOptions): ConfigMigrationPlan {
  const settings = seedSettings(options.seedEnv);
  const name = options.agentTypeName ?? MIGRATED_AGENT_TYPE;
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new ConfigMigrationError(`agent type name "${name}" must be snake_case`);
  const agentType = seedAgentType(settings);
  const conflicts: string[] = [];
  const changes: FileChange[] = [];

  const typesFile = join(options.configDir, 'agent-types.json');
  const typesBefore = readText(typesFile);
  const existingTypes = JSON.parse(typesBefore) as Record<string, unknown>;
  if (existingTypes[name] !== undefined && !sameJson(existingTypes[name], agentType)) {
    conflicts.push(`agent-types.json: agent type "${name}" exists with other settings`);
  }
  const typesAfter = upsertTopLevelEntry(typesBefore, name, agentType);
  const types = validateAgentTypes(JSON.parse(typesAfter));
  if (!types.ok) {
    throw new ConfigMigrationError(
      `the migrated agent types would be invalid: ${types.problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
    );
  }
  if (typesAfter !== typesBefore)
    changes.push({ file: typesFile, before: typesBefore, after: typesAfter, diff: lineDiff(typesBefore, typesAfter, typesFile) });

  const envDir = join(options.configDir, 'environments');
  const environments =
    options.environments ??
    readdirSync(envDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
  for (const envName of environments) {
    const file = join(envDir, `${envName}.json`);
    const before = readText(file);
    const doc = JSON.parse(before) as { agent_map?: { providers?: Record<string, { default?: string; ids?: Record<string, string> }> } };
    const providers = doc.agent_map?.providers;
    if (!providers) throw new ConfigMigrationError(`${file}: no agent_map.providers`);
    const current = providers.elevenlabs ?? { ids: {} };
    const next = { ...current, ids: { ...(current.ids ?? {}) } };
    // The seed served every ElevenLabs agent alike, and its memory-search tool sends no agent id:
    // the provider's default must be the migrated type. Agent ids, when given, are mapped too.
    if (current.default !== undefined && current.default !== name) {
      conflicts.push(`environments/${envName}.json: the ElevenLabs default agent type is "${current.default}"`);
    }
    next.default = name;
    for (const id of settings.agentIds) {
      const mapped = next.ids[id];
      if (mapped !== undefined && mapped !== name) conflicts.push(`environments/${envName}.json: agent ${id} is mapped to "${mapped}"`);
      next.ids[id] = name;
    }
    const agentMap = { ...doc.agent_map, providers: { ...providers, elevenlabs: next } };
    const after = upsertTopLevelEntry(before, 'agent_map', agentMap);
    const checked = validateEnvironment(JSON.parse(after), types.value);
    if (!checked.ok) {
      throw new ConfigMigrationError(
        `environments/${envName}.json would be invalid: ${checked.problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
      );
    }
    if (after !== before) changes.push({ file, before, after, diff: lineDiff(before, after, file) });
  }

  const notes: string[] = [
    `MEM0_SEARCH_LIMIT → memory_config.search_limit ${settings.searchLimit}${options.seedEnv.MEM0_SEARCH_LIMIT ? '' : ' (the seed default)'}`,
    `every ElevenLabs agent → ${name} (the provider default: the seed's memory-search tool sends no agent id)${
      settings.agentIds.length > 0 ? `; mapped explicitly: ${settings.agentIds.join(', ')}` : ''
    }`,
  ];
  for (const secret of SEED_SECRETS) {
    if (options.seedEnv[secret]) {
      notes.push(
        `${secret} is set in the seed deployment: put it in the environment's secret (Secrets Manager, or DATA_DIR/secrets.json locally) — never in config`,
      );
    }
  }
  for (const key of SEED_INFORMATIONAL)
    if (options.seedEnv[key]) notes.push(`${key} = ${options.seedEnv[key]} (for reference; not configuration here)`);
  return { settings, agentTypeName: name, changes, conflicts, notes };
}

/** Writes the planned files (each atomically). Refuses when there are conflicts and `force` is false. */
export function applyConfigMigration(plan: ConfigMigrationPlan, force: boolean): void {
  if (plan.conflicts.length > 0 && !force) {
    throw new ConfigMigrationError(`refusing to overwrite (pass --force to replace):\n  ${plan.conflicts.join('\n  ')}`);
  }
  for (const change of plan.changes) writeFileAtomic(change.file, change.after);
}
