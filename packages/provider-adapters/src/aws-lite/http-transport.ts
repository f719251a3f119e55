import type { IncomingHttpHeaders } from 'node:http';

/**
 * node:http and node:https through `process.getBuiltinModule`, not ESM imports: importing a
 * builtin as ESM builds its namespace by reading every export, and node:http's lazy WebSocket
 * exports then load undici (~25 ms of a cold start, measured). node:https (with node:tls) is
 * loaded on the first https exchange only: a client of a plain-http endpoint (an emulator, a
 * local runtime) never pays for TLS.
 */
const http = process.getBuiltinModule('node:http');
let httpsModule: typeof import('node:https') | undefined;
function https(): typeof import('node:https') {
  httpsModule ??= process.getBuiltinModule('node:https');
  return httpsModule;
}

/** Response headers by lower-case name (the global `Headers` class would load undici too). */
export interface AnswerHeaders {
  get(name: string): string | null;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: AnswerHeaders;
  readonly body: Uint8Array;
}

/** Network failures worth another attempt (the SDK's transient set, plus a DNS hiccup). */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'ENETUNREACH']);

export function transientNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code);
}

function toHeaders(raw: IncomingHttpHeaders): AnswerHeaders {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  return { get: (name) => headers.get(name.toLowerCase()) ?? null };
}

/**
 * One HTTP exchange over node:http / node:https with keep-alive agents (idle sockets are kept
 * until the service closes them, and do not hold the process open). Chosen over the global fetch:
 * fetch loads undici on its first use, which measured ~35 ms more on a cold start (import + first
 * request), and its pool drops idle connections after 4 s. Redirects are not followed.
 */
export class HttpTransport {
  private readonly http = new http.Agent({ keepAlive: true });
  private httpsAgent: import('node:https').Agent | undefined;

  private secureAgent(): import('node:https').Agent {
    this.httpsAgent ??= new (https().Agent)({ keepAlive: true });
    return this.httpsAgent;
  }

  exchange(
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: AbortSignal },
  ): Promise<HttpAnswer> {
    const secure = url.protocol === 'https:';
    const headers = init.body ? { ...init.headers, 'content-length': String(init.body.byteLength) } : init.headers;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const request = (secure ? https().request : http.request)(
        url,
        { method: init.method, headers, agent: secure ? this.secureAgent() : this.http, ...(init.signal ? { signal: init.signal } : {}) },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: response.statusCode ?? 0,
              headers: toHeaders(response.headers),
              body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
            });
          });
          response.on('close', () => {
            if (!response.complete)
              reject(Object.assign(new Error('the connection closed before the whole answer arrived'), { code: 'ECONNRESET' }));
          });
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
  }

  /** Closes the kept-alive sockets (tests, or a process about to exit). */
  close(): void {
    this.http.destroy();
    this.httpsAgent?.destroy();
  }
}
