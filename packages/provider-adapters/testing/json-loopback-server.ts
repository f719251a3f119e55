import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON request as a contract server reads it: its URL, raw text and parsed body. */
export interface JsonRequest {
  readonly url: URL;
  readonly text: string;
  readonly body: unknown;
}

/**
 * The loopback HTTP plumbing the contract servers (Mem0, ElevenLabs) share: start on a free port,
 * stop closing every connection, read a JSON body (400 `invalid JSON` when it is not), reply JSON.
 * Subclasses implement `handle` with the platform's contract.
 */
export abstract class JsonLoopbackServer {
  private server: Server | null = null;

  /** Starts listening (port 0: a free one); resolves to the base URL. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, host, () => resolve()));
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    this.beforeStop();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }

  /** What a subclass clears before the server closes (pending timers). */
  protected beforeStop(): void {}

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** The request's body as JSON, or null after answering 400 `invalid JSON`. */
  protected async readJson(req: IncomingMessage, res: ServerResponse, base: string): Promise<JsonRequest | null> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', base);
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return { url, text, body: text ? JSON.parse(text) : null };
    } catch {
      this.reply(res, 400, { detail: 'invalid JSON' });
      return null;
    }
  }

  protected reply(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    if (res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(payload));
  }
}
