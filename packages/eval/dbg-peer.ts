import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteMemoryStore } from '@agentic-memory/provider-adapters/embedded';
import { loadEnglishLexicon } from '@agentic-memory/provider-adapters/lexicon';
import { FixedClock } from '@agentic-memory/memory-core';
import { loadPeerConversations } from './src/data/peer-conversations';
import { startProduct, EVAL_NOW } from './src/quality-eval';
import { containsAny } from './src/matching';

const convs = ['peer-conversations.json', 'peer-conversations-2.json', 'peer-conversations-3.json'].flatMap((f) => loadPeerConversations(f));
const only = process.argv[2];
const { client, dataDir, stop } = await startProduct();
try {
  for (const c of convs) for (const [i, s] of c.sessions.entries()) await client.postCall(`peer_${c.id}`, i, 'support', c.caller, s);
  await client.waitForIngestion();
  const db = new DatabaseSync(join(dataDir, 'memory.db'));
  const store = new SqliteMemoryStore(join(dataDir, 'memory.db'), new FixedClock(EVAL_NOW), { lexicon: loadEnglishLexicon() });
  for (const c of convs) {
    const row = db.prepare("SELECT user_id FROM memories WHERE json_extract(metadata,'$.conversation_id') = ? LIMIT 1").get(`conv_peer_${c.id.replace(/[^A-Za-z0-9]/g, '_')}_0`) as { user_id: string };
    for (const q of c.questions) {
      if (only && !q.q.toLowerCase().includes(only.toLowerCase())) continue;
      const found = (await client.search('support', c.caller, q.q)).filter((m) => !m.fallback);
      const rank = found.findIndex((m) => containsAny(m.text, q.a));
      if (rank >= 0 && rank < 5) continue;
      const raw = await store.search({ userId: row.user_id, text: q.q, limit: 60 });
      const rawRank = raw.findIndex((m) => containsAny(m.text, q.a));
      console.log(`\n## ${c.id} [${q.type}]: ${q.q} → ${JSON.stringify(q.a)} store rank ${rawRank} of ${raw.length}`);
      if (rawRank >= 0) console.log(`  ANSWER (${raw[rawRank]!.score?.toFixed(3)}): ${raw[rawRank]!.text.slice(0, 220)}`);
      else { const all = db.prepare('SELECT text FROM memories WHERE user_id = ?').all(row.user_id) as {text:string}[]; const hit = all.filter((m) => containsAny(m.text, q.a)); hit.slice(0,2).forEach((m) => console.log(`  HOLDER: ${m.text.slice(0, 220)}`)); if (hit.length===0) console.log('  NO MEMORY HOLDS IT'); }
      raw.slice(0, 3).forEach((m, k) => console.log(`  ${k}. (${m.score?.toFixed(3)}) ${m.text.slice(0, 140)}`));
    }
  }
} finally {
  await stop();
}
