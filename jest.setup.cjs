// Handler tests run the real Powertools Logger and Metrics: keep their JSON lines off the test
// output unless asked for (tests that inspect EMF set these themselves).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
