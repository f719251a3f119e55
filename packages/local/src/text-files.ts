/** Small file and text helpers of the local commands. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes a file whole or not at all (temporary file, then rename), creating its folder. */
export function writeFileAtomic(path: string, data: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data, mode === undefined ? undefined : { mode });
  renameSync(temp, path);
}

/**
 * Rows as aligned columns, two spaces apart, no trailing spaces. `numbers`: every column after the
 * first is right-aligned (tables of figures).
 */
export function formatTable(rows: readonly (readonly string[])[], align: 'left' | 'numbers' = 'left'): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => (align === 'numbers' && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
