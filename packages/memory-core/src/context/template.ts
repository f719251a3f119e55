export type TemplateValue = string | number | boolean | null | undefined;

/**
 * Renders `{name}` placeholders. `{a|b|=text}` tries variables `a` then `b`, then the literal
 * `text`. A placeholder with no value renders empty. Unknown syntax is left as written.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, TemplateValue>>): string {
  return template
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*(?:\|(?:[A-Za-z_][A-Za-z0-9_]*|=[^{}]*))*)\}/g, (_, body: string) => {
      for (const option of body.split('|')) {
        if (option.startsWith('=')) return option.slice(1);
        const value = values[option];
        if (value !== null && value !== undefined && value !== '') return String(value);
      }
      return '';
    })
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** One line, at most `max` characters: what voice platforms and tool results accept. */
export function singleLine(text: string, max = 500): string {
  const line = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
