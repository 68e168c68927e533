// The screening booklet: half-size pages imposed two-up on landscape sheets in saddle-stitch order, ready to fold and staple.
// pdf-lib's minified build, which imports in about a third of the time of its entry (the booklet is the only build step that needs it).
import { PDFDocument } from 'pdf-lib/dist/pdf-lib.esm.min.js';

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
  const embedded = await out.embedPdf(source, [...Array(count).keys()]);
  const [width, height] = sheet;
  const half = width / 2;
  for (const side of saddleStitchOrder(count)) {
    const target = out.addPage([width, height]);
    [side.left, side.right].forEach((number, slot) => {
      if (number === null) return;
      const page = embedded[number - 1]!;
      // Scale only if the page is larger than half a sheet (A5 on A4 and half-letter on Letter fit exactly).
      const scale = Math.min(1, half / page.width, height / page.height);
      target.drawPage(page, {
        x: slot * half + (half - page.width * scale) / 2,
        y: (height - page.height * scale) / 2,
        xScale: scale,
        yScale: scale,
      });
    });
  }
  // No object streams: older print drivers and qpdf --check read a plain cross-reference table best.
  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
