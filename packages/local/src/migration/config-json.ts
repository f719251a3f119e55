/**
 * Writes configuration JSON the way the repository's formatter (Biome, line width 140) lays it
 * out, so a generated `config/` file passes `pnpm test`'s format check unchanged: objects one key
 * per line, arrays of scalars on one line when they fit.
 */
const LINE_WIDTH = 140;

function scalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function format(value: unknown, indent: string, prefixLength: number): string {
  if (scalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(scalar)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (prefixLength + flat.length + 1 <= LINE_WIDTH) return flat;
    }
    return `[\n${value.map((v) => `${inner}${format(v, inner, inner.length)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return `${head}${format(v, inner, head.length)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

export function formatConfigJson(value: unknown): string {
  return `${format(value, '', 0)}\n`;
}

/** A line diff (longest common subsequence) in unified style, for the files a migration changes. */
export function lineDiff(before: string, after: string, label: string): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = lcs[i] as number[];
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: { kind: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string });
      i += 1;
      j += 1;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      ops.push({ kind: '-', line: a[i] as string });
      i += 1;
    } else {
      ops.push({ kind: '+', line: b[j] as string });
      j += 1;
    }
  }
  if (!ops.some((o) => o.kind !== ' ')) return '';
  // Hunks with three lines of context.
  const out = [`--- ${label}`, `+++ ${label} (migrated)`];
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return;
    out.push(`@@ line ${ops.slice(0, start).filter((o) => o.kind !== '+').length + 1} @@`);
    for (const o of ops.slice(start, end + 1)) out.push(`${o.kind}${o.line}`);
  };
  for (const k of changed) {
    if (start >= 0 && k - 3 <= end) end = Math.min(ops.length - 1, k + 3);
    else {
      flush();
      start = Math.max(0, k - 3);
      end = Math.min(ops.length - 1, k + 3);
    }
  }
  flush();
  return out.join('\n');
}

/**
 * Sets one top-level entry of a formatted JSON object file, leaving every other byte as it was
 * (numbers such as `2.0` keep their spelling). Falls back to rewriting the whole file when the
 * text is not laid out as the formatter lays it out.
 */
export function upsertTopLevelEntry(text: string, key: string, value: unknown): string {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const expected = { ...parsed, [key]: value };
  const head = `  ${JSON.stringify(key)}: `;
  const entry = `${head}${format(value, '  ', head.length)}`;
  let result: string;
  const start = text.indexOf(`\n${head}`);
  if (start >= 0) {
    const close = scalar(value) ? text.indexOf('\n', start + 1) : text.indexOf('\n  }', start + 1);
    const end = scalar(value) ? close : close + 4;
    result = `${text.slice(0, start + 1)}${entry}${text.slice(end)}`;
  } else {
    const last = text.lastIndexOf('}');
    const body = text.slice(0, last).replace(/\s+$/, '');
    result = body.endsWith('{') ? `${body}\n${entry}\n}\n` : `${body},\n${entry}\n}\n`;
  }
  try {
    if (JSON.stringify(JSON.parse(result)) === JSON.stringify(expected)) return result;
  } catch {
    // not laid out as expected: rewrite below
  }
  return formatConfigJson(expected);
}
