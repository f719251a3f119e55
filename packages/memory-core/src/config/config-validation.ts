import type { ZodError } from 'zod';
import { type AgentTypes, AgentTypesFileSchema } from './agent-type-schema';

export interface ConfigProblem {
  /** Dot path inside the file, e.g. `elevenlabs_sales_agent.memory_config.search_limit`. */
  readonly path: string;
  readonly problem: string;
}

export class ConfigValidationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${source} is invalid:\n${problems.map((p) => `  ${p.path}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** One line per problem, naming the field: `memory_config.search_limit: expected a positive integer`. */
export function toProblems(error: ZodError): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), problem: 'unknown field' });
    } else if (issue.code === 'invalid_key') {
      problems.push({ path: formatPath(issue.path), problem: `invalid name: ${issue.issues[0]?.message ?? issue.message}` });
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      // zod's own wording for objects and arrays; the schema words every scalar itself.
      const missing = /received undefined$/.test(issue.message);
      problems.push({ path: formatPath(issue.path), problem: missing ? 'required' : `expected ${article(issue.expected)}` });
    } else {
      problems.push({ path: formatPath(issue.path), problem: issue.message });
    }
  }
  return problems;
}

export function validateAgentTypes(input: unknown): Validation<AgentTypes> {
  const parsed = AgentTypesFileSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: toProblems(parsed.error) };
}

export function parseAgentTypes(input: unknown, source = 'config/agent-types.json'): AgentTypes {
  const result = validateAgentTypes(input);
  if (!result.ok) throw new ConfigValidationError(source, result.problems);
  return result.value;
}
