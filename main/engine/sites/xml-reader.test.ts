import { describe, expect, it } from 'vitest';
import { childElements, childText, ownText, parseXml, textOf, XmlError, type XmlElement } from './xml-reader.js';

const errorOf = (xml: string): XmlError => {
  try {
    parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error('parsed without error');
};

describe('XML reader', () => {
  it('reads elements, attributes, text, entities, CDATA, comments and PIs', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<!-- top -->\n<a x="1" y=\'&quot;two&quot;\'>' +
        'A &amp; B &lt;&#x41;&#66;&gt;<b/><c k="v&#10;w">in c</c><![CDATA[<raw> & ]]><?pi data?><!-- inner --></a>\n<!-- after -->\n',
    );
    expect(root.name).toBe('a');
    expect(Object.fromEntries(root.attributes)).toEqual({ x: '1', y: '"two"' });
    expect(textOf(root)).toBe('A & B <AB><raw> & ');
    expect(childElements(root).map((e) => e.name)).toEqual(['b', 'c']);
    expect(childText(root, 'c')).toBe('in c');
    expect(childText(root, 'missing')).toBe('');
    expect((childElements(root, 'c')[0] as XmlElement).attributes.get('k')).toBe('v\nw');
  });

  it('normalises line ends and attribute whitespace, keeps unicode', () => {
    const root = parseXml('<r a="x\ty">Zeile 1\r\nZeile 2\rДа 日本 📦</r>');
    expect(textOf(root)).toBe('Zeile 1\nZeile 2\nДа 日本 📦');
    expect(root.attributes.get('a')).toBe('x y');
  });

  it("reads FileZilla folder names mixed with children, before or after them", () => {
    const root = parseXml('<Servers><Folder expanded="1">New style\n\t<Server/></Folder><Folder>\n  <Server/>\n  Old style&#x0A;\n</Folder><Folder> <Server/> </Folder></Servers>');
    expect(childElements(root, 'Folder').map(ownText)).toEqual(['New style', 'Old style', '']);
  });

  it.each([
    ['<a><b></a>', /Closing tag <\/a> does not match <b>.*line 1, column 9/],
    ['<a>', /Element <a> is not closed|not closed/],
    ['<a>text', /Element <a> is not closed/],
    ['', /The document is empty/],
    ['just text', /Expected the root element/],
    ['<a></a><b/>', /Unexpected content after the root element/],
    ['<a x="1" x="2"/>', /Duplicate attribute "x"/],
    ['<a x=1/>', /Expected a quoted attribute value/],
    ['<a x="<"/>', /"<" is not allowed in an attribute value/],
    ['<a>Tom & Jerry</a>', /Unescaped "&"/],
    ['<a>&nbsp;</a>', /Unknown entity "&nbsp;"/],
    ['<a>&#0;</a>', /Character reference "&#0;" is not allowed/],
    ['<a>\u0001</a>', /Character U\+0001 is not allowed/],
    ['<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', /DOCTYPE declarations are not supported/],
    ['<a><!-- a -- b --></a>', /"--" is not allowed inside a comment/],
    ['<a><![CDATA[never closed</a>', /Unterminated CDATA section/],
    ['<a>]]></a>', /"]]>" is not allowed in text/],
    ['<a><?xml version="1.0"?></a>', /The XML declaration must come first/],
    ['<a b="1"c="2"/>', /Expected whitespace/],
  ])('refuses %j', (xml, message) => {
    expect(errorOf(xml).message).toMatch(message);
  });

  it('gives the line and column of the problem', () => {
    const error = errorOf('<a>\n  <b>\n  </c>\n</a>');
    expect([error.line, error.column]).toEqual([3, 5]);
  });

  it('bounds nesting depth and size', () => {
    const deep = `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`;
    expect(errorOf(deep).message).toMatch(/nested deeper than 256/);
    expect(() => parseXml('<a/>', { maxLength: 3 })).toThrow(/too large/);
    expect(parseXml(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`).name).toBe('a');
  });
});
