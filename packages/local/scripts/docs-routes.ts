/** `pnpm docs:routes`: rewrites the README's route table from the route table (kit/src/routes.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { ROUTES } from '@agentic-memory/function-kit';
import { withRoutesTable } from '../src/docs/route-table';

const file = join(findWorkspaceRoot(), 'README.md');
const before = readFileSync(file, 'utf8');
const after = withRoutesTable(before, ROUTES);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? 'README route table already up to date' : `README route table rewritten (${ROUTES.length} routes)`);
