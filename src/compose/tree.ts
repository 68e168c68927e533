// The composed document as a small tree: parsed strictly from XHTML, walked by renderers, serialised back.
import { SaxesParser } from 'saxes';

export interface ElementNode {
  type: 'element';
  name: string;
  attrs: Record<string, string>;
  children: DocNode[];
  /** Line in the composed XHTML, for messages about it. */
  line: number;
}

export interface TextNode {
  type: 'text';
  value: string;
  /** Text only print has (a cross-reference's "(page 34)"): not in the e-book, so not counted where the two are matched. */
  printOnly?: boolean;
}

export type DocNode = ElementNode | TextNode;

export class XhtmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Strict XML parse: a template that emits malformed markup fails here, not inside a reader. */
/** The ids that links inside the document point to (href="#id"). */
export function linkTargets(root: ElementNode): Set<string> {
  const targets = new Set<string>();
  const visit = (node: ElementNode) => {
    if (node.name === 'a' && node.attrs.href?.startsWith('#')) targets.add(node.attrs.href.slice(1));
    for (const child of node.children) if (child.type === 'element') visit(child);
  };
  visit(root);
  return targets;
}

export function parseXhtml(xhtml: string): ElementNode {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const root: ElementNode = { type: 'element', name: '#root', attrs: {}, children: [], line: 0 };
  const stack: ElementNode[] = [root];
  parser.on('opentag', (tag) => {
    const node: ElementNode = { type: 'element', name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], line: parser.line };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (value) => {
    const parent = stack[stack.length - 1]!;
    if (parent !== root) parent.children.push({ type: 'text', value });
  });
  parser.on('error', (error) => {
    throw new XhtmlSyntaxError(error.message.replace(/^[^:]*:\d+:\d+: /, ''), parser.line, parser.column);
  });
  parser.write(xhtml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^<!DOCTYPE html>\s*/i, '')).close();
  const html = root.children.find((n): n is ElementNode => n.type === 'element');
  if (!html) throw new XhtmlSyntaxError('the document has no root element', 1, 1);
  return html;
}

/** Every element's place in document order (pre-order). Copies that only add text nodes number alike. */
export function documentOrder(root: ElementNode): Map<ElementNode, number> {
  const order = new Map<ElementNode, number>();
  const visit = (node: ElementNode) => {
    order.set(node, order.size);
    for (const child of node.children) if (child.type === 'element') visit(child);
  };
  visit(root);
  return order;
}

export function elementChildren(node: ElementNode): ElementNode[] {
  return node.children.filter((c): c is ElementNode => c.type === 'element');
}

export function findElement(node: ElementNode, test: (n: ElementNode) => boolean): ElementNode | undefined {
  if (test(node)) return node;
  for (const child of elementChildren(node)) {
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

export function hasClass(node: ElementNode, name: string): boolean {
  return (node.attrs.class ?? '').split(/\s+/).includes(name);
}

export function textContent(node: DocNode): string {
  return node.type === 'text' ? node.value : node.children.map(textContent).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

const VOID_ELEMENTS = new Set(['br', 'meta', 'img', 'link', 'hr']);

/** XHTML text of a node; characters stay as UTF-8 (never numeric references) so output stays readable and small. */
export function serialize(node: DocNode): string {
  if (node.type === 'text') return escapeXml(node.value);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.children.length === 0 && VOID_ELEMENTS.has(node.name)) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
}
