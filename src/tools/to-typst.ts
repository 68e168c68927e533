// For the benchmark only: a composed guide as Typst markup (headings, paragraphs, lists, tables, emphasis, links), so Typst can set the same content.
import { elementChildren, findElement, type DocNode, type ElementNode } from '../compose/tree.js';

/**
 * Close enough to compare speed, not a second renderer: the text, its structure and its two faces are the
 * same; boxes, figures, running heads and cross-reference page numbers are left out (Typst would make its own).
 */
export function toTypst(root: ElementNode, fonts: { serif: string; sans: string }): string {
  const body = findElement(root, (n) => n.name === 'body') ?? root;
  const preamble = [
    `#set page(paper: "a4", margin: (x: 2cm, y: 2.2cm), numbering: "1")`,
    `#set text(font: "${fonts.serif}", size: 10.5pt, lang: "en")`,
    `#set par(justify: true)`,
    `#show heading: set text(font: "${fonts.sans}")`,
    `#outline()`,
    '',
  ];
  return preamble.join('\n') + blocks(elementChildren(body)) + '\n';
}

function blocks(nodes: ElementNode[], depth = 0): string {
  return nodes.map((node) => block(node, depth)).filter(Boolean).join('\n\n');
}

function block(node: ElementNode, depth: number): string {
  const heading = /^h([1-6])$/.exec(node.name);
  if (heading) return `${'='.repeat(Number(heading[1]))} ${inline(node.children)}`;
  switch (node.name) {
    case 'p':
    case 'dt':
    case 'dd':
    case 'figcaption':
      return inline(node.children);
    case 'ul':
    case 'ol':
      return elementChildren(node)
        .map((item) => `${'  '.repeat(depth)}${node.name === 'ol' ? '+' : '-'} ${listItem(item, depth + 1)}`)
        .join('\n');
    case 'table':
      return table(node);
    case 'img':
    case 'svg':
    case 'nav':
      return '';
    default:
      return blocks(elementChildren(node), depth);
  }
}

function listItem(item: ElementNode, depth: number): string {
  const inlineOnly = item.children.every((c) => c.type === 'text' || !['p', 'ul', 'ol', 'div', 'table'].includes(c.name));
  if (inlineOnly) return inline(item.children);
  return elementChildren(item)
    .map((child, i) => (i === 0 ? block(child, depth) : `\n${'  '.repeat(depth)}${block(child, depth)}`))
    .join('');
}

function table(node: ElementNode): string {
  const rows = findAll(node, (n) => n.name === 'tr');
  const columns = Math.max(1, ...rows.map((row) => elementChildren(row).length));
  const cells = rows.flatMap((row) => elementChildren(row).map((cell) => `[${inline(cell.children)}]`));
  return `#table(columns: ${columns}, ${cells.join(', ')})`;
}

function inline(nodes: DocNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escape(node.value.replace(/\s+/g, ' '));
      const text = inline(node.children);
      if (node.name === 'em' || node.name === 'i') return `#emph[${text}]`;
      if (node.name === 'strong' || node.name === 'b') return `#strong[${text}]`;
      if (node.name === 'a' && /^https?:/.test(node.attrs.href ?? '')) return `#link("${node.attrs.href}")[${text}]`;
      if (node.name === 'br') return ' \\ ';
      return text;
    })
    .join('');
}

/** Typst's markup characters, written as text. */
function escape(text: string): string {
  return text.replace(/[\\#*_`$@<>[\]~/=+-]/g, (c) => `\\${c}`);
}

function findAll(node: ElementNode, test: (n: ElementNode) => boolean): ElementNode[] {
  return elementChildren(node).flatMap((child) => [...(test(child) ? [child] : []), ...findAll(child, test)]);
}
