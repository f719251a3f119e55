/**
 * `pnpm bench` entry: Powertools reads its log level and metrics switch when its modules load, so
 * they are set here, before the bench (and the handlers it imports) load.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.MEM0_TELEMETRY = 'false';
await import('./bench/run');
