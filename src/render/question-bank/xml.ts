// A small XML writer for the question banks: elements built in code, every text and attribute escaped on the way out.
import { escapeXml } from '../../compose/tree.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string | number | undefined>;
  children: XmlChild[];
}

/** Text to escape, or markup to keep whole inside CDATA (HTML in Moodle's <text>). */
export type XmlChild = XmlElement | string | { cdata: string };

export const el = (name: string, attrs: XmlElement['attrs'] = {}, ...children: (XmlChild | undefined | false)[]): XmlElement => ({
  name,
  attrs,
  children: children.filter((c): c is XmlChild => c !== undefined && c !== false),
});

/** Inline HTML elements: where they appear, the content is text and is written flat. */
const INLINE = new Set(['em', 'strong', 'span', 'a', 'br', 'b', 'i', 'sub', 'sup', 'code']);

const isElement = (child: XmlChild): child is XmlElement => typeof child === 'object' && 'name' in child;

/** "]]>" cannot stand inside CDATA: it is split across two sections. */
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function attributes(attrs: XmlElement['attrs']): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** Elements holding only elements are indented, two spaces a level; anything with text in it is written flat, so no space is added to or taken from its words. */
export function writeXml(root: XmlElement): string {
  const flat = (child: XmlChild): string => {
    if (typeof child === 'string') return escapeXml(child);
    if (!isElement(child)) return cdata(child.cdata);
    const open = `<${child.name}${attributes(child.attrs)}`;
    return child.children.length ? `${open}>${child.children.map(flat).join('')}</${child.name}>` : `${open}/>`;
  };
  const pretty = (node: XmlElement, depth: number): string => {
    const pad = '  '.repeat(depth);
    const blocksOnly = node.children.every((c) => isElement(c) && !INLINE.has(c.name));
    if (!node.children.length || !blocksOnly) return pad + flat(node);
    const inner = node.children.map((c) => pretty(c as XmlElement, depth + 1));
    return `${pad}<${node.name}${attributes(node.attrs)}>\n${inner.join('\n')}\n${pad}</${node.name}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${pretty(root, 0)}\n`;
}
