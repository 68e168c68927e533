// The EPUB backend: the composed document as EPUB 3 chapters, nav, cover and fonts, zipped reproducibly.
import { readFileSync } from 'node:fs';
import { strToU8 } from 'fflate';
import { WorkCache } from '../../work-cache.js';
import { writeZip } from '../../zip.js';
import type { ComposedDocument } from '../../compose/compose.js';
import type { TemplateSet } from '../../compose/templates.js';
import { openFont, resolveFontFile } from '../../font-files.js';
import { documentFaces, type DocumentFaces } from '../../fonts/document-faces.js';
import type { WebFace } from '../../fonts/web-subset.js';
import type { Theme } from '../../theme.js';
import { MEDIA_TYPES } from '../../content/images.js';
import { screenPictures, type Pixels } from '../images.js';
import { splitChapters, type Chapters, type NavEntry } from './chapters.js';
import { coverFor, type Cover } from './cover.js';
import { withPageBreaks, type Pagination } from './page-breaks.js';

export type { Pagination } from './page-breaks.js';

export interface EpubOptions {
  date: Date;
  /** The print edition's pages, for the page-list and page-break markers; none without a print layout. */
  pagination?: Pagination;
  /** Where the cover picture drawn by an earlier build may be found; the process's own memory without one. */
  cache?: WorkCache;
}

/**
 * Every face the stylesheet can ask for: headings, labels and glossary terms are sans and may hold italics
 * (a transliteration in a term), so the sans italics are embedded too; a reader would otherwise slant the
 * bold itself.
 */
const EMBEDDED_FACES = { serif: ['regular', 'italic', 'bold', 'bold_italic'], sans: ['regular', 'italic', 'bold', 'bold_italic'] } as const;

export interface EpubFont {
  filename: string;
  family: string;
  style: 'normal' | 'italic';
  weight: 'normal' | 'bold';
  mediaType: string;
  bytes: () => Uint8Array;
}

/** The theme's house fonts, whole, and the fallback faces the text needs, cut to the characters it uses. */
export function epubFonts(theme: Theme, fallbacks: WebFace[] = []): EpubFont[] {
  const house = (['serif', 'sans'] as const).flatMap((family) =>
    EMBEDDED_FACES[family].map((face): EpubFont => {
      const name = openFont(theme.fonts[family][face]).familyName;
      return {
        filename: `${name.replace(/\s+/g, '')}-${face}.ttf`,
        family: name,
        style: face.includes('italic') ? 'italic' : 'normal',
        weight: face.startsWith('bold') ? 'bold' : 'normal',
        mediaType: 'font/ttf',
        bytes: () => readFileSync(resolveFontFile(theme.fonts[family][face])),
      };
    }),
  );
  const extra = fallbacks.map((face): EpubFont => {
    const weight = face.weight === 700 ? 'bold' : 'normal';
    return {
      filename: `${face.family.replace(/\s+/g, '')}-${weight}-${face.style}.${face.format === 'opentype' ? 'otf' : 'ttf'}`,
      family: face.family,
      style: face.style,
      weight,
      mediaType: face.mediaType,
      bytes: () => face.bytes,
    };
  });
  return [...house, ...extra];
}

// Fixed by the OCF specification: where the package document is.
const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

/**
 * Written here rather than with epub-gen-memory: that library rewrites chapter markup (drops `scope` and
 * `start`, turns alt="" into "image-placeholder", encodes every Cyrillic letter), names files at random
 * and has no cover-image property, page-list or landmarks; see research/libeval.md. The package files
 * are our own Handlebars templates; src/zip.ts zips them.
 */
export async function renderEpub(document: ComposedDocument, theme: Theme, templates: TemplateSet, options: EpubOptions): Promise<Uint8Array> {
  const { pagination } = options;
  const root = pagination ? withPageBreaks(document.root, pagination) : document.root;
  const { chapters, toc, fileOf } = splitChapters(root);
  const faces = await documentFaces(document, theme, 'sfnt');
  const fonts = epubFonts(theme, faces.faces);
  const cover = await coverFor(document, theme, templates, options.cache ?? WorkCache.open());
  const pictures = await screenPictures(document.images);
  const lang = document.lang;
  const modified = options.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pages = pageList(pagination, fileOf);
  // The contents page mirrors the printed one, which starts after the title page and does not list it.
  const contents = contentsWithPageMarkers(toc.filter((entry) => entry.href !== chapters[0]?.filename), pagination);
  const context = {
    lang,
    identifier: document.header.identifier,
    title: document.header.editionTitle,
    authors: document.header.authors,
    publisher: document.header.publisher,
    description: document.header.description,
    rights: document.header.rights,
    date: modified.slice(0, 10),
    modified,
    chapters,
    toc,
    ...ncxOf(toc),
    fonts,
    cover,
    pages,
    ...contents,
    pageSource: pagination?.source,
    pageCount: pagination?.pageCount ?? 0,
    titlePage: chapters[0]?.filename ?? '',
    bodyStart: chapters[1]?.filename ?? chapters[0]?.filename ?? '',
    glossary: fileOf.get('glossary'),
    images: [...pictures].map(([src, picture]) => ({ id: `image-${src.replace(/^.*\//, '').replace(/\.\w+$/, '')}`, href: src, mediaType: MEDIA_TYPES[picture.format] })),
  };
  const files = packageFiles({ context, templates, theme, faces, fonts, chapters, pictures });
  return reproducibleZip(files, options.date);
}

/** The print edition's pages, each at its marker (the contents pages' markers are on the contents page). */
function pageList(pagination: Pagination | undefined, fileOf: Map<string, string>) {
  if (!pagination) return [];
  return Array.from({ length: pagination.pageCount }, (_, i) => i + 1).map((page) => ({
    label: String(page),
    href: `${pagination.contentsPages.includes(page) ? 'contents.xhtml' : fileOf.get(`page-${page}`)}#page-${page}`,
  }));
}

interface PackageParts {
  context: { lang: string; cover: Cover };
  templates: TemplateSet;
  theme: Theme;
  faces: DocumentFaces;
  fonts: EpubFont[];
  chapters: Chapters['chapters'];
  pictures: Map<string, Pixels>;
}

/** Every file of the package but the mimetype, by its path in the zip. */
function packageFiles(parts: PackageParts): Record<string, Uint8Array> {
  const { context, templates, theme, faces, fonts, chapters, pictures } = parts;
  const { lang, cover } = context;
  const files: Record<string, Uint8Array> = {
    'META-INF/container.xml': strToU8(CONTAINER_XML),
    'OEBPS/content.opf': strToU8(templates.render('epub/content.opf', context)),
    'OEBPS/nav.xhtml': strToU8(templates.render('epub/nav.xhtml', context)),
    'OEBPS/contents.xhtml': strToU8(templates.render('epub/contents.xhtml', context)),
    'OEBPS/toc.ncx': strToU8(templates.render('epub/toc.ncx', context)),
    'OEBPS/style.css': strToU8(templates.render('style.css', { theme, stacks: faces, fonts: fonts.map((f) => ({ ...f, url: `fonts/${f.filename}` })) })),
    'OEBPS/cover.xhtml': strToU8(templates.render('epub/cover.xhtml', context)),
    'OEBPS/images/cover.png': cover.png,
  };
  for (const chapter of chapters) {
    files[`OEBPS/${chapter.filename}`] = strToU8(templates.render('epub/chapter.xhtml', { lang, chapterLang: chapter.lang, inPart: chapter.inPart, title: chapter.title, content: chapter.xhtml }));
  }
  for (const font of fonts) files[`OEBPS/fonts/${font.filename}`] = font.bytes();
  for (const [src, picture] of pictures) files[`OEBPS/${src}`] = picture.bytes;
  return files;
}

/**
 * The contents page with the print contents' page markers: the first at its top, each later one before
 * the entry that begins that page in print (not all at the top, as if the printed contents were one page).
 */
function contentsWithPageMarkers(toc: NavEntry[], pagination: Pagination | undefined) {
  const [first, ...later] = pagination?.contentsPages ?? [];
  const pending = later.map((page) => ({ page, title: pagination?.contentsStarts?.get(page) }));
  const withPages = (entry: NavEntry): NavEntry & { pages: number[] } => {
    const pages = pending.filter((p) => p.title === entry.title).slice(0, 1);
    for (const p of pages) pending.splice(pending.indexOf(p), 1);
    return { ...entry, pages: pages.map((p) => p.page), children: entry.children.map(withPages) };
  };
  const contentsToc = toc.map(withPages);
  // A page whose first entry is not found (none should be) is marked at the top rather than lost.
  return { contentsToc, contentsTop: [...(first ? [first] : []), ...pending.map((p) => p.page)] };
}

/**
 * The EPUB 2 table of contents, for older readers: the chapter files only (a course pack's parts with
 * their chapters under them), numbered in reading order as NCX requires.
 */
function ncxOf(toc: NavEntry[]): { ncx: object[]; ncxDepth: number } {
  let playOrder = 0;
  const files = (entries: NavEntry[]) => entries.filter((e) => !e.href.includes('#'));
  const point = (entry: NavEntry): object => ({ title: entry.title, href: entry.href, playOrder: ++playOrder, children: files(entry.children).map(point) });
  const ncx = toc.map(point);
  return { ncx, ncxDepth: toc.some((e) => files(e.children).length) ? 2 : 1 };
}

/** `mimetype` first and stored (the OCF rule), every entry with the same fixed date, so two builds are byte-identical. */
function reproducibleZip(files: Record<string, Uint8Array>, date: Date): Uint8Array {
  // PNG and JPEG data hardly shrink: storing them saves time; fonts and text still gain from deflating.
  const entries = Object.entries(files).map(([name, data]) => ({ name, data, store: /\.(png|jpg)$/.test(name) }));
  return writeZip([{ name: 'mimetype', data: strToU8('application/epub+zip'), store: true }, ...entries], date);
}
