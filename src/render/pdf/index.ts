// The PDF backend: walks the composed document with one handler per element kind and returns bytes and a page map.
import PDFDocument from 'pdfkit';
import type { ComposedDocument } from '../../compose/compose.js';
import { elementChildren, findElement, type ElementNode } from '../../compose/tree.js';
import type { Paper, Theme } from '../../theme.js';
import { BLOCK_HANDLERS } from './blocks.js';
import { asArtifact, makeStruct, type PdfContext } from './context.js';
import { registerFonts } from './fonts.js';

export interface PdfResult {
  bytes: Uint8Array;
  /** Element id → 1-based print page. */
  pageMap: Map<string, number>;
  pageCount: number;
  warnings: string[];
}

export interface PdfOptions {
  paper: Paper;
  /** Fixed creation date, so the same input gives the same bytes. */
  date: Date;
}

export async function renderPdf(document: ComposedDocument, theme: Theme, options: PdfOptions): Promise<PdfResult> {
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
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  registerFonts(doc, theme);
  const root = makeStructRoot(doc);
  const warnings: string[] = [];
  const context: PdfContext = {
    doc,
    theme,
    pageMap: new Map(),
    chapterOnPage: new Map(),
    parent: root,
    left: page.margins.left,
    width: doc.page.width - page.margins.left - page.margins.right,
    renderChildren,
    warn: (message) => warnings.push(message),
  };
  const body = findElement(document.root, (n) => n.name === 'body');
  if (body) renderChildren(body, context);
  drawRunningFooters(context, document);
  root.end();
  const pageCount = doc.bufferedPageRange().count;
  doc.end();
  await finished;
  const bytes = Buffer.concat(chunks);
  return { bytes, pageMap: context.pageMap, pageCount, warnings };
}

function makeStructRoot(doc: PDFKit.PDFDocument) {
  const root = makeStruct({ doc } as PdfContext, 'Document');
  (doc as unknown as { addStructure(e: unknown): void }).addStructure(root);
  return root;
}

/** Dispatches each child element to its handler; an element without one is warned about, not fatal. */
function renderChildren(node: ElementNode, context: PdfContext): void {
  for (const child of elementChildren(node)) {
    const handler = BLOCK_HANDLERS[child.name];
    if (handler) handler(child, context);
    else context.warn(`no PDF handler for <${child.name}> (line ${child.line} of the composed document); it was left out`);
  }
}

/** Page number, guide and edition at the foot of every page but the title page, drawn as pagination artifacts. */
function drawRunningFooters(context: PdfContext, document: ComposedDocument): void {
  const { doc, theme } = context;
  const range = doc.bufferedPageRange();
  const edition = document.edition === 'teacher' ? 'Teacher edition' : 'Student edition';
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text in the margin would otherwise start a new page
    const y = doc.page.height - bottomMargin + 18;
    asArtifact(
      context,
      () => {
        doc.font('sans-regular').fontSize(theme.sizes.small).fillColor(theme.colours.muted);
        doc.text(`${document.title} · ${edition}`, context.left, y, { width: context.width, align: 'left', lineBreak: false });
        doc.text(String(index + 1), context.left, y, { width: context.width, align: 'right', lineBreak: false });
      },
      'Pagination',
    );
    doc.page.margins.bottom = bottomMargin;
  }
}
