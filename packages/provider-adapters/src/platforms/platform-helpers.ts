import type { MetadataValue, Turn } from '@agentic-memory/memory-core';
import { at, isObject, numberOrNull, stringOrNull } from '../payload-error';

/** The first value found at any of the dot paths. */
export function firstAt(body: unknown, paths: readonly string[] | undefined): unknown {
  for (const path of paths ?? []) {
    const value = at(body, path);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

const CALLER_ROLES = new Set(['user', 'customer', 'caller', 'human']);
const AGENT_ROLES = new Set(['agent', 'assistant', 'bot', 'ai']);

/** Turns from a list of `{role, content|message|text}` items; unknown roles become tool/system turns. */
export function turnsFrom(items: unknown, offsetOf: (item: Record<string, unknown>) => number | null = () => null): Turn[] {
  if (typeof items === 'string') {
    // A plain transcript: "AI: …\nUser: …" lines.
    return items
      .split(/\r?\n/)
      .map((line) => /^\s*(user|customer|caller|human|ai|agent|assistant|bot)\s*:\s*(.+)$/i.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({
        speaker: CALLER_ROLES.has((m[1] ?? '').toLowerCase()) ? 'caller' : 'agent',
        text: (m[2] ?? '').trim(),
        offsetSecs: null,
      }));
  }
  if (!Array.isArray(items)) return [];
  const turns: Turn[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const text = stringOrNull(item.content) ?? stringOrNull(item.message) ?? stringOrNull(item.text);
    if (!text) continue;
    const role = String(item.role ?? '').toLowerCase();
    const speaker = CALLER_ROLES.has(role) ? 'caller' : AGENT_ROLES.has(role) ? 'agent' : role === 'system' ? 'system' : 'tool';
    turns.push({ speaker, text, offsetSecs: offsetOf(item) });
  }
  return turns;
}

/** Scalars of an object (nested values as JSON), for data-collection results. */
export function scalars(value: unknown): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : null;
    else out[key] = JSON.stringify(v);
  }
  return out;
}

/** The instants a call can have happened at: anything else is a corrupt or hostile value, not a time. */
export const EARLIEST_CALL_MS = Date.UTC(2000, 0, 1);
export const LATEST_CALL_MS = Date.UTC(2100, 0, 1);

/** Epoch seconds, milliseconds, microseconds or nanoseconds (by magnitude) → milliseconds. */
function epochMs(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e17) return value / 1e6;
  if (magnitude >= 1e14) return value / 1e3;
  if (magnitude >= 1e11) return value;
  return value * 1000;
}

/**
 * An ISO-8601 UTC instant from an epoch number (any unit), a numeric string or a date string —
 * or null for anything that is not a plausible call time (out of range, NaN, `1e308`, objects):
 * never an exception.
 */
export function isoOrNull(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number') ms = epochMs(value);
  else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) ms = epochMs(Number(value));
  else if (typeof value === 'string') ms = Date.parse(value);
  else return null;
  if (!Number.isFinite(ms) || ms < EARLIEST_CALL_MS || ms > LATEST_CALL_MS) return null;
  return new Date(ms).toISOString();
}

export function msOrNull(value: unknown): number | null {
  const iso = isoOrNull(value);
  return iso ? Date.parse(iso) : null;
}

/** Stringified dynamic variables (Retell and Vapi take strings). */
export function stringValues(vars: Readonly<Record<string, string | number | boolean>>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
}

export { numberOrNull, stringOrNull };
