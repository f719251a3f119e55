/**
 * `pnpm migrate config|backfill`: switches a seed (Python) deployment to Agentic Memory without
 * losing what its agents remember. See README, "Migration from the seed deployments".
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.MEM0_TELEMETRY ??= 'false';

const USAGE = `usage:
  pnpm migrate config   [--from FILE] [--config-dir DIR] [--env NAME]... [--agent-type NAME] [--dry-run] [--force]
  pnpm migrate backfill [--agent-type NAME]... [--dry-run] [--rate N] [--page-size N] [--state FILE] [--restart] [--country-code CC]`;

function fail(message: string, code = 1): never {
  console.error(`migrate: ${message}`);
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);

async function migrateConfig(): Promise<void> {
  const { ConfigMigrationError, applyConfigMigration, parseSeedEnvFile, planConfigMigration } = await import(
    './migration/config-migration'
  );
  const { values } = parseArgs({
    args: rest,
    options: {
      from: { type: 'string' },
      'config-dir': { type: 'string' },
      env: { type: 'string', multiple: true },
      'agent-type': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  try {
    const seedEnv = values.from ? parseSeedEnvFile(readFileSync(values.from, 'utf8'), values.from) : process.env;
    const { defaultConfigDir } = await import('@agentic-memory/config');
    const plan = planConfigMigration({
      configDir: resolve(values['config-dir'] ?? defaultConfigDir()),
      seedEnv,
      agentTypeName: values['agent-type'],
      environments: values.env,
    });
    console.log(`Seed settings${values.from ? ` from ${values.from}` : ' from the environment'}:`);
    for (const note of plan.notes) console.log(`  - ${note}`);
    if (plan.changes.length === 0) {
      console.log('\nThe configuration is already migrated: nothing to change.');
      return;
    }
    console.log('');
    for (const change of plan.changes) console.log(`${change.diff}\n`);
    const overwrites = `values this would overwrite:\n  ${plan.conflicts.join('\n  ')}`;
    if (values['dry-run']) {
      console.log(`Dry run: ${plan.changes.length} file(s) would change; nothing written.`);
      if (plan.conflicts.length > 0) console.log(`${overwrites}\n(the real run needs --force for these)`);
      return;
    }
    if (plan.conflicts.length > 0 && !values.force) fail(`refusing to overwrite without --force — ${overwrites}`);
    applyConfigMigration(plan, values.force);
    console.log(`Wrote ${plan.changes.map((c) => c.file).join(', ')}.`);
    console.log(`Next: pnpm validate-config, then pnpm migrate backfill (snapshots for agent type ${plan.agentTypeName}).`);
  } catch (error) {
    if (error instanceof ConfigMigrationError || (error as Error).name === 'SeedSettingsError') fail((error as Error).message);
    throw error;
  }
}

function bar(done: number, total: number | null, width = 30): string {
  if (!total) return `${done} users`;
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} users`;
}

async function backfill(): Promise<void> {
  const { values } = parseArgs({
    args: rest,
    options: {
      'agent-type': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      rate: { type: 'string', default: '5' },
      'page-size': { type: 'string', default: '100' },
      state: { type: 'string' },
      restart: { type: 'boolean', default: false },
      'country-code': { type: 'string' },
    },
  });
  const rate = Number(values.rate);
  if (!(rate > 0 && rate <= 1000)) fail(`--rate must be requests per second from 0 to 1000, got "${values.rate}"`);
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) fail(`--page-size must be 1 to 1000, got "${values['page-size']}"`);
  if (values['country-code'] !== undefined && !/^[1-9]\d{0,2}$/.test(values['country-code'])) {
    fail(`--country-code must be a calling code such as 1 or 44, got "${values['country-code']}"`);
  }

  const env = process.env;
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const { createLocalDependencies } = await import('./local-backends');
  const { localSecretsUnlessManaged } = await import('./local-secrets');
  const { configFromEnvironment } = await import('./local-runtime');
  const { backfillSnapshots, resetBackfillState } = await import('./migration/backfill');
  const { isUserDirectory } = await import('@agentic-memory/memory-core');
  const config = await configFromEnvironment(env);
  // The pepper must be the runtime's: locally the same generated secrets file `pnpm start` uses.
  localSecretsUnlessManaged(dataDir, env);
  const deps = await createLocalDependencies({ env, dataDir, config });
  try {
    const store = deps.memoryStore;
    if (!isUserDirectory(store)) fail('this memory store cannot list its users');
    const wanted = values['agent-type'] ?? Object.keys(deps.agentTypes).filter((n) => deps.agentTypes[n]?.caller_id_mode === 'raw');
    if (wanted.length === 0) fail('no agent type has caller_id_mode "raw": run `pnpm migrate config` first (or pass --agent-type)');
    const agentTypes = Object.fromEntries(
      wanted.map((name) => {
        const t = deps.agentTypes[name];
        if (!t) fail(`unknown agent type "${name}" (known: ${Object.keys(deps.agentTypes).join(', ')})`);
        return [name, t];
      }),
    );
    const pepper = await deps.secrets.get('CALLER_ID_PEPPER');
    if (!pepper) fail('CALLER_ID_PEPPER is not set (environment, DATA_DIR/secrets.json or the environment secret)');
    const statePath = resolve(values.state ?? join(dataDir, `backfill-${deps.environment.name}.json`));
    if (values.restart) resetBackfillState(statePath);

    console.log(`${values['dry-run'] ? 'Dry run: counting' : 'Backfilling'} profile snapshots for ${wanted.join(', ')}`);
    console.log(
      `memories: ${deps.locations.memory}\nsnapshots: ${deps.locations.blobs}\nrate: ${rate} requests/s${values['dry-run'] ? '' : `\nstate: ${statePath}`}\n`,
    );
    const controller = new AbortController();
    process.once('SIGINT', () => {
      console.log('\nSIGINT: stopping after the caller in progress…');
      controller.abort();
    });
    const tty = process.stdout.isTTY;
    let lastLine = 0;
    const report = await backfillSnapshots({
      store,
      blobStore: deps.blobStore,
      pepper,
      agentTypes,
      clock: deps.clock,
      statePath: values['dry-run'] ? null : statePath,
      ratePerSecond: rate,
      pageSize,
      dryRun: values['dry-run'],
      defaultCountryCode: values['country-code'],
      signal: controller.signal,
      onProgress: ({ done, total, report: r }) => {
        const line = `${bar(done, total)}  ${r.snapshots} snapshots  ${r.memories} memories`;
        if (tty) process.stdout.write(`\r${line}`);
        else if (done - lastLine >= 50 || done === total) {
          lastLine = done;
          console.log(line);
        }
      },
    });
    if (tty) process.stdout.write('\n');
    const verb = values['dry-run'] ? 'would write' : 'wrote';
    console.log(
      `\n${report.users} users (${report.resumed} done by an earlier run), ${report.memories} memories read, ${verb} ${report.snapshots} snapshots`,
    );
    if (report.empty > 0) console.log(`${report.empty} users have no live memory: no snapshot`);
    if (report.notPhoneNumbers > 0) console.log(`${report.notPhoneNumbers} user ids are not phone numbers: left alone`);
    if (report.nonCanonicalIds > 0) {
      console.log(
        `${report.nonCanonicalIds} users are stored under numbers not in E.164 form: their snapshots are written, but raw-mode recall ` +
          'searches Mem0 under the E.164 number (+…), so mid-call search will not find their older memories',
      );
    }
    console.log(`${report.requests} store requests in ${(report.elapsedMs / 1000).toFixed(1)} s`);
    if (report.interrupted) {
      console.log('Interrupted: run the same command again to resume.');
      process.exitCode = 130;
    }
  } catch (error) {
    console.error(`migrate: ${(error as Error).message}\nProgress is saved: run the same command again to resume.`);
    process.exitCode = 1;
  } finally {
    deps.close();
  }
}

if (command === 'config') await migrateConfig();
else if (command === 'backfill') await backfill();
else fail(USAGE, 2);
