/**
 * `pnpm start`: the local runtime in the foreground. Environment: PORT, HOST, DATA_DIR,
 * MEMORY_STORE, AWS_BACKEND, MAX_BODY_BYTES, METRICS_SUMMARY_SECONDS, LOCAL_METRICS and the secrets
 * (see README). Ctrl-C stops it cleanly.
 */
import { resolve } from 'node:path';
import { captureMetrics } from '@agentic-memory/function-kit';
import { MetricsTimeline } from './dashboard/metrics-timeline';
import { parseEmfLine } from './emf-line';
import { configFromEnvironment, startLocalRuntime } from './local-runtime';
import { MetricsSummary } from './metrics-summary';
import { formatTable } from './text-files';

function fail(message: string): never {
  console.error(`agentic-memory: ${message}`);
  process.exit(1);
}

const env = process.env;
const port = env.PORT === undefined ? 8787 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got "${env.PORT}"`);
const host = env.HOST ?? '127.0.0.1';
const dataDir = resolve(env.DATA_DIR ?? '.data');
const maxBodyBytes = env.MAX_BODY_BYTES === undefined ? undefined : Number(env.MAX_BODY_BYTES);
if (maxBodyBytes !== undefined && (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0 || maxBodyBytes > 6_000_000)) {
  fail(`MAX_BODY_BYTES must be an integer from 1 to 6000000, got "${env.MAX_BODY_BYTES}"`);
}
const summaryEvery = env.METRICS_SUMMARY_SECONDS === undefined ? 60 : Number(env.METRICS_SUMMARY_SECONDS);
if (!Number.isFinite(summaryEvery) || summaryEvery < 0) {
  fail(`METRICS_SUMMARY_SECONDS must be a number of seconds (0 turns the summary off), got "${env.METRICS_SUMMARY_SECONDS}"`);
}
// The functions' metrics are CloudWatch EMF lines: noise on a terminal. Each is read once and
// feeds both the summary and the dashboard's charts; LOCAL_METRICS=1 also prints each line as
// Lambda would.
const summary = new MetricsSummary();
const timeline = new MetricsTimeline();
const printEmf = env.LOCAL_METRICS === '1';
captureMetrics((line) => {
  const record = parseEmfLine(line);
  summary.add(record);
  timeline.add(record);
  if (printEmf) console.log(line);
});
// The Mem0 SDK reads its telemetry switch when it loads.
process.env.MEM0_TELEMETRY ??= 'false';

// Configuration from another folder (a migrated copy, say) instead of the bundled config/.
let config: Awaited<ReturnType<typeof configFromEnvironment>>;
try {
  config = await configFromEnvironment(env);
} catch (error) {
  fail((error as Error).message);
}

let runtime: Awaited<ReturnType<typeof startLocalRuntime>>;
try {
  runtime = await startLocalRuntime({ dataDir, host, port, env, maxBodyBytes, config, dashboard: { timeline } });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === 'EADDRINUSE' ? `${host}:${port} is already in use (set PORT)` : (error as Error).message);
}

const { url, secrets, deps } = runtime;
const workspaceKey = secrets?.values.ELEVENLABS_WORKSPACE_KEY ?? (await deps.secrets.get('ELEVENLABS_WORKSPACE_KEY')) ?? '';
console.log(`\nAgentic Memory — local runtime listening on ${url}\ndata folder: ${dataDir}\n`);
console.log(formatTable([['backend', 'where'], ...Object.entries(deps.locations).map(([k, v]) => [k, String(v)])]));
console.log('');
console.log(
  formatTable([
    ['route', 'role', 'auth'],
    ...runtime.routes.map((r) => [`${r.method} ${url}${r.path}`, r.role, r.auth.replaceAll('`', '')]),
    [`GET ${url}/health`, 'liveness', 'none'],
    [`GET ${url}/dashboard`, 'dashboard (this runtime only)', 'ADMIN_API_KEY, entered in the page'],
  ]),
);
console.log('');
if (secrets) {
  console.log(
    formatTable([
      ['secret', 'value', 'source'],
      ...Object.entries(secrets.values).map(([name, value]) => [
        name,
        name === 'CALLER_ID_PEPPER' ? '(not shown)' : (value ?? ''),
        secrets.sources[name as keyof typeof secrets.sources] ?? '',
      ]),
    ]),
  );
  console.log(`\nsecrets file: ${secrets.file} (environment variables override it)`);
} else {
  console.log(`secrets: from Secrets Manager (${env.SECRET_NAME}); values not printed`);
}
console.log('\nTry it:');
console.log(
  `curl -s -X POST ${url}/client-data -H 'content-type: application/json' -H 'X-Workspace-Key: ${workspaceKey}' ` +
    `-d '{"caller_id":"+15550100123","agent_id":"agent_01kfixsupport00000000000000"}'`,
);
console.log('\nThen `pnpm demo` in another terminal. Ctrl-C stops the runtime; queued work stays on disk.');
console.log(
  `\nDashboard and memory inspector: open ${url}/dashboard and sign in with the admin key` +
    (secrets?.values.ADMIN_API_KEY ? ` (ADMIN_API_KEY: ${secrets.values.ADMIN_API_KEY})` : ' (ADMIN_API_KEY)') +
    '.\n',
);

const depth = () => deps.queueDepth().catch(() => null);
const timer =
  summaryEvery > 0
    ? setInterval(async () => {
        if (!summary.windowHasActivity()) return;
        const text = summary.render(await depth(), 'window');
        summary.flushWindow();
        console.log(`\n${text}\n`);
      }, summaryEvery * 1000)
    : null;
timer?.unref();

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests…`);
    if (timer) clearInterval(timer);
    runtime
      .stop()
      .then(({ queue }) => {
        console.log(`\n${summary.render(queue, 'total')}`);
      })
      .then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
