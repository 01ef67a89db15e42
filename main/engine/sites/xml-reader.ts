/**
 * A small, strict XML 1.0 reader for the simple documents Ferry imports
 * (FileZilla's sitemanager.xml): elements, attributes, text, CDATA, comments
 * and processing instructions, the five predefined entities and character
 * references. Node has no XML parser built in, and this subset is all
 * FileZilla (pugixml) writes.
 *
 * Strict on purpose: malformed input is refused with a line and column
 * rather than half-imported. A DOCTYPE is refused outright — no DTD, no
 * custom entities, so no entity-expansion bombs or external entities (XXE).
 * Iterative, with a depth cap, so hostile nesting cannot overflow the stack.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'XmlError';
  }
}

export interface XmlLimits {
  readonly maxDepth?: number;
  readonly maxLength?: number;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\n]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ILLEGAL_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

interface Building {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlNode[];
}

/** Parses a whole document and returns its root element. Throws `XmlError`. */
export function parseXml(input: string, limits: XmlLimits = {}): XmlElement {
  const maxDepth = limits.maxDepth ?? 256;
  if (input.length > (limits.maxLength ?? 32 * 1024 * 1024)) throw new XmlError('The document is too large', 1, 1);
  // XML end-of-line handling (§2.11): CRLF and lone CR become LF before anything else.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    throw new XmlError(message, line, at - before.lastIndexOf('\n'));
  };

  const illegal = ILLEGAL_CHAR.exec(text);
  if (illegal) fail(`Character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, illegal.index);

  const skipSpace = (): boolean => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    const moved = SPACE.lastIndex > pos;
    pos = SPACE.lastIndex;
    return moved;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) return fail('Expected a name');
    pos = NAME.lastIndex;
    return match[0];
  };
  const expect = (literal: string): void => {
    if (!text.startsWith(literal, pos)) fail(`Expected "${literal}"`);
    pos += literal.length;
  };
  const until = (end: string, what: string): string => {
    const at = text.indexOf(end, pos);
    if (at < 0) fail(`Unterminated ${what}`);
    const body = text.slice(pos, at);
    pos = at + end.length;
    return body;
  };
  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&<\s]*);?/g, (whole, ref: string, offset: number) => {
      if (!whole.endsWith(';')) fail('Unescaped "&" (write &amp;)', start + offset);
      if (ENTITIES[ref] !== undefined) return ENTITIES[ref];
      const hex = /^#x([0-9A-Fa-f]{1,6})$/.exec(ref);
      const dec = /^#([0-9]{1,7})$/.exec(ref);
      const code = hex ? parseInt(hex[1] ?? '', 16) : dec ? Number(dec[1]) : NaN;
      const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!valid) fail(Number.isNaN(code) ? `Unknown entity "&${ref};"` : `Character reference "&${ref};" is not allowed`, start + offset);
      return String.fromCodePoint(code);
    });

  /** Comments, PIs and whitespace outside the root element. */
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', pos)) comment();
      else if (text.startsWith('<?', pos)) instruction();
      else if (text.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE declarations are not supported');
      else return;
    }
  };
  const comment = (): void => {
    pos += 4;
    const start = pos;
    const body = until('-->', 'comment');
    if (body.includes('--') || body.endsWith('-')) fail('"--" is not allowed inside a comment', start);
  };
  const instruction = (): void => {
    pos += 2;
    const start = pos;
    if (readName().toLowerCase() === 'xml' && start !== 2) fail('The XML declaration must come first', start);
    until('?>', 'processing instruction');
  };

  const openTag = (): Building => {
    pos += 1;
    const name = readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = skipSpace();
      if (text.startsWith('/>', pos) || text.startsWith('>', pos)) return { name, attributes, children: [] };
      if (!spaced) fail('Expected whitespace, ">" or "/>"');
      const attribute = readName();
      skipSpace();
      expect('=');
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail('Expected a quoted attribute value');
      pos += 1;
      const start = pos;
      const raw = until(quote as string, 'attribute value');
      if (raw.includes('<')) fail('"<" is not allowed in an attribute value', start + raw.indexOf('<'));
      if (attributes.has(attribute)) fail(`Duplicate attribute "${attribute}"`, start);
      // Literal tabs and line ends become spaces (§3.3.3); &#10; written as a reference stays a line end.
      attributes.set(attribute, decode(raw.replace(/[\t\n]/g, ' '), start));
    }
  };

  if (text.startsWith('<?xml', pos) && /\s/.test(text[5] ?? '')) instruction();
  skipMisc();
  if (text[pos] !== '<' || text[pos + 1] === '/' || text[pos + 1] === '!') fail(pos >= text.length ? 'The document is empty' : 'Expected the root element');
  const root = openTag();
  const stack: Building[] = [];
  if (text.startsWith('/>', pos)) pos += 2;
  else {
    pos += 1;
    stack.push(root);
  }
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Building;
    if (text.startsWith('<!--', pos)) comment();
    else if (text.startsWith('<![CDATA[', pos)) {
      pos += 9;
      top.children.push(until(']]>', 'CDATA section'));
    } else if (text.startsWith('<?', pos)) instruction();
    else if (text.startsWith('</', pos)) {
      pos += 2;
      const start = pos;
      const name = readName();
      if (name !== top.name) fail(`Closing tag </${name}> does not match <${top.name}>`, start);
      skipSpace();
      expect('>');
      stack.pop();
    } else if (text.startsWith('<!', pos)) fail('Unsupported markup declaration');
    else if (text[pos] === '<') {
      const element = openTag();
      top.children.push(element);
      if (text.startsWith('/>', pos)) pos += 2;
      else {
        pos += 1;
        stack.push(element);
        if (stack.length > maxDepth) fail(`Elements are nested deeper than ${maxDepth} levels`);
      }
    } else {
      const start = pos;
      const end = text.indexOf('<', pos);
      if (end < 0) fail(`Element <${top.name}> is not closed`, start);
      pos = end;
      const raw = text.slice(start, end);
      if (raw.includes(']]>')) fail('"]]>" is not allowed in text', start + raw.indexOf(']]>'));
      top.children.push(decode(raw, start));
    }
  }
  skipMisc();
  if (pos < text.length) fail('Unexpected content after the root element');
  return root;
}

/** Direct child elements, optionally only those named `name`. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name));
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

/** The element's direct text (text and CDATA children joined), untrimmed. */
export function textOf(element: XmlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}

/** The text of the first child element `name`, or '' when there is none (pugixml's `child_value(name)`). */
export function childText(element: XmlElement, name: string): string {
  const child = firstChild(element, name);
  return child ? textOf(child) : '';
}

/**
 * The first direct text that is not just whitespace, trimmed: how FileZilla
 * reads a folder's name (and an old-style site name), which it writes as
 * text mixed with the child elements, before or after them.
 */
export function ownText(element: XmlElement): string {
  for (const child of element.children) if (typeof child === 'string' && child.trim() !== '') return child.trim();
  return '';
}
