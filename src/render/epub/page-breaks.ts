// Print page numbers in the EPUB: a page-break marker where each page of the print edition begins.
import { documentOrder, type DocNode, type ElementNode } from '../../compose/tree.js';

/** What the EPUB needs from the print layout (the PDF renderer's page map). */
export interface Pagination {
  /** Names the print edition, for dc:source: "this book's page numbers are those of …". */
  source: string;
  pageCount: number;
  /** Print page → the first element starting on it, by document order. */
  pageStarts: ReadonlyMap<number, number>;
  /** Print pages filled by the printed contents; the EPUB's own contents (the nav) stands for them. */
  contentsPages: readonly number[];
}

/** Elements whose children may only be certain elements: a marker goes inside the child, not beside it. */
const STRICT_PARENTS = new Set(['ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'body', 'html']);

export function pageBreakMarker(page: number): ElementNode {
  return { type: 'element', name: 'span', attrs: { id: `page-${page}`, 'epub:type': 'pagebreak', role: 'doc-pagebreak', 'aria-label': String(page) }, children: [], line: 0 };
}

/**
 * A copy of the document with a marker for every body page. The PDF records where each page's first
 * element starts, so a marker sits at the first block boundary on its page: a paragraph carried over
 * from the page before stays under the earlier number. A page with no block of its own (one long
 * paragraph filling it) is marked where the next one begins.
 */
export function withPageBreaks(root: ElementNode, pagination: Pagination): ElementNode {
  const markersAt = new Map<number, number[]>();
  const lastOrder = documentOrder(root).size;
  // From the last page back, so a page with no start of its own takes the next one's.
  let next = lastOrder;
  for (let page = pagination.pageCount; page >= 1; page--) {
    if (pagination.contentsPages.includes(page)) continue;
    next = pagination.pageStarts.get(page) ?? next;
    markersAt.set(next, [page, ...(markersAt.get(next) ?? [])]);
  }
  let order = 0;
  const visit = (node: ElementNode, parent?: ElementNode): DocNode[] => {
    const pages = markersAt.get(order++) ?? [];
    const markers = pages.map(pageBreakMarker);
    const children = node.children.flatMap((child) => (child.type === 'element' ? visit(child, node) : [child]));
    // Pages that begin after the last element (nothing starts on them) end the last chapter.
    if (node.name === 'body' && markersAt.has(lastOrder)) appendToLastSection(children, markersAt.get(lastOrder)!.map(pageBreakMarker));
    // A chapter's own start is marked inside it, so the marker travels with the chapter into its file.
    const inside = !parent || STRICT_PARENTS.has(parent.name) || node.name === 'section';
    if (markers.length && inside) return [{ ...node, children: [...markers, ...children] }];
    return [...markers, { ...node, children }];
  };
  return visit(root)[0] as ElementNode;
}

function appendToLastSection(children: DocNode[], markers: ElementNode[]): void {
  const index = children.findLastIndex((c) => c.type === 'element');
  const last = children[index] as ElementNode | undefined;
  if (last) children[index] = { ...last, children: [...last.children, ...markers] };
}
