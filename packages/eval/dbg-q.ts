import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteMemoryStore } from '@agentic-memory/provider-adapters/embedded';
import { loadEnglishLexicon } from '@agentic-memory/provider-adapters/lexicon';
import { FixedClock } from '@agentic-memory/memory-core';
import { DEV_CASES } from './src/data/eval-set';
import { startProduct, EVAL_NOW } from './src/quality-eval';
import { containsAny } from './src/matching';

const sel = process.argv[2] ?? '';
const only = process.argv[3];
const cases = [...DEV_CASES].filter((c) => (sel.startsWith('cat:') ? c.category === sel.slice(4) : c.id.startsWith(sel)));
const { client, dataDir, stop } = await startProduct();
try {
  for (const c of cases) for (let i = 0; i < c.calls.length; i += 1) await client.postCall(c.id, i, c.agent, c.caller, c.calls[i]!);
  await client.waitForIngestion();
  const db = new DatabaseSync(join(dataDir, 'memory.db'));
  const store = new SqliteMemoryStore(join(dataDir, 'memory.db'), new FixedClock(EVAL_NOW), { lexicon: loadEnglishLexicon() });
  for (const c of cases) {
    const row = db.prepare("SELECT user_id FROM memories WHERE json_extract(metadata,'$.conversation_id') = ? LIMIT 1").get(`conv_${c.id.replace(/[^A-Za-z0-9]/g, '_')}_0`) as { user_id: string };
    if (process.env.SHOW_START) console.log('START', c.id, (await client.callStart(c.agent, c.caller)).text);
    if (process.env.SHOW_MEM) for (const m of db.prepare('SELECT text FROM memories WHERE user_id = ?').all(row.user_id) as {text:string}[]) console.log('  MEM', m.text.slice(0, 200));
    const qs = [...c.questions.map((q) => ({ q: q.q, a: q.a })), ...(c.expect.changed ?? []).map((ch) => ({ q: ch.q, a: ch.now }))];
    for (const q of qs) {
      if (only && !q.q.toLowerCase().includes(only.toLowerCase())) continue;
      if (q.a === null) continue;
      const found = await client.search(c.agent, c.caller, q.q);
      const rank = found.findIndex((m) => !m.fallback && containsAny(m.text, q.a!));
      if (!process.env.ALL && rank >= 0 && rank < 3) continue;
      const raw = await store.search({ userId: row.user_id, text: q.q, limit: 60 });
      const rawRank = raw.findIndex((m) => containsAny(m.text, q.a!));
      console.log(`\n## ${c.id}: ${q.q} → ${JSON.stringify(q.a)} product ${rank} store ${rawRank}/${raw.length}`);
      if (rawRank >= 0) console.log(`  ANSWER (${raw[rawRank]!.score?.toFixed(3)}): ${raw[rawRank]!.text.slice(0, 200)}`);
      else { const all = db.prepare('SELECT text FROM memories WHERE user_id = ?').all(row.user_id) as {text:string}[]; const hit = all.filter((m) => containsAny(m.text, q.a!)); hit.slice(0,2).forEach((m) => console.log(`  HOLDER: ${m.text.slice(0, 200)}`)); if (hit.length===0) console.log('  NO MEMORY HOLDS IT'); }
      raw.slice(0, Number(process.env.TOP ?? 3)).forEach((m, k) => console.log(`  ${k}. (${m.score?.toFixed(3)}) ${m.text.slice(0, 150)}`));
    }
  }
} finally {
  await stop();
}
