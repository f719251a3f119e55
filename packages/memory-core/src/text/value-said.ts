/** The words a value is recognised by in a text: the value as said, without the ISO date a timeline carries. */
export function saidPart(value: string): string {
  return value
    .replace(/\s*\(\d{4}-\d{2}-\d{2}\)$/, '')
    .trim()
    .toLowerCase();
}

/**
 * Whether a text mentions a field's value as said ("in September", "14 Elm Street, Cardiff"). Light
 * enough for the call-start path; `mentionsValue` (value-mentions) also knows amounts however said.
 */
export function mentionsSaid(text: string, value: string): boolean {
  const said = saidPart(value);
  return said.length >= 3 && text.toLowerCase().includes(said);
}
