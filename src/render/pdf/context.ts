// What every PDF handler shares (the pdfkit document, the theme and its styles, the structure parent, the page map), and the handler shape: decide (measure) apart from draw.
import type { ElementNode } from '../../compose/tree.js';
import type { FontChain } from '../../fonts/chain.js';
import type { GuideImage } from '../../content/images.js';
import type { Theme } from '../../theme.js';
import { markArtifact, struct, type Pdf, type StructElement } from './pdfkit.js';
import type { TextStyles } from './styles.js';

export type { StructElement } from './pdfkit.js';

export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading as drawn: the contents, the bookmarks and keep-with-next decisions read these. */
export interface HeadingRecord {
  /** The heading's place in the outline (h1 to h4); a course pack moves each guide's headings down one. */
  level: HeadingLevel;
  title: string;
  /** The named destination links and bookmarks jump to. */
  destination: string;
  /** 1-based page and the y position (from the top) where the heading starts. */
  page: number;
  y: number;
  /** Where the heading and its spacing end; what is drawn next at this point sits directly under it. */
  bottom?: number;
}

export interface PdfContext {
  doc: Pdf;
  theme: Theme;
  /** The fonts text is set in, in order: the house faces, the guide's own, the theme's fallbacks. */
  chain: FontChain;
  /** Names the chain, for caches of text laid out in it. */
  chainKey: string;
  /** Whether pdfkit's own text, in the house faces, can set this text (every character there, none right to left is checked apart). */
  houseCovers(text: string): boolean;
  styles: TextStyles;
  /** The handler for each element kind; page-flow rules measure through it. */
  handlers: HandlerMap;
  /** Element id → 1-based print page where it starts. */
  pageMap: Map<string, number>;
  /** Print page → the first element that starts on it, by its place in document order (the EPUB's page breaks). */
  pageStarts: Map<number, number>;
  /** Each element's place in document order (pre-order), the same in every copy of the tree. */
  elementOrder: ReadonlyMap<ElementNode, number>;
  /** Page index → title of the chapter running on it (for the running header). */
  chapterOnPage: Map<number, string>;
  /** Page index → the guide a course pack's page belongs to (the running header's left side). */
  partOnPage: Map<number, string>;
  /** Page indexes with no running header: a part's opening page is a title page. */
  pagesWithoutHead: Set<number>;
  /** How many levels the headings were moved down (1 inside a course pack's part); they keep their look. */
  headingOffset: number;
  /** The document's language, for hyphenation of text without its own lang. */
  lang: string;
  /** Headings drawn so far, in reading order. */
  headings: HeadingRecord[];
  /** The structure element new content is tagged under. */
  parent: StructElement;
  /** Inside a question: its list item's label, where the number written at the start of its text is tagged. */
  label?: StructElement;
  /** Left edge and width of the current text column (lists and callouts narrow it). */
  left: number;
  width: number;
  /** Reports something the renderer could not draw, without stopping the build. */
  warn(message: string): void;
  /** Named destinations made so far: every element id, so links and bookmarks can jump to it. */
  destinations: Set<string>;
  /** The pictures the document's figures show, by their <img src>. */
  images: ReadonlyMap<string, GuideImage>;
}

export function makeStruct(context: Pick<PdfContext, 'doc'>, type: string, options: Record<string, string> = {}): StructElement {
  return struct(context.doc, type, options);
}

/** Creates a structure element under the current parent, runs `draw` with it as the parent, then closes it. */
export function withStruct(context: PdfContext, type: string, draw: (inner: PdfContext) => void, options: Record<string, string> = {}): void {
  const element = makeStruct(context, type, options);
  context.parent.add(element);
  draw({ ...context, parent: element });
  element.end();
}

/** Marks drawing that carries no content (rules, backgrounds, running heads) as an artifact for assistive technology. */
export function asArtifact(context: Pick<PdfContext, 'doc'>, draw: () => void, type = 'Layout'): void {
  markArtifact(context.doc, type, draw);
}

export function currentPage(context: PdfContext): number {
  const range = context.doc.bufferedPageRange();
  return range.start + range.count;
}

/** Notes where an element starts, once it is placed: its page (for ids, and for the first element on each page) and a destination. */
export function recordStart(context: PdfContext, node: ElementNode): void {
  const page = currentPage(context);
  const order = context.elementOrder.get(node);
  if (order !== undefined && !context.pageStarts.has(page)) context.pageStarts.set(page, order);
  if (!node.attrs.id) return;
  context.pageMap.set(node.attrs.id, page);
  addDestination(context, node.attrs.id);
}

/** A named destination at the current position, once per name. */
export function addDestination(context: PdfContext, name: string): void {
  if (context.destinations.has(name)) return;
  context.destinations.add(name);
  context.doc.addNamedDestination(name, 'XYZ', null, context.doc.y, null);
}

export interface Siblings {
  next?: ElementNode;
  afterNext?: ElementNode;
}

export interface ElementHandler {
  /** Decides: the height the element will take in the current column, before anything is drawn (an estimate where only drawing knows). */
  measure?(node: ElementNode, context: PdfContext): number;
  /** Decides: how much of the element must share a page with a heading above it; `afterNext` is the element after it. */
  keepWithHeading?(node: ElementNode, context: PdfContext, afterNext?: ElementNode): number;
  /** Draws the element at the current position, breaking pages where its rules say. */
  draw(node: ElementNode, context: PdfContext, siblings: Siblings): void;
}

/** Keyed by element name ("p") or by name and class ("div.write-in"), which wins. */
export type HandlerMap = Readonly<Record<string, ElementHandler>>;
