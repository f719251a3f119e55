/**
 * The little XML that S3's REST API speaks: elements, text, entities, CDATA; attributes,
 * declarations, comments and processing instructions are skipped. Enough for list, delete and
 * error responses, strict about structure (an unbalanced document is an error, not a guess).
 */
export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  /** Concatenated text of this element's own text nodes, entities decoded. */
  readonly text: string;
}

export class XmlParseError extends Error {
  constructor(message: string) {
    super(`malformed XML: ${message}`);
    this.name = 'XmlParseError';
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const named = NAMED_ENTITIES[entity];
    if (named === undefined) throw new XmlParseError(`unknown entity ${whole}`);
    return named;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

interface Building {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const root: Building = { name: '', children: [], text: '' };
  const stack: Building[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      const top = stack[stack.length - 1] as Building;
      if (stack.length === 1) {
        if (text.trim() !== '') throw new XmlParseError('text outside the root element');
      } else top.text += decodeXmlEntities(text);
    }
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) i = skipPast(xml, lt, '?>');
    else if (xml.startsWith('<!--', lt)) i = skipPast(xml, lt, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end === -1) throw new XmlParseError('unterminated CDATA');
      if (stack.length === 1) throw new XmlParseError('CDATA outside the root element');
      (stack[stack.length - 1] as Building).text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', lt)) i = skipPast(xml, lt, '>');
    else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new XmlParseError('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== name) throw new XmlParseError(`unexpected </${name}>`);
      (stack[stack.length - 1] as Building).children.push(open);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      const selfClosing = xml[end - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const name = /^[^\s/>]+/.exec(inner)?.[0];
      if (!name) throw new XmlParseError('element without a name');
      if (stack.length === 1 && root.children.length > 0) throw new XmlParseError('more than one root element');
      const element: Building = { name, children: [], text: '' };
      if (selfClosing) (stack[stack.length - 1] as Building).children.push(element);
      else stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlParseError(`<${(stack[stack.length - 1] as Building).name}> is not closed`);
  const [document] = root.children;
  if (!document) throw new XmlParseError('no root element');
  return document;
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw new XmlParseError(`unterminated ${xml.slice(from, from + 4)}`);
  return end + terminator.length;
}

/** Index of the `>` closing the tag at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let i = from + 1; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  throw new XmlParseError('unterminated start tag');
}

/** Direct children named `name`. */
export function xmlChildren(element: XmlElement, name: string): readonly XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Text of the first direct child named `name`, or undefined when there is none. */
export function xmlChildText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}
