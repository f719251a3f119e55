/**
 * `pnpm replay <file|folder> [options]`: signs platform payloads as the platform would and sends
 * them to any deployment (local or AWS). `--print-signature` only prints the header for a body.
 *
 *   --url URL            base URL (default http://127.0.0.1:8787, or AGENTIC_MEMORY_URL)
 *   --provider NAME      elevenlabs (default), vapi, retell, generic
 *   --path PATH          path on the base URL (default: the provider's post-call webhook)
 *   --secret SECRET      signing secret (default the provider's variable — ELEVENLABS_HMAC_KEY, VAPI_SECRET,
 *                        RETELL_API_KEY, GENERIC_API_KEY — else DATA_DIR/secrets.json)
 *   --header 'N: V'      extra header, repeatable
 *   --concurrency N      parallel requests for a folder (default 4)
 *   --print-signature    print the signature header for the file and exit
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { payloadFiles, REPLAY_PROVIDERS, REPLAY_SECRET_NAMES, type ReplayProvider, replayAll, signatureHeaders, summarise } from './replay';

function fail(message: string): never {
  console.error(`replay: ${message}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    provider: { type: 'string', default: 'elevenlabs' },
    path: { type: 'string' },
    secret: { type: 'string' },
    header: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '4' },
    'print-signature': { type: 'boolean', default: false },
  },
});

const target = positionals[0];
if (!target)
  fail(
    'usage: pnpm replay <file|folder> [--url URL] [--provider elevenlabs] [--path PATH] [--secret S] [--header "N: V"] [--print-signature]',
  );
if (!(REPLAY_PROVIDERS as readonly string[]).includes(values.provider ?? ''))
  fail(`unknown provider "${values.provider}" (supported: ${REPLAY_PROVIDERS.join(', ')})`);
const provider = values.provider as ReplayProvider;
const secretName = REPLAY_SECRET_NAMES[provider];

function localSecret(): string | undefined {
  try {
    const file = join(resolve(process.env.DATA_DIR ?? '.data'), 'secrets.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[secretName];
  } catch {
    return undefined;
  }
}
const secret = values.secret ?? process.env[secretName] ?? localSecret();
if (!secret) fail(`no signing secret: pass --secret, set ${secretName}, or run \`pnpm start\` once to generate DATA_DIR/secrets.json`);

let files: string[];
try {
  files = payloadFiles(target);
} catch (error) {
  fail(`${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
}
if (files.length === 0) fail(`${target}: no .json payloads`);

if (values['print-signature']) {
  for (const file of files) {
    for (const [name, value] of Object.entries(signatureHeaders(provider, readFileSync(file), secret, Date.now())))
      console.log(`${name}: ${value}`);
  }
  process.exit(0);
}

const headers: Record<string, string> = {};
for (const h of values.header ?? []) {
  const colon = h.indexOf(':');
  if (colon <= 0) fail(`--header "${h}" must look like "Name: value"`);
  headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
}
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) fail('--concurrency must be 1 to 64');
const baseUrl = values.url ?? process.env.AGENTIC_MEMORY_URL ?? 'http://127.0.0.1:8787';

const bar = (done: number, total: number) => {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};
const results = await replayAll(files, { baseUrl, provider, path: values.path, secret, headers, concurrency }, (done, total, last) => {
  if (files.length > 1 && process.stderr.isTTY) process.stderr.write(`\r${bar(done, total)}`);
  else if (files.length > 1) process.stderr.write(`${bar(done, total)} ${last.status} ${last.file}\n`);
});
if (files.length > 1 && process.stderr.isTTY) process.stderr.write('\n');

for (const r of results)
  console.log(
    `${String(r.status).padEnd(4)} ${r.ms.toFixed(1).padStart(8)} ms ${String(r.bytes).padStart(8)} B  ${r.file}${r.status >= 300 || r.status === 0 ? `  ${r.body}` : ''}`,
  );
const fixed = (value: number | null) => (value === null ? '-' : value.toFixed(1));
const summary = summarise(results);
console.log(
  `\n${results.length} sent to ${baseUrl}; statuses ${Object.entries(summary.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ')}; latency p50 ${fixed(summary.p50)} ms, p95 ${fixed(summary.p95)} ms, max ${fixed(summary.max)} ms`,
);
process.exit(results.every((r) => r.status >= 200 && r.status < 300) ? 0 : 1);
