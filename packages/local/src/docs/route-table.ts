/**
 * The README's route table, generated from the route table every deployment serves, and the check
 * that keeps the README truthful (run by the tests; `pnpm docs:routes` rewrites the README).
 */
import type { RouteDefinition } from '@agentic-memory/function-kit';

export const ROUTES_BEGIN = '<!-- routes:begin (generated from packages/functions/kit/src/routes.ts by `pnpm docs:routes`) -->';
export const ROUTES_END = '<!-- routes:end -->';

/** The Markdown table of the routes: one row per route, seed paths marked as aliases. */
export function routesTable(routes: readonly RouteDefinition<string>[]): string {
  const rows = routes.map((r) => {
    const notes = [r.seedAliasOf ? `seed path, same as \`${r.seedAliasOf}\`` : null, r.note ?? null].filter(Boolean).join('; ');
    return `| ${r.method} \`${r.path}\` | ${r.role} | ${r.audience} | ${r.auth} | ${notes} |`;
  });
  return ['| method + path | role | platform | authentication | notes |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README with its route table replaced by the generated one. */
export function withRoutesTable(readme: string, routes: readonly RouteDefinition<string>[]): string {
  const begin = readme.indexOf(ROUTES_BEGIN);
  const end = readme.indexOf(ROUTES_END);
  if (begin < 0 || end < begin) throw new Error(`the README has no generated route table (markers ${ROUTES_BEGIN} … ${ROUTES_END})`);
  return `${readme.slice(0, begin + ROUTES_BEGIN.length)}\n${routesTable(routes)}\n${readme.slice(end)}`;
}

/** What the README says differently from the route table: missing rows, stale rows. Empty when it agrees. */
export function readmeRouteProblems(readme: string, routes: readonly RouteDefinition<string>[]): string[] {
  const begin = readme.indexOf(ROUTES_BEGIN);
  const end = readme.indexOf(ROUTES_END);
  if (begin < 0 || end < begin) return ['the README has no generated route table'];
  const documented = new Set(
    readme
      .slice(begin + ROUTES_BEGIN.length, end)
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| method') && !line.startsWith('|---')),
  );
  const expected = new Set(routesTable(routes).split('\n').slice(2));
  return [
    ...[...expected].filter((row) => !documented.has(row)).map((row) => `missing or outdated in the README: ${row}`),
    ...[...documented].filter((row) => !expected.has(row)).map((row) => `in the README but not in the route table: ${row}`),
  ];
}
