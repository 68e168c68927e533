// The PDF backend: walks the composed document with one handler per element kind and returns bytes and a page map.
import PDFDocument from 'pdfkit';
import type { ComposedDocument } from '../../compose/compose.js';
import { documentOrder, elementChildren, findElement, hasClass, linkTargets, type ElementNode } from '../../compose/tree.js';
import type { Paper, Theme } from '../../theme.js';
import { BLOCK_HANDLERS } from './blocks.js';
import { drawContents, reserveContents, type ContentsPlan } from './contents.js';
import { makeStruct, type PdfContext } from './context.js';
import { registerFonts } from './fonts.js';
import { dropUnusedSoftHyphens } from './hyphenate.js';
import { drawPageFurniture } from './furniture.js';
import type { HeadingRecord } from './headings.js';
import { addBookmarks } from './outline.js';
import { withPageNumbers } from './cross-references.js';

export interface PdfResult {
  bytes: Uint8Array;
  /** Element id → 1-based print page. */
  pageMap: Map<string, number>;
  /** Print page → the first element starting on it, by document order (see documentOrder); the contents pages have none. */
  pageStarts: Map<number, number>;
  /** The print pages the contents fill, which the EPUB's own contents stand for. */
  contentsPages: number[];
  pageCount: number;
  /** Every heading with its page, in reading order (the contents and bookmarks come from this). */
  headings: HeadingRecord[];
  warnings: string[];
}

export interface PdfOptions {
  paper: Paper;
  /** Fixed creation date, so the same input gives the same bytes. */
  date: Date;
  /** Running heads and page numbers; off for the one-sheet handout. */
  furniture?: boolean;
}

export async function renderPdf(document: ComposedDocument, theme: Theme, options: PdfOptions): Promise<PdfResult> {
  const targets = linkTargets(document.root);
  if (targets.size === 0) return layOut(document, document.root, theme, options).finish();
  // A cross-reference prints the page of its target, and that text can itself move pages: lay out
  // again with the pages found until they no longer change (in practice the second layout).
  let pages = new Map<string, number>();
  for (let pass = 1; ; pass++) {
    const layout = layOut(document, withPageNumbers(document.root, pages), theme, options);
    const settled = [...targets].every((id) => layout.pageMap.get(id) === pages.get(id));
    if (settled || pass === 3) {
      if (!settled) layout.warnings.push('cross-reference page numbers did not settle after three layouts; some may be one page out');
      return layout.finish();
    }
    pages = layout.pageMap;
  }
}

interface Layout {
  pageMap: Map<string, number>;
  warnings: string[];
  /** Ends the document and returns its bytes; a layout that is not finished is simply dropped. */
  finish(): Promise<PdfResult>;
}

function layOut(document: ComposedDocument, rootNode: ElementNode, theme: Theme, options: PdfOptions): Layout {
  const page = theme.pages[options.paper];
  const doc = new PDFDocument({
    size: page.size,
    margins: page.margins,
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: document.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    info: { Title: document.title, Author: 'studyguide', Creator: 'studyguide', CreationDate: options.date, ModDate: options.date },
  } as unknown as PDFKit.PDFDocumentOptions); // @types/pdfkit lacks subset "PDF/UA"

  registerFonts(doc, theme);
  dropUnusedSoftHyphens(doc);
  const root = makeStructRoot(doc);
  const warnings: string[] = [];
  const context: PdfContext = {
    doc,
    theme,
    pageMap: new Map(),
    pageStarts: new Map(),
    elementOrder: documentOrder(rootNode),
    chapterOnPage: new Map(),
    partOnPage: new Map(),
    pagesWithoutHead: new Set(),
    headingOffset: 0,
    headings: [],
    lang: document.lang,
    parent: root,
    left: page.margins.left,
    width: doc.page.width - page.margins.left - page.margins.right,
    renderChildren,
    warn: (message) => warnings.push(message),
    destinations: new Set(),
  };
  const body = findElement(rootNode, (n) => n.name === 'body');
  let contents: ContentsPlan | undefined;
  if (body) {
    const sections = elementChildren(body);
    sections.forEach((section, index) => {
      renderChildren({ ...body, children: [section] }, context);
      // The contents follow the title page; its pages are reserved now and filled in at the end.
      if (index === 0 && hasClass(section, 'title-page')) contents = reserveContents(context, body);
    });
  }
  if (contents) {
    drawContents(context, contents, context.headings);
    for (let i = 0; i < contents.pageCount; i++) context.chapterOnPage.set(contents.firstPageIndex + i, 'Contents');
  }
  const finish = async (): Promise<PdfResult> => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finished = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    addBookmarks(doc, context.headings);
    if (options.furniture !== false) drawPageFurniture(context, document, document.title);
    root.end();
    const pageCount = doc.bufferedPageRange().count;
    doc.end();
    await finished;
    const contentsPages = contents ? Array.from({ length: contents.pageCount }, (_, i) => contents!.firstPageIndex + 1 + i) : [];
    return { bytes: Buffer.concat(chunks), pageMap: context.pageMap, pageStarts: context.pageStarts, contentsPages, pageCount, headings: context.headings, warnings };
  };
  return { pageMap: context.pageMap, warnings, finish };
}

function makeStructRoot(doc: PDFKit.PDFDocument) {
  const root = makeStruct({ doc } as PdfContext, 'Document');
  (doc as unknown as { addStructure(e: unknown): void }).addStructure(root);
  return root;
}

/** Dispatches each child element to its handler; an element without one is warned about, not fatal. */
function renderChildren(node: ElementNode, context: PdfContext): void {
  const children = elementChildren(node);
  children.forEach((child, index) => {
    const handler = BLOCK_HANDLERS[child.name];
    if (handler) handler(child, context, children[index + 1], children[index + 2]);
    else context.warn(`no PDF handler for <${child.name}> (line ${child.line} of the composed document); it was left out`);
  });
}
