import fc from 'fast-check';

/**
 * Hostile JSON for property tests and the HTTP fuzz suite: values in every encoding a platform
 * may send where the product expects something else — epoch seconds, milliseconds, nanoseconds,
 * numeric strings, `1e308`, 2^63, negatives, NaN-ish strings, objects where scalars belong, arrays,
 * very long strings, control characters and lone surrogates, path-like strings.
 */
export type Json = unknown;

/** Every path of a JSON value (objects, arrays and leaves), as key lists. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    value.slice(0, 6).forEach((v, i) => {
      out.push(...pathsOf(v, [...prefix, i]));
    });
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

export function setAt(root: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (root !== null && typeof root === 'object' ? root : {}) as Record<string | number, Json>;
  const copy = (Array.isArray(container) ? [...container] : { ...container }) as Record<string | number, Json>;
  copy[head as string] = setAt(container[head as string], rest, value);
  return copy;
}

export const hostile: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    1e308,
    -1e308,
    2 ** 63,
    -1,
    0,
    1792000000,
    1792000000000,
    1792000000000000000,
    Number.MAX_SAFE_INTEGER,
    '9223372036854775808',
    '1e308',
    'NaN',
    'Infinity',
    '-0',
    '',
    ' ',
    '2026-13-45T99:99:99Z',
    '1792000000',
    'not a date',
    true,
    false,
    null,
    {},
    [],
    { nested: { deep: [1, 2, { x: 'y' }] } },
    [null, {}, 'x'],
    'x'.repeat(200_000),
    '\u0000\u001f\ud800',
    '../../etc/passwd',
    'a/b c?d#e',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.object({ maxDepth: 2, maxKeys: 3 }),
);
