// The EPUB backend: packages the composed document as EPUB 3 with epub-gen-memory, made reproducible afterwards.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { EPub, type Options } from 'epub-gen-memory';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ComposedDocument } from '../../compose/compose.js';
import type { TemplateSet } from '../../compose/templates.js';
import { resolveFontFile, type Theme } from '../../theme.js';
import { splitChapters, type Chapter } from './chapters.js';

export interface EpubOptions {
  date: Date;
  description: string;
  rights: string;
}

/** Faces the stylesheet uses: the serif body in all four, the sans headings upright only (each TTF adds about 200 KB). */
const EMBEDDED_FACES = { serif: ['regular', 'italic', 'bold', 'bold_italic'], sans: ['regular', 'bold'] } as const;

/** The theme's fonts as EPUB font files: name, CSS family, style and weight. */
function epubFonts(theme: Theme) {
  const families = { serif: 'PT Serif', sans: 'PT Sans' } as const;
  return (['serif', 'sans'] as const).flatMap((family) =>
    EMBEDDED_FACES[family].map((face) => ({
      filename: `${families[family].replace(' ', '')}-${face}.ttf`,
      family: families[family],
      style: face.includes('italic') ? 'italic' : 'normal',
      weight: face.startsWith('bold') ? 'bold' : 'normal',
      path: resolveFontFile(theme.fonts[family][face]),
    })),
  );
}

/**
 * epub-gen-memory sanitises chapter markup (drops `scope`, turns alt="" into "image-placeholder", encodes every
 * non-ASCII character); our markup is already valid XHTML, so this subclass puts it back untouched.
 */
class StudyGuideEpub extends EPub {
  constructor(options: Options, chapters: Chapter[], renderChapter: (c: Chapter) => string) {
    super(options, chapters.map((c) => ({ title: c.title, filename: c.filename, content: '<p></p>' })));
    this.content.forEach((normalised, index) => {
      normalised.content = renderChapter(chapters[index]!);
    });
  }
}

export async function renderEpub(document: ComposedDocument, theme: Theme, templates: TemplateSet, options: EpubOptions): Promise<Uint8Array> {
  const chapters = splitChapters(document.root);
  const fonts = epubFonts(theme);
  const lang = document.lang;
  const identifier = `urn:uuid:${stableUuid(`studyguide:${document.guideId}:${document.edition}`)}`;
  const modified = options.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const packageContext = {
    lang,
    identifier,
    title: document.title,
    description: options.description,
    rights: options.rights,
    date: modified.slice(0, 10),
    modified,
    chapters,
    fonts,
    titlePage: chapters[0]?.filename ?? '',
    bodyStart: chapters[1]?.filename ?? chapters[0]?.filename ?? '',
  };
  const verbatim = (name: string) => asEjsLiteral(templates.render(name, packageContext));
  const epub = new StudyGuideEpub(
    {
      title: document.title,
      lang,
      description: options.description,
      date: options.date.toISOString(),
      css: templates.render('style.css', { theme, fonts }),
      fonts: fonts.map((f) => ({ filename: f.filename, url: pathToFileURL(f.path).href })),
      contentOPF: verbatim('epub/content.opf'),
      tocXHTML: verbatim('epub/nav.xhtml'),
      tocNCX: verbatim('epub/toc.ncx'),
      chapterXHTML: '<%- content %>',
      prependChapterTitles: false,
      ignoreFailedDownloads: false,
      verbose: false,
    },
    chapters,
    (chapter) => asEjsLiteral(templates.render('epub/chapter.xhtml', { lang, title: chapter.title, content: chapter.xhtml })),
  );
  await epub.render();
  const zipped = await epub.generateAsync({ type: 'uint8array' });
  return reproducibleZip(zipped, options.date);
}

/** Our own Handlebars output goes through epub-gen-memory's EJS templates; `<%%` keeps any `<%` in it literal. */
function asEjsLiteral(text: string): string {
  return text.replace(/<%/g, '<%%');
}

/**
 * Repacks the zip so two builds of the same content are byte-identical: fixed dates, `mimetype` first and
 * stored, the nav under the name our OPF gives it.
 */
function reproducibleZip(zipped: Uint8Array, date: Date): Uint8Array {
  const files = unzipSync(zipped);
  const mtime = date;
  const out: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }] };
  for (const [name, data] of Object.entries(files)) {
    if (name === 'mimetype' || name.endsWith('/')) continue;
    const target = name === 'OEBPS/toc.xhtml' ? 'OEBPS/nav.xhtml' : name;
    out[target] = [data, { level: 9, mtime }];
  }
  return zipSync(out);
}

/** A name-based UUID (version 5 layout over SHA-1), so the identifier is the same on every build. */
function stableUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
