/**
 * `pnpm eval:quality`: replays the evaluation calls through the local runtime over HTTP (signed
 * post-call webhooks, ingestion, then call start and memory search as a platform would) and
 * prints the figures of issue 18 for the dev and holdout halves, a per-category table, and the
 * multi-session benchmark and the peer conversations (LoCoMo-style) beside a plain BM25 baseline
 * computed in the same run.
 *
 *   pnpm eval:quality [--set dev|holdout|both|none] [--no-multi] [--no-peer] [--failures] [--holdout-failures] [--case <dev id prefix>]
 *
 * Failures of the dev half (calls and the first half of the benchmark's personas) are listed with
 * `--failures`; the holdout's only with `--holdout-failures` (tune on dev, never on holdout).
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};

const { CATEGORIES } = await import('./eval-types');
const { DEV_CASES, HOLDOUT_CASES, evaluateCases, evaluateMultiSession, evaluatePeerConversations, startProduct } = await import(
  './quality-eval'
);
const { loadPeerConversations, PEER_FILES } = await import('./data/peer-conversations');
type SetResult = Awaited<ReturnType<typeof evaluateCases>>;

const pct = (t: { passed: number; total: number }) =>
  t.total === 0 ? '   -  ' : `${((100 * t.passed) / t.total).toFixed(1).padStart(5)}%`;
const frac = (t: { passed: number; total: number }) => `${t.passed}/${t.total}`;

const which = option('--set', 'both');
const sets: [string, typeof DEV_CASES][] = [];
// `--case <id prefix>`: only the dev calls whose id starts with it (while working on one rule).
const only = option('--case', '');
if (which === 'dev' || which === 'both') sets.push(['dev', only ? DEV_CASES.filter((c) => c.id.startsWith(only)) : DEV_CASES]);
if (which === 'holdout' || which === 'both') sets.push(['holdout', HOLDOUT_CASES]);

const started = performance.now();
const product = await startProduct();
try {
  const results: [string, SetResult][] = [];
  for (const [name, cases] of sets) results.push([name, await evaluateCases(product.client, cases)]);

  console.log('\n── quality evaluation (issue 18) ──');
  const header = ['measure', ...results.map(([n, r]) => `${n} (${r.cases} cases)`), 'goal'];
  const rows: string[][] = [
    ['wrong names used as the caller’s', ...results.map(([, r]) => String(r.names.wrong)), '0'],
    ['expected facts in the call-start reply', ...results.map(([, r]) => `${pct(r.facts)} (${frac(r.facts)})`), '≥ 95 %'],
    ['mid-call search: answer in the top 3', ...results.map(([, r]) => `${pct(r.recall)} (${frac(r.recall)})`), '≥ 90 %'],
    ['changed fact: only the newer value current', ...results.map(([, r]) => frac(r.newer)), 'all'],
    ['names correct / missing', ...results.map(([, r]) => `${r.names.correct} / ${r.names.missing}`), ''],
    ['no-answer questions left unmatched (info)', ...results.map(([, r]) => frac(r.unanswerable)), ''],
  ];
  printTable(header, rows);

  console.log('\nper category (name, facts, answers and changed facts together):');
  printTable(
    ['category', ...results.map(([n]) => n)],
    CATEGORIES.map((c) => [c, ...results.map(([, r]) => `${pct(r.categories[c])} (${frac(r.categories[c])})`)]),
  );

  for (const [name, r] of results) {
    const show = name === 'dev' ? flag('--failures') : flag('--holdout-failures');
    if (show && r.failures.length > 0) {
      console.log(`\n${name} failures:`);
      for (const f of r.failures) console.log(`  - ${f}`);
    }
  }

  if (!flag('--no-multi')) {
    const ms = await evaluateMultiSession(product.client);
    const both = {
      product: { passed: ms.dev.product.passed + ms.holdout.product.passed, total: ms.dev.product.total + ms.holdout.product.total },
      baseline: { passed: ms.dev.baseline.passed + ms.holdout.baseline.passed, total: ms.dev.baseline.total + ms.holdout.baseline.total },
    };
    console.log(`\n── multi-session benchmark (${both.product.total} questions about what the caller said, answer in the top 5) ──`);
    printTable(
      ['system', 'dev personas', 'holdout personas', 'all'],
      [
        [
          'product (memory search, fallback never counted)',
          `${pct(ms.dev.product)} (${frac(ms.dev.product)})`,
          `${pct(ms.holdout.product)} (${frac(ms.holdout.product)})`,
          `${pct(both.product)} (${frac(both.product)})`,
        ],
        [
          'plain BM25 over raw caller turns + summaries',
          `${pct(ms.dev.baseline)} (${frac(ms.dev.baseline)})`,
          `${pct(ms.holdout.baseline)} (${frac(ms.holdout.baseline)})`,
          `${pct(both.baseline)} (${frac(both.baseline)})`,
        ],
      ],
    );
    for (const [name, half, show] of [
      ['dev', ms.dev, flag('--failures')],
      ['holdout', ms.holdout, flag('--holdout-failures')],
    ] as const) {
      if (show && half.failures.length > 0) {
        console.log(`\nmulti-session misses (${name} personas):`);
        for (const f of half.failures) console.log(`  - ${f}`);
      }
    }
  }
  if (!flag('--no-peer') && !only) {
    const peer = await evaluatePeerConversations(
      product.client,
      PEER_FILES.flatMap((f) => loadPeerConversations(f)),
    );
    const types = Object.entries(peer.byType);
    const cell = (t: { passed: number; total: number }) => `${pct(t)} (${frac(t)})`;
    console.log(
      `\n── peer conversations, LoCoMo-style (${peer.product.total} questions about what speaker A said, answer in the top 5) ──`,
    );
    printTable(
      ['system', ...types.map(([type]) => type), 'all'],
      [
        ['product (memory search, fallback never counted)', ...types.map(([, t]) => cell(t.product)), cell(peer.product)],
        ['plain BM25 over raw caller turns + summaries', ...types.map(([, t]) => cell(t.baseline)), cell(peer.baseline)],
      ],
    );
    if (flag('--failures') && peer.failures.length > 0) {
      console.log('\npeer-conversation misses:');
      for (const f of peer.failures) console.log(`  - ${f}`);
    }
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await product.stop();
}

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
