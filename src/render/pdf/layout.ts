// One layout of a composed document on a page size: every section through its handler, the contents, bookmarks and page furniture.
import type { ComposedDocument } from '../../compose/compose.js';
import { documentOrder, elementChildren, findElement, hasClass, type ElementNode } from '../../compose/tree.js';
import { themeKey, type Theme } from '../../theme.js';
import { drawContents, reserveContents, type ContentsPlan } from './contents.js';
import { makeStruct, type HeadingRecord, type PageContinuation, type PdfContext } from './context.js';
import { renderChildren } from './flow.js';
import { registerFonts } from './fonts.js';
import { drawPageFurniture } from './furniture.js';
import { HANDLERS } from './handlers/index.js';
import { SOFT_HYPHEN } from './hyphenate.js';
import { addBookmarks } from './outline.js';
import { addStructureRoot, createPdf, dropUnusedSoftHyphens, measureOnly } from './pdfkit.js';
import { houseTextTest } from './runs.js';
import { textStyles } from './styles.js';
import { fontChainFor } from '../../fonts/theme-chain.js';

export interface LayoutSettings {
  page: Theme['pages'][keyof Theme['pages']];
  date: Date;
  /** Only find where everything falls (the page map): nothing is written, and the layout cannot be finished. */
  measureOnly?: boolean;
}

export interface PageMap {
  /** Element id → 1-based print page. */
  pageMap: Map<string, number>;
  /** Print page → the first element starting on it, by document order (see documentOrder); the contents pages have none. */
  pageStarts: Map<number, number>;
  /** Print page → the paragraph it begins inside, and how many of its words came before (see recordContinuation). */
  pageContinuations: Map<number, PageContinuation>;
  /** The print pages the contents fill, which the EPUB's own contents stand for. */
  contentsPages: number[];
  /** A contents page after the first → the title of the first entry on it. */
  contentsStarts: Map<number, string>;
  pageCount: number;
  /** Every heading with its page, in reading order (the contents and bookmarks come from this). */
  headings: HeadingRecord[];
  /** What the layout could not draw (an element without a handler). */
  warnings: string[];
}

export interface Layout {
  pageMap: Map<string, number>;
  warnings: string[];
  /** Ends the document and returns its bytes and page map; a layout that is not finished is simply dropped. */
  finish(): Promise<PageMap & { bytes: Uint8Array }>;
}

export function layOut(document: ComposedDocument, rootNode: ElementNode, theme: Theme, settings: LayoutSettings): Layout {
  const { page } = settings;
  const doc = createPdf({ size: page.size, margins: page.margins, lang: document.lang, title: document.header.editionTitle, author: document.header.authors.join(', '), date: settings.date });
  registerFonts(doc, theme);
  dropUnusedSoftHyphens(doc, SOFT_HYPHEN);
  if (settings.measureOnly) measureOnly(doc);
  const root = makeStruct({ doc }, 'Document');
  addStructureRoot(doc, root);
  const warnings: string[] = [];
  const chain = fontChainFor(theme, document.fontSources);
  const context: PdfContext = {
    doc,
    theme,
    chain,
    // The theme's fingerprint first: a line height or size of another theme must never reuse these lines.
    chainKey: `${themeKey(theme)}|${chain.fonts.map((font) => `${font.name}@${font.baseDir}`).join('|')}`,
    houseCovers: houseTextTest(theme),
    styles: textStyles(theme),
    handlers: HANDLERS,
    pageMap: new Map(),
    pageStarts: new Map(),
    pageContinuations: new Map(),
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
    warn: (message) => warnings.push(message),
    destinations: new Set(),
    images: document.images ?? new Map(),
  };
  const { contents, contentsStarts } = drawBody(rootNode, context);
  const finish = async () => {
    if (settings.measureOnly) throw new Error('a layout made only to measure was finished');
    addBookmarks(doc, context.headings);
    if (document.header.furniture) drawPageFurniture(context, document);
    root.end();
    const pageCount = doc.bufferedPageRange().count;
    const bytes = await endDocument(doc);
    const contentsPages = contents ? Array.from({ length: contents.pageCount }, (_, i) => contents.firstPageIndex + 1 + i) : [];
    return { bytes, pageMap: context.pageMap, pageStarts: context.pageStarts, pageContinuations: context.pageContinuations, contentsStarts, contentsPages, pageCount, headings: context.headings, warnings };
  };
  return { pageMap: context.pageMap, warnings, finish };
}

/** The sections in order; the contents follow the title page: its pages are reserved then and filled in at the end. */
function drawBody(rootNode: ElementNode, context: PdfContext): { contents?: ContentsPlan; contentsStarts: Map<number, string> } {
  const body = findElement(rootNode, (n) => n.name === 'body');
  if (!body) return { contentsStarts: new Map() };
  let contents: ContentsPlan | undefined;
  elementChildren(body).forEach((section, index) => {
    renderChildren({ ...body, children: [section] }, context);
    if (index === 0 && hasClass(section, 'title-page')) contents = reserveContents(context, body);
  });
  if (!contents) return { contentsStarts: new Map() };
  const contentsStarts = drawContents(context, contents, context.headings);
  for (let i = 0; i < contents.pageCount; i++) context.chapterOnPage.set(contents.firstPageIndex + i, 'Contents');
  return { contents, contentsStarts };
}

async function endDocument(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
