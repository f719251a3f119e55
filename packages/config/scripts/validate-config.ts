/**
 * `pnpm validate-config [--config-dir DIR]`: validates config/agent-types.json and every
 * config/environments/*.json; prints one line per problem naming the field, exits 1 on any.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfigDir, validateAllConfig } from '../src';

const flag = process.argv.indexOf('--config-dir');
const configDir = flag >= 0 && process.argv[flag + 1] ? (process.argv[flag + 1] as string) : defaultConfigDir();
let names: string[];
try {
  names = readdirSync(join(configDir, 'environments'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
} catch {
  console.error(`${join(configDir, 'environments')}: cannot be read`);
  process.exit(1);
}
const problems = validateAllConfig(names, configDir);
if (problems.size === 0) {
  console.log(`config valid: agent-types.json and ${names.length} environments (${names.join(', ')})`);
} else {
  for (const [source, list] of problems) {
    for (const p of list) console.error(`${source}: ${p.path}: ${p.problem}`);
  }
  process.exit(1);
}
