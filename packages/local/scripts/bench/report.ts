import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The figures of one bench run, each with the method that produced it. */
export class BenchReport {
  private readonly results: Record<string, number | string | null> = {};
  private readonly methods: Record<string, string> = {};
  private readonly tables: { title: string; rows: string[][] }[] = [];
  private readonly started = Date.now();

  record(key: string, value: number | string | null, method: string): void {
    this.results[key] = typeof value === 'number' ? Math.round(value * 100) / 100 : value;
    this.methods[key] = method;
  }

  /** A table printed as is (the per-role bundle contents). */
  table(title: string, rows: string[][]): void {
    this.tables.push({ title, rows });
  }

  value(key: string): number | null {
    const v = this.results[key];
    return typeof v === 'number' ? v : null;
  }

  print(): void {
    const width = Math.max(...Object.keys(this.results).map((k) => k.length));
    console.log(
      `\nAgentic Memory bench — Node ${process.version}, ${cpus().length} cores, ${((Date.now() - this.started) / 1000).toFixed(0)} s\n`,
    );
    for (const { title, rows } of this.tables) {
      console.log(title);
      const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
      for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
      console.log('');
    }
    for (const [key, value] of Object.entries(this.results)) {
      console.log(`${key.padEnd(width)}  ${String(value ?? '-').padStart(9)}  ${this.methods[key]}`);
    }
  }

  write(file: string): void {
    const out = {
      generated_at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      results: this.results,
      methods: this.methods,
    };
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nwritten to ${file}`);
  }
}
