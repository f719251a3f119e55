/**
 * `pnpm elevenlabs setup|verify|reconcile`: wires an ElevenLabs agent to this deployment through
 * the official SDK, checks it, and recovers calls whose post-call webhook never arrived. See
 * README, "Point a real ElevenLabs agent at it". Environment: ELEVENLABS_API_KEY (or a key of the
 * secrets file / environment secret), ELEVENLABS_API_URL (default the public API), DATA_DIR,
 * AWS_BACKEND, SECRET_NAME, AGENTIC_MEMORY_ENV, AGENTIC_MEMORY_CONFIG_DIR, AGENTIC_MEMORY_BASE_URL.
 * No secret is ever printed.
 */

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.MEM0_TELEMETRY ??= 'false';

const { CommandError, elevenLabsCommand } = await import('./elevenlabs/elevenlabs-command');
try {
  process.exit(await elevenLabsCommand(process.argv.slice(2), process.env, (line) => console.log(line)));
} catch (error) {
  console.error(`elevenlabs: ${(error as Error).message}`);
  process.exit(error instanceof CommandError ? error.code : 1);
}
