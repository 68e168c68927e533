// Every reach into pdfkit's internals and untyped APIs, in one place, for the pdfkit version checked at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type SVGtoPDF from 'svg-to-pdfkit';
import type { ShapedWords } from '../../cache.js';
import type { ShapedGlyph, ShapedRun } from '../../text/shape.js';

/**
 * The pdfkit this module was written for. It uses `_font.layoutCache`, `_fragment`, `link`/`goTo`,
 * `page.margins`, and for glyphs shaped by studyguide `_registeredFonts`, `_font` (an EmbeddedFont with
 * id, ref(), subset, widths, unicode), `page.fonts`, `addContent` and fontkit's Subset, as pdfkit 0.20
 * (with fontkit 2.0) has them; another minor version may have changed any of them, and the result would
 * be a wrong PDF rather than an error. So a different version stops the program at once.
 */
const WRITTEN_FOR = '0.20.';

function installedPdfkitVersion(): string {
  // pdfkit's package.json is not in its "exports": find it beside the entry point instead.
  for (let dir = path.dirname(createRequire(import.meta.url).resolve('pdfkit')); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'pdfkit') return manifest.version ?? 'unknown';
    } catch {
      // no package.json at this level: look one level up
    }
  }
  return 'unknown';
}

const installed = installedPdfkitVersion();
if (!installed.startsWith(WRITTEN_FOR)) {
  throw new Error(`studyguide's PDF renderer was written for pdfkit ${WRITTEN_FOR}x and uses its internals (src/render/pdf/pdfkit.ts), but pdfkit ${installed} is installed; reinstall with \`npm ci\``);
}

export type Pdf = PDFKit.PDFDocument;
export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** pdfkit 0.20's text options, with `goTo` (a jump to a named destination), which @types/pdfkit lacks. */
export type TextOptions = PDFKit.Mixins.TextOptions & { goTo?: string };

export interface DocumentSettings {
  size: string | readonly [number, number];
  margins: Margins;
  lang: string;
  title: string;
  /** Who wrote the document, as the PDF's Author (names joined by commas). */
  author: string;
  date: Date;
}

/** A tagged PDF/UA document with fixed dates and every page kept in memory until the end (for page furniture and the contents). */
export function createPdf(settings: DocumentSettings): Pdf {
  return new PDFDocument({
    size: settings.size,
    margins: settings.margins,
    bufferPages: true,
    autoFirstPage: true,
    tagged: true,
    lang: settings.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    info: { Title: settings.title, Author: settings.author, Creator: 'studyguide', CreationDate: settings.date, ModDate: settings.date },
  } as unknown as PDFKit.PDFDocumentOptions); // @types/pdfkit lacks subset "PDF/UA"
}

// @types/pdfkit lags pdfkit 0.20: structure elements are typed here and used only through this interface.
export interface StructElement {
  add(child: StructElement | (() => void)): StructElement;
  end(): void;
}

export function struct(doc: Pdf, type: string, options: Record<string, string> = {}): StructElement {
  if (measuring.has(doc)) return new MeasuredElement();
  return (doc as unknown as { struct(type: string, options: object): StructElement }).struct(type, options);
}

/** Makes `element` the root of the document's structure tree. */
export function addStructureRoot(doc: Pdf, element: StructElement): void {
  if (element instanceof MeasuredElement) element.attach();
  else (doc as unknown as { addStructure(e: StructElement): void }).addStructure(element);
}

/** Runs `draw` as an artifact of the given kind (Layout, Pagination): marks that carry no content. */
export function markArtifact(doc: Pdf, type: string, draw: () => void): void {
  doc.markContent('Artifact', { type } as PDFKit.Mixins.MarkingOptions);
  draw();
  doc.endMarkedContent();
}

/**
 * Registers a font parsed once per process (pdfkit accepts a fontkit font) and gives it the process's
 * cache of shaped words for that file. pdfkit shapes each word once per document and keeps the result
 * in the internal `layoutCache`; a build lays out the same words many times over (two passes, two
 * editions, the booklet), so every document set in one font file shares one cache.
 */
export function registerSharedFont(doc: Pdf, name: string, font: Font, shapedWords: ShapedWords): void {
  doc.registerFont(name, font as unknown as string);
  doc.font(name);
  (doc as unknown as { _font: { layoutCache: ShapedWords } })._font.layoutCache = shapedWords;
}

/** The shaped words pdfkit starts a font with, so a new cache is pdfkit's own kind of object. */
export function newShapedWords(): ShapedWords {
  return Object.create(null) as ShapedWords;
}

type FragmentDrawer = (text: string, x: number, y: number, options: object) => void;

/** Per document, the list the pieces of text being set are written to, while textSetBy listens. */
const setTextListeners = new WeakMap<Pdf, string[]>();

/**
 * pdfkit turns a soft hyphen at a line break into "-" but writes the others into the page as invisible
 * glyphs, which pdf.js and some screen readers then read as spaces ("hos pit al"). By the time a line
 * reaches the internal `_fragment` the break hyphen is already real, so every soft hyphen left can go.
 */
export function dropUnusedSoftHyphens(doc: Pdf, softHyphen: string): void {
  const target = doc as unknown as { _fragment: FragmentDrawer };
  const draw = target._fragment.bind(doc);
  target._fragment = (text, x, y, options) => {
    const shown = text.replaceAll(softHyphen, '');
    setTextListeners.get(doc)?.push(shown);
    if (!measuring.has(doc)) draw(shown, x, y, options);
  };
}

/** Documents laid out only to learn where things fall (see measureOnly). */
const measuring = new WeakSet<Pdf>();

/**
 * A structure element of a layout that only measures: it records nothing, but runs the drawing given to it
 * exactly when pdfkit's PDFStructureElement would (at once under an element attached to the tree, otherwise
 * when its element is attached, in the order given), so every line lands where it will in the real layout.
 */
class MeasuredElement implements StructElement {
  private attached = false;
  private waiting: (MeasuredElement | (() => void))[] = [];

  add(child: StructElement | (() => void)): StructElement {
    // pdfkit also adds references to link annotations; a measuring layout makes none worth keeping.
    if (!(child instanceof MeasuredElement) && typeof child !== 'function') return this;
    if (!this.attached) this.waiting.push(child);
    else if (child instanceof MeasuredElement) child.attach();
    else child();
    return this;
  }

  attach(): void {
    if (this.attached) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const child of waiting) {
      if (child instanceof MeasuredElement) child.attach();
      else child();
    }
    this.attached = true;
  }

  end(): void {}
}

/**
 * Makes a layout that only measures: every line is broken and placed as before (pdfkit moves its position in
 * `_line`, around `_fragment`, and in the LineWrapper), but nothing is written into the pages: no text, marks
 * or drawings. A first layout made only to find the pages cross-references point to is thrown away, so it
 * need not pay for writing them: it costs under half as much. Such a document must never be finished.
 */
export function measureOnly(doc: Pdf): void {
  measuring.add(doc);
  (doc as unknown as { addContent(operator: string): Pdf }).addContent = () => doc;
}

/** The pieces of text pdfkit sets on the page while `draw` runs, as printed (a hyphen at a line break included), added to `pieces` as they are set. */
export function textSetBy(doc: Pdf, pieces: string[], draw: () => void): string[] {
  const outer = setTextListeners.get(doc);
  setTextListeners.set(doc, pieces);
  try {
    draw();
  } finally {
    if (outer) {
      outer.push(...pieces);
      setTextListeners.set(doc, outer);
    } else setTextListeners.delete(doc);
  }
  return pieces;
}

/** The words a screen reader and a copy should get instead of what is printed; set after drawing, before the element is written. */
export function setActualText(element: StructElement, text: string): void {
  if (element instanceof MeasuredElement) return;
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ActualText = new String(text);
}

type AnnotationMaker = (x: number, y: number, w: number, h: number, target: string | number, options?: object) => unknown;

/**
 * PDF/UA (7.18.5) wants every link annotation inside its Link element (an OBJR) and described by Contents.
 * pdfkit makes the annotations itself while it sets the text, one per line, through `link` and `goTo`: a web
 * link gets its element but an empty Contents, and a link within the guide (`goTo`) gets neither. While
 * `draw` runs, both are given the element and the description.
 */
export function withTaggedAnnotations(doc: Pdf, element: StructElement, description: string, draw: () => void): void {
  const target = doc as unknown as { link: AnnotationMaker; goTo: AnnotationMaker };
  const { link, goTo } = target;
  const tagged = { structParent: element, Contents: new String(description) };
  target.link = (x, y, w, h, url, options) => link.call(doc, x, y, w, h, url, { ...options, ...tagged });
  target.goTo = (x, y, w, h, name, options) => goTo.call(doc, x, y, w, h, name, { ...options, ...tagged });
  try {
    draw();
  } finally {
    target.link = link;
    target.goTo = goTo;
  }
}

/** A link annotation to a named destination, inside its Link element and described for assistive technology. */
export function taggedGoTo(doc: Pdf, box: { x: number; y: number; width: number; height: number }, destination: string, element: StructElement, description: string): void {
  doc.goTo(box.x, box.y, box.width, box.height, destination, { structParent: element, Contents: new String(description) } as unknown as PDFKit.Mixins.AnnotationOption);
}

/** A web link annotation, inside its Link element and described for assistive technology. */
export function taggedLink(doc: Pdf, box: { x: number; y: number; width: number; height: number }, url: string, element: StructElement, description: string): void {
  doc.link(box.x, box.y, box.width, box.height, url, { structParent: element, Contents: new String(description) } as unknown as PDFKit.Mixins.AnnotationOption);
}

/**
 * Runs `draw` with the current page's margins changed, then puts them back on that page (pages `draw` adds
 * get the document's margins). pdfkit breaks pages at `page.margins.bottom`: a larger bottom margin ends a
 * page a line early (no widow), and none lets running heads and feet sit in the margin.
 */
export function withPageMargins(doc: Pdf, change: Partial<Margins>, draw: () => void): void {
  const page = doc.page;
  const saved = { ...page.margins };
  Object.assign(page.margins, change);
  try {
    draw();
  } finally {
    Object.assign(page.margins, saved);
  }
}

export interface OutlineItem {
  addItem(title: string, options?: object): OutlineItem;
}

/** The document's outline (bookmarks) root. */
export function outlineRoot(doc: Pdf): OutlineItem {
  return doc.outline as unknown as OutlineItem;
}

// Glyphs shaped by studyguide (src/text/shape.ts), for text pdfkit cannot set itself: another script's
// fallback face, right-to-left runs, runs shaped whole. pdfkit's text() shapes each space-separated word
// on its own and knows no direction.

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

const internals = (doc: Pdf) => doc as unknown as PdfkitInternals;
let registered = 0;

/** Makes `font` the document's current font, registering it once per document (reusing a registration of the same parsed font). */
export function useFont(doc: Pdf, font: Font, size: number): EmbeddedFont {
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
export function drawShapedRun(doc: Pdf, shaped: ShapedRun, x: number, baseline: number, size: number): number {
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
function drawOutline(doc: Pdf, font: Font, glyph: ShapedGlyph, x: number, y: number, size: number): void {
  const scale = size / font.unitsPerEm;
  doc.save();
  doc.transform(scale, 0, 0, scale, x, y);
  doc.path(font.getGlyph(glyph.id).path.toSVG()).fill();
  doc.restore();
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Draws an SVG as vectors with svg-to-pdfkit, which writes straight into pdfkit's content stream and uses
 * its font and graphics-state internals (it is here for that reason). Text stays text, set in the theme's
 * own fonts: `fontFor` picks one of the registered faces for the drawing's font-family, so no font a
 * PDF/UA reader would reject (an unembedded Helvetica) is ever named. Pictures and other files named in
 * the drawing are never opened: the load stage allows only links within it, and nothing is resolved.
 */
export function drawSvgVectors(doc: Pdf, svg: string, box: Box, fontFor: (family: string, bold: boolean, italic: boolean) => string, warn: (message: string) => void): void {
  // Drawn even in a layout that only measures, though its box is sized already: its labels are the first use of
  // some glyphs, and fontkit keeps the characters a glyph was first used for, which the PDF's text layer gets.
  // Skipped here, a cold build (measuring first) and a cached one would give different bytes.
  // Loaded with the first drawing: a guide without SVG figures never pays for it.
  const drawSvg = createRequire(import.meta.url)('svg-to-pdfkit') as typeof SVGtoPDF;
  doc.save();
  try {
    drawSvg(doc as unknown as Parameters<typeof SVGtoPDF>[0], svg, box.x, box.y, {
      width: box.width,
      height: box.height,
      preserveAspectRatio: 'xMidYMid meet',
      fontCallback: (family, bold, italic) => fontFor(family ?? '', bold, italic),
      imageCallback: () => '',
      documentCallback: () => [],
      warningCallback: warn,
    });
  } finally {
    doc.restore();
  }
}
