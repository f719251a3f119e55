/**
 * `pnpm admin <GET|DELETE> <path> --url <ApiUrl> [--region R] [--key K]`: calls the admin API.
 * Against AWS (an `execute-api` URL) the request is signed with SigV4 using your AWS credentials
 * (the SDK's usual chain: environment, profile, SSO…); your identity needs the stack's
 * `AdminInvokePolicyArn` policy. Against the local runtime it sends `X-Admin-Key` (`--key`, else
 * ADMIN_API_KEY, else DATA_DIR/secrets.json). Prints the status and the JSON answer; exit 1 on non-2xx.
 *
 *   pnpm admin GET /v1/users/%2B15550100123/insights --url https://abc123.execute-api.us-east-1.amazonaws.com
 *   pnpm admin DELETE /v1/users/%2B15550100123 --url https://abc123.execute-api.us-east-1.amazonaws.com
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type AdminRequest, adminRequestHeaders, adminUrl, regionOfApiUrl } from './admin-request';

function fail(message: string): never {
  console.error(`admin: ${message}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, region: { type: 'string' }, key: { type: 'string' } },
});
const [method, path] = positionals;
if ((method !== 'GET' && method !== 'DELETE') || !path?.startsWith('/v1/'))
  fail('usage: pnpm admin <GET|DELETE> </v1/…path> --url <ApiUrl> [--region R] [--key ADMIN_KEY]');
const baseUrl = values.url ?? process.env.AGENTIC_MEMORY_URL ?? 'http://127.0.0.1:8787';
const request: AdminRequest = { method, baseUrl, path };
const region = values.region ?? regionOfApiUrl(baseUrl);

let headers: Record<string, string>;
if (region && !values.key) {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const credentials = await defaultProvider()().catch((error: Error) => fail(`no AWS credentials: ${error.message}`));
  headers = adminRequestHeaders(request, { credentials, region, now: new Date() });
} else {
  let adminKey = values.key ?? process.env.ADMIN_API_KEY;
  if (!adminKey) {
    try {
      adminKey = (JSON.parse(readFileSync(join(process.env.DATA_DIR ?? '.data', 'secrets.json'), 'utf8')) as { ADMIN_API_KEY?: string })
        .ADMIN_API_KEY;
    } catch {
      // no local secrets file
    }
  }
  if (!adminKey) fail('no admin key: pass --key, set ADMIN_API_KEY, or run pnpm start once (DATA_DIR/secrets.json)');
  headers = adminRequestHeaders(request, { adminKey });
}
const res = await fetch(adminUrl(request), { method, headers });
const text = await res.text();
console.log(`${res.status} ${res.statusText}`);
try {
  console.log(JSON.stringify(JSON.parse(text), null, 2));
} catch {
  console.log(text);
}
process.exit(res.ok ? 0 : 1);
