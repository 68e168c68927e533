// The screening booklet: half-size pages imposed two-up on landscape sheets in saddle-stitch order, ready to fold and staple.
// pdf-lib's minified build, which imports in about a third of the time of its entry (the booklet is the only build step that needs it).
import { degrees, drawPage, PDFArray, PDFDocument, PDFName, PDFObjectCopier, PDFRawStream, type PDFPage, type PDFRef } from 'pdf-lib/dist/pdf-lib.esm.min.js';

/** One side of a sheet: the page on the left half and on the right (1-based; null is a blank). */
export interface SheetSide {
  left: number | null;
  right: number | null;
}

/**
 * Saddle-stitch order for `pageCount` pages, padded with blanks to a multiple of four. The blanks go at
 * the end, after the last page of the guide (where a back cover would follow them), so none falls
 * inside a chapter. Sheet k's front carries the outermost pair still unplaced, last page on the left;
 * its back the next pair, first page on the left. Printed double-sided and flipped on the short edge,
 * then folded and nested, the pages read 1, 2, 3 ….
 */
export function saddleStitchOrder(pageCount: number): SheetSide[] {
  const total = Math.max(4, Math.ceil(pageCount / 4) * 4);
  const page = (n: number) => (n <= pageCount ? n : null);
  const sides: SheetSide[] = [];
  for (let sheet = 0; sheet < total / 4; sheet++) {
    const outer = 2 * sheet + 1; // the odd, front-facing page of this sheet's right half
    sides.push({ left: page(total - 2 * sheet), right: page(outer) });
    sides.push({ left: page(outer + 1), right: page(total - 2 * sheet - 1) });
  }
  return sides;
}

/**
 * Imposes a PDF of half-size pages on landscape sheets of `sheet` points (theme.yaml: A5 on A4, half-letter
 * on Letter). pdf-lib copies each page as a form XObject, so fonts and vector drawing survive untouched; tags, links and bookmarks do not carry over, which a print-only sheet does not need.
 */
export async function imposeBooklet(pages: Uint8Array, sheet: readonly [width: number, height: number], info: { title: string; date: Date; lang?: string; author?: string }): Promise<Uint8Array> {
  const source = await PDFDocument.load(pages, { parseSpeed: Infinity, updateMetadata: false });
  const out = await PDFDocument.create();
  // Untagged, but a viewer still shows its title rather than the file name, and knows its language.
  out.setTitle(`${info.title} (booklet for printing)`, { showInWindowTitleBar: true });
  if (info.lang) out.setLanguage(info.lang);
  if (info.author) out.setAuthor(info.author);
  out.setCreator('studyguide');
  out.setProducer('studyguide');
  out.setCreationDate(info.date);
  out.setModificationDate(info.date);
  const count = source.getPageCount();
  const forms = pagesAsForms(source, out);
  const [width, height] = sheet;
  const half = width / 2;
  for (const side of saddleStitchOrder(count)) {
    const target = out.addPage([width, height]);
    [side.left, side.right].forEach((number, slot) => {
      if (number === null) return;
      const page = forms[number - 1]!;
      // Scale only if the page is larger than half a sheet (A5 on A4 and half-letter on Letter fit exactly).
      const scale = Math.min(1, half / page.width, height / page.height);
      drawForm(target, page, { x: slot * half + (half - page.width * scale) / 2, y: (height - page.height * scale) / 2, scale });
    });
  }
  // No object streams: older print drivers and qpdf --check read a plain cross-reference table best.
  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

interface PageForm {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * Each page of `source` as a form XObject in `out`: its resources copied (fonts, pictures) and its content stream
 * taken as it is, still compressed. pdf-lib's embedPdf inflates and deflates every stream again in JavaScript
 * (a third of the booklet's time), and copies the whole page, its links and their targets too, which the
 * sheets never use (two fifths of the file's objects). pdfkit writes one content stream a page.
 */
function pagesAsForms(source: PDFDocument, out: PDFDocument): PageForm[] {
  const copy = PDFObjectCopier.for(source.context, out.context).copy;
  return source.getPages().map((page) => {
    const resources = page.node.Resources();
    const contents = page.node.Contents();
    const Contents = contents instanceof PDFArray && contents.size() === 1 ? contents.lookup(0) : contents;
    if (!(Contents instanceof PDFRawStream) || !resources) throw new Error('booklet: a page of the half-size layout is not one content stream with its resources');
    const { width, height } = page.getSize();
    const form = out.context.stream(Contents.getContents(), { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, width, height], Matrix: [1, 0, 0, 1, 0, 0], Resources: copy(resources) });
    // The stream stays encoded as pdfkit wrote it, so its decoding goes with it.
    for (const key of ['Filter', 'DecodeParms']) {
      const value = Contents.dict.get(PDFName.of(key));
      if (value) form.dict.set(PDFName.of(key), value);
    }
    return { ref: out.context.register(form), width, height };
  });
}

/** Draws a page's form on a sheet at (x, y), scaled: the operators pdf-lib's drawPage writes. */
function drawForm(sheet: PDFPage, form: PageForm, at: { x: number; y: number; scale: number }): void {
  const name = sheet.node.newXObject('EmbeddedPdfPage', form.ref);
  sheet.pushOperators(...drawPage(name, { x: at.x, y: at.y, xScale: at.scale, yScale: at.scale, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
}
