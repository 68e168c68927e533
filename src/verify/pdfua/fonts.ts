// PDF/UA rules about fonts: each mapped to Unicode, embedded, (for TrueType CIDFonts) with a CIDToGIDMap, and never drawing .notdef.
import { PDFArray, PDFDict, PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';
import { resolve } from '../pdf-content.js';
import { drawnText, notdefGlyphs } from '../pdf-glyphs.js';
import type { Report } from './findings.js';
import { nameOf } from './objects.js';

/** Checks each font once, however many pages use it; returns how many fonts there are. */
export function checkFonts(document: PDFDocument, pages: PDFPage[], report: Report): number {
  const seen = new Set<string>();
  pages.forEach((page, index) => {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (!fonts) return;
    for (const [, value] of fonts.entries()) {
      const key = value.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const font = resolve(document, value);
      if (!(font instanceof PDFDict)) continue;
      const name = nameOf(font.get(PDFName.of('BaseFont'))) ?? key;
      checkFont(font, `font ${name} (first on page ${index + 1})`, report);
    }
  });
  return seen.size;
}

function checkFont(font: PDFDict, where: string, report: Report): void {
  const subtype = nameOf(font.get(PDFName.of('Subtype')));
  if (!font.get(PDFName.of('ToUnicode'))) report('7.21.7-1', 'a font with no ToUnicode map, so its text cannot be read out', where);
  if (subtype === 'Type3') return;
  const descendant = subtype === 'Type0' ? font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0) : font;
  if (!(descendant instanceof PDFDict)) return report('7.21.4.1-1', 'a composite font with no descendant font', where);
  const descriptor = descendant.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((file) => descriptor?.get(PDFName.of(file)));
  if (!embedded) report('7.21.4.1-1', 'a font that is not embedded', where);
  if (nameOf(descendant.get(PDFName.of('Subtype'))) === 'CIDFontType2' && !descendant.get(PDFName.of('CIDToGIDMap'))) report('7.21.3.2-1', 'a Type 2 CIDFont without CIDToGIDMap', where);
}

/** 7.21.8: no text operator may draw .notdef (a character the font lacks, shown as an empty box or nothing). */
export function checkNotdef(document: PDFDocument, report: Report): void {
  for (const text of notdefGlyphs(drawnText(document))) report('7.21.8-1', 'a .notdef glyph drawn (a character its font does not have)', `page ${text.page}, font ${text.font}`);
}
