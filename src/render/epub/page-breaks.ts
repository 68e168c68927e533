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
  /** Print page → the paragraph it begins inside (by document order) and how many of its words came before. */
  pageContinuations?: ReadonlyMap<number, { order: number; words: number }>;
  /** A contents page after the first → the title of the first entry printed on it. */
  contentsStarts?: ReadonlyMap<number, string>;
}

/** Elements whose children may only be certain elements: a marker goes inside the child, not beside it. */
const STRICT_PARENTS = new Set(['ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'body', 'html']);

export function pageBreakMarker(page: number): ElementNode {
  return { type: 'element', name: 'span', attrs: { id: `page-${page}`, 'epub:type': 'pagebreak', role: 'doc-pagebreak', 'aria-label': String(page) }, children: [], line: 0 };
}

/**
 * A copy of the document with a marker for every body page, where the print page begins: before the first
 * element that starts on it, or inside a paragraph carried over from the page before, at the word the page
 * begins with. A page with neither (one long block filling it) is marked where the next one begins.
 */
export function withPageBreaks(root: ElementNode, pagination: Pagination): ElementNode {
  const { before, inside } = markerPlaces(pagination, documentOrder(root).size);
  const lastOrder = documentOrder(root).size;
  let order = 0;
  const visit = (node: ElementNode, parent?: ElementNode): DocNode[] => {
    const here = order++;
    const markers = (before.get(here) ?? []).map(pageBreakMarker);
    let children = node.children.flatMap((child) => (child.type === 'element' ? visit(child, node) : [child]));
    for (const { page, words } of inside.get(here) ?? []) children = withMarkerAtWord(children, words, pageBreakMarker(page));
    // Pages that begin after the last element (nothing starts on them) end the last chapter.
    if (node.name === 'body' && before.has(lastOrder)) appendToLastSection(children, before.get(lastOrder)!.map(pageBreakMarker));
    // A chapter's own start is marked inside it, so the marker travels with the chapter into its file.
    const insideIt = !parent || STRICT_PARENTS.has(parent.name) || node.name === 'section';
    if (markers.length && insideIt) return [{ ...node, children: [...markers, ...children] }];
    return [...markers, { ...node, children }];
  };
  return visit(root)[0] as ElementNode;
}

/** Element (by document order) → the pages whose markers go before it, and those that go inside it at a word. */
function markerPlaces(pagination: Pagination, lastOrder: number) {
  const before = new Map<number, number[]>();
  const inside = new Map<number, { page: number; words: number }[]>();
  // From the last page back, so a page with no start of its own takes the next one's.
  let next = lastOrder;
  for (let page = pagination.pageCount; page >= 1; page--) {
    if (pagination.contentsPages.includes(page)) continue;
    const within = pagination.pageContinuations?.get(page);
    if (within) {
      inside.set(within.order, [{ page, words: within.words }, ...(inside.get(within.order) ?? [])]);
      continue;
    }
    next = pagination.pageStarts.get(page) ?? next;
    before.set(next, [page, ...(before.get(next) ?? [])]);
  }
  return { before, inside };
}

/** The children with `marker` put before the word that has `words` words before it (at the end if there are fewer). */
function withMarkerAtWord(children: DocNode[], words: number, marker: ElementNode): DocNode[] {
  let seen = 0;
  let inWord = false;
  let placed = false;
  const place = (nodes: DocNode[]): DocNode[] =>
    nodes.flatMap((node): DocNode[] => {
      if (placed) return [node];
      if (node.type === 'element') return [{ ...node, children: place(node.children) }];
      for (let i = 0; i < node.value.length; i++) {
        const space = /\s/.test(node.value[i]!);
        if (!space && !inWord && seen++ === words) {
          placed = true;
          const [head, tail] = [node.value.slice(0, i), node.value.slice(i)];
          return [...(head ? [{ ...node, value: head }] : []), marker, { ...node, value: tail }];
        }
        inWord = !space;
      }
      return [node];
    });
  const result = place(children);
  return placed ? result : [...result, marker];
}

function appendToLastSection(children: DocNode[], markers: ElementNode[]): void {
  const index = children.findLastIndex((c) => c.type === 'element');
  const last = children[index] as ElementNode | undefined;
  if (last) children[index] = { ...last, children: [...last.children, ...markers] };
}
