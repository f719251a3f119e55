/**
 * `pnpm eval:recall-latency`: how long a mid-call memory search takes for a caller with many
 * memories. Replays the first benchmark persona's sessions (a long relationship: ~250 memories)
 * through the local runtime, then asks every benchmark question (each once, so the answer cache
 * never serves it) over HTTP as the platform would, and prints the latency percentiles and the
 * caller's memory count. A script that prints numbers, not a timed test: run it on a quiet machine.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const { PERSONAS, sessionsOf } = await import('./data/multi-session');
const { startProduct } = await import('./quality-eval');

const persona = PERSONAS[0];
if (!persona) throw new Error('no benchmark persona');
const product = await startProduct();
try {
  const sessions = sessionsOf(persona, 0, Date.parse('2026-01-05T18:00:00Z'));
  for (const [i, session] of sessions.entries())
    await product.client.postCall('latency', i, 'support', persona.caller, {
      at: session.at,
      turns: session.turns,
      summary: session.summary,
    });
  await product.client.waitForIngestion();
  const questions = [...new Set(PERSONAS.flatMap((p) => p.facts.map((f) => f.q.replace(p.name.split(' ')[0] ?? '', 'the caller'))))];
  // Warm-up: the lexicon's caches fill on first use (reported apart).
  const warm: number[] = [];
  for (const q of questions.slice(0, 5)) {
    const t = performance.now();
    await product.client.search('support', persona.caller, `${q} (warm-up)`);
    warm.push(performance.now() - t);
  }
  const times: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await product.client.search('support', persona.caller, q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  const { DatabaseSync } = await import('node:sqlite');
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  // The only caller of this run: every memory of the store is theirs.
  const file = readdirSync(product.dataDir, { recursive: true })
    .map(String)
    .find((f) => f.endsWith('memory.db'));
  const db = new DatabaseSync(join(product.dataDir, file ?? 'memory.db'), { readOnly: true });
  const count = Number((db.prepare('SELECT COUNT(*) AS n FROM memories').get() as { n: number }).n);
  db.close();
  console.log(`memory search over HTTP, one caller of ${sessions.length} calls (${count} memories)`);
  console.log(
    `  ${times.length} distinct questions: p50 ${at(50).toFixed(1)} ms, p90 ${at(90).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
  );
  console.log(`  first searches (lexicon caches filling): ${warm.map((w) => w.toFixed(0)).join(', ')} ms`);
} finally {
  await product.stop();
}
