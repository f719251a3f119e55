/**
 * `pnpm mem0:contract-server`: runs the loopback Mem0 contract server (the protocol peer the Mem0
 * adapter is tested against) so `MEMORY_STORE=mem0` can be tried on a machine with no internet or
 * no Mem0 project. Environment: MEM0_CONTRACT_PORT (default 8788), MEM0_API_KEY (the key it
 * accepts; default `m0-local-contract-key`). It keeps memories in memory until stopped.
 */
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';

const port = Number(process.env.MEM0_CONTRACT_PORT ?? '8788');
const apiKey = process.env.MEM0_API_KEY ?? 'm0-local-contract-key';
const server = new Mem0ContractServer(apiKey);
const url = await server.start(port);
console.log(`Mem0 contract server on ${url} (API key: ${apiKey})`);
console.log(`Use it with: MEMORY_STORE=mem0 MEM0_HOST=${url} MEM0_API_KEY=${apiKey} pnpm start`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.stop().then(() => process.exit(0));
  });
}
