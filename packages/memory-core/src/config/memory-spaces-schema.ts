import type { input as ZodInput } from 'zod';
import { array as zArray, record as zRecord, string as zString } from 'zod';
import { PROVIDERS, type Provider } from '../domain/call-record';
import { enumOf, message } from './schema-helpers';

/**
 * `memory_spaces` in an environment file (see memory-spaces.ts): `{ "<space>": ["elevenlabs",
 * "vapi"] }`, a platform in one space at most. Apart from the runtime helpers so that no function
 * bundle carries the schema library (configuration is validated at build time).
 */
const SPACE_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

export const MemorySpacesSchema = zRecord(
  zString(),
  zArray(enumOf(PROVIDERS, 'provider')).min(2, message('expected at least two providers (a platform alone is its own space)')),
)
  .default({})
  .superRefine((spaces, ctx) => {
    const seen = new Map<Provider, string>();
    for (const [name, providers] of Object.entries(spaces)) {
      if (!SPACE_NAME.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'expected a space name: a lowercase letter, then letters, digits, _ or -, at most 32',
        });
      }
      for (const [i, provider] of providers.entries()) {
        const other = seen.get(provider);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name, i],
            message: `${provider} is already in space "${other}": a platform belongs to one space`,
          });
        }
        seen.set(provider, name);
      }
      const named = (PROVIDERS as readonly string[]).includes(name) ? (name as Provider) : null;
      if (named && !providers.includes(named)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `a space named after ${named} must include ${named}` });
      }
    }
  });

export type MemorySpacesInput = ZodInput<typeof MemorySpacesSchema>;
