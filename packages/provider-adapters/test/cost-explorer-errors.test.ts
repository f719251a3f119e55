import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CostExplorerNotEnabledError, CostExplorerSource } from '../src/aws/cost-explorer-source';

/** A loopback Cost Explorer speaking awsJson1_1: every GetCostAndUsage answers the given error. */
async function costExplorerAnswering(status: number, type: string, message: string): Promise<{ endpoint: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type });
      res.end(JSON.stringify({ __type: type, Message: message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const period = { start: '2026-11-29', end: '2026-11-30' };
const source = (endpoint: string) =>
  new CostExplorerSource({ tags: { Project: 'agentic-memory' }, functions: {}, provisionedRoles: [], endpoint });

describe('Cost Explorer answers the cost report cannot use', () => {
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID ??= 'testing';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  });

  it('not enabled in the account: a clear error naming what to do (the scheduled run fails and its alarm fires)', async () => {
    const { endpoint, server } = await costExplorerAnswering(400, 'AccessDeniedException', 'User not enabled for cost explorer access');
    try {
      const error = await source(endpoint)
        .costByService(period)
        .catch((e: Error) => e);
      expect(error).toBeInstanceOf(CostExplorerNotEnabledError);
      expect((error as Error).message).toMatch(/^Cost Explorer is not enabled for this account .*Launch Cost Explorer.*24 h/);
    } finally {
      server.close();
    }
  });

  it('no data yet for the period: no cost (the report says no_cost_data), not a failure', async () => {
    const { endpoint, server } = await costExplorerAnswering(400, 'DataUnavailableException', 'Data is not available yet');
    try {
      expect(await source(endpoint).costByService(period)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('any other error is the error it is', async () => {
    const { endpoint, server } = await costExplorerAnswering(400, 'ValidationException', 'bad filter');
    try {
      await expect(source(endpoint).costByService(period)).rejects.toThrow('bad filter');
    } finally {
      server.close();
    }
  });
});
