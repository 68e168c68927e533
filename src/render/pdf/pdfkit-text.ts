// Draws glyphs shaped by studyguide (src/text/shape.ts) with pdfkit: every reach into pdfkit's text internals is here.
//
// Written for pdfkit 0.20.2 (fontkit 2.0.4), whose text() shapes each space-separated word on its own and
// knows no direction. What is used, all internal: doc._registeredFonts, doc._font (an EmbeddedFont with
// id, ref(), subset, widths, unicode, ascender), doc._fontSize, doc.page.fonts, doc.page.height,
// doc.addContent, and fontkit's Subset (includeGlyph, glyphs). Check each against a new pdfkit version.
import type { Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageFolder } from '../../fonts/locate.js';
import type { ShapedGlyph, ShapedRun } from '../../text/shape.js';

export const PDFKIT_VERSION_WRITTEN_FOR = '0.20.2';

interface FontkitSubset {
  glyphs: number[];
  includeGlyph(glyphId: number): number;
}

interface EmbeddedFont {
  id: string;
  font: Font;
  subset: FontkitSubset;
  /** Widths by PDF glyph code (CID), in thousandths; written as the font's /W array. */
  widths: number[];
  /** Characters by CID, written as the font's ToUnicode CMap. */
  unicode: number[][];
  ascender: number;
  descender: number;
  ref(): unknown;
}

interface PdfkitInternals {
  _registeredFonts: Record<string, { src: unknown }>;
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(operator: string): void;
}

/** Fails loudly, naming both versions, when the installed pdfkit is not the one this file was written for. */
function checkPdfkitVersion(): void {
  // pdfkit's "exports" hide its package.json from require(); its folder is found the way fonts are.
  const installed = (JSON.parse(readFileSync(path.join(packageFolder('pdfkit')!, 'package.json'), 'utf8')) as { version: string }).version;
  if (installed !== PDFKIT_VERSION_WRITTEN_FOR) {
    throw new Error(`src/render/pdf/pdfkit-text.ts was written for pdfkit ${PDFKIT_VERSION_WRITTEN_FOR}, but ${installed} is installed: check its internals before updating the version here`);
  }
}

const internals = (doc: PDFKit.PDFDocument) => doc as unknown as PdfkitInternals;
let registered = 0;
let versionChecked = false;

/** Makes `font` the document's current font, registering it once per document (reusing a registration of the same parsed font). */
export function useFont(doc: PDFKit.PDFDocument, font: Font, size: number): EmbeddedFont {
  if (!versionChecked) checkPdfkitVersion();
  versionChecked = true;
  const fonts = internals(doc)._registeredFonts;
  let name = Object.keys(fonts).find((key) => fonts[key]!.src === font);
  if (!name) {
    name = `chain-${++registered}`;
    doc.registerFont(name, font as unknown as string);
  }
  doc.font(name).fontSize(size);
  return internals(doc)._font;
}

// A glyph that must read back as something other than its own characters (a Devanagari vowel sign drawn
// before its consonant, an Arabic ligature) gets a code of its own: the ToUnicode CMap maps one code to
// one string, so the same glyph reused with another meaning needs another code. Same outline, same width.
const extraCodes = new WeakMap<EmbeddedFont, Map<string, number>>();

function codeFor(font: EmbeddedFont, glyph: ShapedGlyph): number {
  if (!glyph.extract) {
    const code = font.subset.includeGlyph(glyph.id);
    font.widths[code] ??= glyph.width;
    font.unicode[code] ??= glyph.codePoints;
    return code;
  }
  let codes = extraCodes.get(font);
  if (!codes) extraCodes.set(font, (codes = new Map()));
  const key = `${glyph.id}:${glyph.extract.join(',')}`;
  let code = codes.get(key);
  if (code === undefined) {
    font.subset.glyphs.push(glyph.id);
    code = font.subset.glyphs.length - 1;
    codes.set(key, code);
    font.widths[code] = glyph.width;
    font.unicode[code] = glyph.extract;
  }
  return code;
}

const number = (n: number) => (Math.round(n * 1000) / 1000).toString();
const hex = (code: number) => code.toString(16).padStart(4, '0');

/**
 * Draws a shaped run with its left end at `x` and its baseline at `baseline` (pdfkit's top-down page
 * coordinates), in the run's face at `size`. Glyphs go in the order given (see shapeRun: each cluster in
 * the order its glyphs stand on the page), each at its shaped place. Returns the width, in points.
 */
export function drawShapedRun(doc: PDFKit.PDFDocument, shaped: ShapedRun, x: number, baseline: number, size: number): number {
  const pdf = internals(doc);
  const font = useFont(doc, shaped.face.font, size);
  pdf.page.fonts[font.id] ??= font.ref();
  const scale = size / 1000;
  const y = pdf.page.height - baseline;
  doc.save();
  // pdfkit's pages are flipped so y runs down; text is set in PDF's own upward coordinates.
  doc.transform(1, 0, 0, -1, 0, pdf.page.height);
  pdf.addContent('BT');
  pdf.addContent(`/${font.id} ${number(size)} Tf`);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) pdf.addContent(`[${pending.join(' ')}] TJ`);
    pending = [];
  };
  // Where the text position stands: after a glyph it moves by the glyph's /W width, not by its shaped advance.
  let at: { x: number; y: number } | undefined;
  for (const glyph of shaped.glyphs) {
    if (glyph.outline) continue;
    const target = { x: x + (glyph.x + glyph.xOffset) * scale, y: y + glyph.yOffset * scale };
    if (!at || Math.abs(target.y - at.y) > 1e-6) {
      flush();
      pdf.addContent(`1 0 0 1 ${number(target.x)} ${number(target.y)} Tm`);
    } else if (Math.abs(target.x - at.x) > 1e-6) {
      pending.push(number((at.x - target.x) / scale));
    }
    pending.push(`<${hex(codeFor(font, glyph))}>`);
    at = { x: target.x + glyph.width * scale, y: target.y };
  }
  flush();
  pdf.addContent('ET');
  for (const glyph of shaped.glyphs) if (glyph.outline) drawOutline(doc, shaped.face.font, glyph, x + (glyph.x + glyph.xOffset) * scale, y + glyph.yOffset * scale, size);
  doc.restore();
  return shaped.width * scale;
}

/** A glyph drawn as a filled outline (in PDF's upward coordinates): it shows, but a text reader finds no character in it. */
function drawOutline(doc: PDFKit.PDFDocument, font: Font, glyph: ShapedGlyph, x: number, y: number, size: number): void {
  const scale = size / font.unitsPerEm;
  doc.save();
  doc.transform(scale, 0, 0, scale, x, y);
  doc.path(font.getGlyph(glyph.id).path.toSVG()).fill();
  doc.restore();
}
