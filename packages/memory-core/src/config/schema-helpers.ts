import { enum as zEnum, number as zNumber, string as zString } from 'zod';

type IssueWithInput = { readonly input?: unknown };

/** Zod error option: `required` when the field is missing, the given text otherwise. */
export function message(text: string): { error: (issue: IssueWithInput) => string } {
  return { error: (issue) => (issue.input === undefined ? 'required' : text) };
}

export function positiveInt() {
  const m = message('expected a positive integer');
  return zNumber(m).int(m).positive(m);
}

export function nonNegativeInt() {
  const m = message('expected a non-negative integer');
  return zNumber(m).int(m).nonnegative(m);
}

export function positiveNumber() {
  const m = message('expected a positive number');
  return zNumber(m).positive(m);
}

export function unitInterval() {
  const m = message('expected a number from 0 to 1');
  return zNumber(m).min(0, m).max(1, m);
}

export function nonEmptyString() {
  const m = message('expected a non-empty string');
  return zString(m).min(1, m);
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return zEnum(values, message(`expected ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}: one of ${values.join(', ')}`));
}
