// Cross-references in print: a link to an id in the guide is followed by the page it points to, "(page 34)".
import type { DocNode, ElementNode } from '../../compose/tree.js';

/**
 * A copy of the tree with " (page N)" after each internal link. Before the first layout the pages are
 * not known, so a two-digit stand-in keeps the line lengths close to the final ones.
 */
export function withPageNumbers(root: ElementNode, pages: Map<string, number>): ElementNode {
  const visit = (node: ElementNode): ElementNode => {
    const children: DocNode[] = [];
    for (const child of node.children) {
      if (child.type !== 'element') {
        children.push(child);
        continue;
      }
      children.push(visit(child));
      const href = child.name === 'a' ? child.attrs.href : undefined;
      if (href?.startsWith('#')) children.push({ type: 'text', value: ` (page ${pages.get(href.slice(1)) ?? 10})`, printOnly: true });
    }
    return { ...node, children };
  };
  return visit(root);
}
