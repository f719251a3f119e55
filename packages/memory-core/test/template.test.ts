import { renderTemplate, singleLine } from '../src';

describe('renderTemplate', () => {
  it('fills variables, alternatives and literals', () => {
    expect(renderTemplate('Hello {name}!', { name: 'Maya' })).toBe('Hello Maya!');
    expect(renderTemplate('Budget: {budget|=not discussed}', {})).toBe('Budget: not discussed');
    expect(renderTemplate('{last_summary|top_memory|=Returning}', { top_memory: 'Router issue' })).toBe('Router issue');
    expect(renderTemplate('Calls: {call_count}', { call_count: 0 })).toBe('Calls: 0');
  });

  it('renders a missing variable as empty and tidies the spacing', () => {
    expect(renderTemplate('Hello {name} !', {})).toBe('Hello!');
    expect(renderTemplate('{unknown', {})).toBe('{unknown');
  });
});

describe('singleLine', () => {
  it('joins lines and caps the length', () => {
    expect(singleLine('a\nb\r\n\tc')).toBe('a b c');
    expect(singleLine('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
