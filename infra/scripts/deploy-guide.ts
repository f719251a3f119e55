/**
 * `pnpm deploy-guide`: writes docs/deploy.md from the synthesised templates and the price table.
 * `--check`: exit 1 when the committed file differs (the infra tests run the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { deployGuide } from '../lib/deploy-guide';

const root = findWorkspaceRoot();
const file = join(root, 'docs', 'deploy.md');
const guide = deployGuide(root);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: differs
  }
  if (committed !== guide) {
    console.error('docs/deploy.md is out of date: run pnpm deploy-guide');
    process.exit(1);
  }
  console.log('docs/deploy.md is up to date');
} else {
  writeFileSync(file, guide);
  console.log(`wrote ${file}`);
}
