import { request } from 'node:http';
import { useLocalRuntime } from './runtime-support';

/**
 * Past the local runtime's hard cap (API Gateway's 10 MiB) the body is never buffered: a missing or
 * wrong credential is still a 401; a good one, or a signature that needs the body, a 413.
 */
const OVER_CAP = 10 * 1024 * 1024 + 1;

function post(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < OVER_CAP) {
        const piece = sent + chunk.length > OVER_CAP ? chunk.subarray(0, OVER_CAP - sent) : chunk;
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('a body over the hard cap', () => {
  const local = useLocalRuntime();
  const secret = (name: string) => local.runtime.secrets?.values[name as 'ADMIN_API_KEY'] as string;

  it('is 401 without the credential, 413 with it, on header-secret routes', async () => {
    expect(await post(`${local.runtime.url}/client-data`, {})).toBe(401);
    expect(await post(`${local.runtime.url}/client-data`, { 'x-workspace-key': 'wrong' })).toBe(401);
    expect(await post(`${local.runtime.url}/client-data`, { 'x-workspace-key': secret('ELEVENLABS_WORKSPACE_KEY') })).toBe(413);
    expect(await post(`${local.runtime.url}/v1/generic/webhook`, { 'x-api-key': secret('GENERIC_API_KEY') })).toBe(413);
  }, 60_000);

  it('is 401 without a signature header, 413 with one (it cannot be checked without the body)', async () => {
    expect(await post(`${local.runtime.url}/post-call`, {})).toBe(401);
    expect(await post(`${local.runtime.url}/post-call`, { 'elevenlabs-signature': 't=1,v0=00' })).toBe(413);
  }, 60_000);
});
