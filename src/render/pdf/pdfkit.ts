// Every reach into pdfkit's internals and untyped APIs, in one place, for the pdfkit version checked at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ShapedWords } from '../../cache.js';

/**
 * The pdfkit this module was written for. It uses `_font.layoutCache`, `_fragment`, `link`/`goTo` and
 * `page.margins` as pdfkit 0.20 has them; another minor version may have changed any of them, and the
 * result would be a wrong PDF rather than an error. So a different version stops the program at once.
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
  return (doc as unknown as { struct(type: string, options: object): StructElement }).struct(type, options);
}

/** Makes `element` the root of the document's structure tree. */
export function addStructureRoot(doc: Pdf, element: StructElement): void {
  (doc as unknown as { addStructure(e: StructElement): void }).addStructure(element);
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
    draw(shown, x, y, options);
  };
}

/** The pieces of text pdfkit sets on the page while `draw` runs, as printed (a hyphen at a line break included). */
export function textSetBy(doc: Pdf, draw: () => void): string[] {
  const outer = setTextListeners.get(doc);
  const pieces: string[] = [];
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
