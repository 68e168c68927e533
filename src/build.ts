// build(options): load → compose → render → write, returning what was made, every problem found, and stage timings.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDocument, EDITIONS, type ComposedDocument, type Edition } from './compose/compose.js';
import { loadTemplates, type TemplateSet } from './compose/templates.js';
import { checkGlyphs } from './content/glyphs.js';
import { findGuides, loadGuide, type Guide } from './content/load.js';
import { hasErrors, UserError, type Diagnostic } from './diagnostics.js';
import { loadTheme, type Paper, type Theme } from './theme.js';
import type { PdfResult } from './render/pdf/index.js';
import { writeOutputs, type OutputFile } from './write.js';

const PAPER_NAMES: Record<Paper, string> = { a4: 'A4', letter: 'US Letter', a5: 'A5', half_letter: 'half-letter' };

/**
 * pdf, epub, html: one per edition; booklet: the student edition on half-size pages, imposed for folding;
 * handout: one sheet for a screening audience, from its own template.
 */
export const FORMATS = ['pdf', 'epub', 'html', 'booklet', 'handout'] as const;
export type Format = (typeof FORMATS)[number];

/** Made once per guide, from the student edition: they are for screening audiences. */
export const STUDENT_ONLY_FORMATS: readonly Format[] = ['booklet', 'handout'];

/** The installed package's own folder: templates ship with the tool. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  /** Folder holding one sub-folder per guide. */
  contentDir: string;
  templatesDir?: string;
  outDir: string;
  /** Guide folder names; all guides under contentDir when empty. */
  guides: string[];
  editions: readonly Edition[];
  formats: readonly Format[];
  paper: Paper;
  /** false: render in memory only (the benchmark, `check`). */
  write: boolean;
}

export interface BuiltFile extends OutputFile {
  guide: string;
  format: Format;
  edition: Edition;
  milliseconds: number;
}

export interface BuildResult {
  files: BuiltFile[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

interface Prepared {
  guides: Guide[];
  theme: Theme;
  templates: TemplateSet;
  documents: ComposedDocument[];
  /** Guide id → its screening handout (student content, handout.hbs). */
  handouts: Map<string, ComposedDocument>;
}

/** Loads and composes everything; returns the diagnostics when anything is wrong. Shared by build and check. */
export function prepare(options: BuildOptions, timings: Record<string, number> = {}): { prepared?: Prepared; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const time = <T>(stage: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    }
  };
  const guides = time('load', () => loadGuides(options, diagnostics));
  const templatesDir = options.templatesDir ?? path.join(PACKAGE_ROOT, 'templates');
  let theme: Theme | undefined;
  try {
    theme = loadTheme(path.join(templatesDir, 'theme.yaml'));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    diagnostics.push(...error.diagnostics);
  }
  const templates = time('compose', () => loadTemplates(templatesDir));
  diagnostics.push(...templates.diagnostics);
  if (theme) time('load', () => guides.forEach((guide) => checkGlyphs(guide.sources, theme, diagnostics)));
  if (hasErrors(diagnostics) || !theme) return { diagnostics };
  const documents: ComposedDocument[] = [];
  const handouts = new Map<string, ComposedDocument>();
  time('compose', () => {
    for (const guide of guides) {
      for (const edition of options.editions) {
        const result = composeDocument(guide, edition, templates);
        diagnostics.push(...result.diagnostics);
        if (result.document) documents.push(result.document);
      }
      // The handout has its own template: composed here too, so `check` reports its errors before any rendering.
      const handout = composeDocument(guide, 'student', templates, 'handout');
      diagnostics.push(...handout.diagnostics);
      if (handout.document) handouts.set(guide.id, handout.document);
    }
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  return { prepared: { guides, theme, templates, documents, handouts }, diagnostics };
}

function loadGuides(options: BuildOptions, diagnostics: Diagnostic[]): Guide[] {
  const available = findGuides(options.contentDir);
  const wanted = options.guides.length ? options.guides : available;
  if (wanted.length === 0) {
    diagnostics.push({ severity: 'error', code: 'no-guides', message: 'no guide folders (with a guide.yaml) found', file: options.contentDir });
  }
  const guides: Guide[] = [];
  for (const id of wanted) {
    if (!available.includes(id)) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown-guide',
        message: `there is no guide "${id}" (no ${id}/guide.yaml)`,
        file: options.contentDir,
        hint: available.length ? `the guides here are: ${available.join(', ')}` : undefined,
      });
      continue;
    }
    const result = loadGuide(path.join(options.contentDir, id));
    diagnostics.push(...result.diagnostics);
    if (result.guide) guides.push(result.guide);
  }
  return guides;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const { prepared, diagnostics } = prepare(options, timings);
  if (!prepared) return { files: [], diagnostics, timings };
  const { renderPdf } = await import('./render/pdf/index.js');
  const { renderEpub } = await import('./render/epub/index.js');
  const { renderHtml } = await import('./render/html/index.js');
  const { imposeBooklet } = await import('./render/booklet.js');
  const files: BuiltFile[] = [];
  for (const document of prepared.documents) {
    const guide = prepared.guides.find((g) => g.id === document.guideId)!;
    const date = buildDate(guide);
    const fileNames: Record<Format, string> = {
      pdf: `${guide.id}-${document.edition}.pdf`,
      epub: `${guide.id}-${document.edition}.epub`,
      html: `${guide.id}-${document.edition}.html`,
      booklet: `${guide.id}-${document.edition}-booklet.pdf`,
      handout: `${guide.id}-handout.pdf`,
    };
    const target = (format: Format) => path.join(options.outDir, guide.id, fileNames[format]);
    // One print layout per document: the PDF is it, and the EPUB takes its page numbers from it.
    let printLayout: Promise<PdfResult> | undefined;
    const layOutForPrint = () =>
      (printLayout ??= renderPdf(document, prepared.theme, { paper: options.paper, date }).then((pdf) => {
        const template = path.join(prepared.templates.dir, 'document.hbs');
        for (const message of pdf.warnings) diagnostics.push({ severity: 'warning', code: 'pdf-layout', message, file: template });
        return pdf;
      }));
    const renderers: Record<Format, () => Promise<Uint8Array>> = {
      pdf: async () => (await layOutForPrint()).bytes,
      epub: async () => {
        const pdf = await layOutForPrint();
        return renderEpub(document, prepared.theme, prepared.templates, {
          date,
          description: describe(guide, document.edition),
          rights: 'May be copied for teaching, screenings and private study; not for sale.',
          pagination: {
            source: `${document.title}, ${document.edition} edition, printed on ${PAPER_NAMES[options.paper]} (${path.basename(target('pdf'))})`,
            pageCount: pdf.pageCount,
            pageStarts: pdf.pageStarts,
            contentsPages: pdf.contentsPages,
          },
        });
      },
      html: async () => renderHtml(document, prepared.theme, prepared.templates, { description: describe(guide, document.edition) }),
      booklet: async () => {
        // Laid out afresh on the half-size page, so its page numbers, contents and bookmarks are the booklet's own.
        const onLetter = options.paper === 'letter';
        const pages = await renderPdf(document, prepared.theme, { paper: onLetter ? 'half_letter' : 'a5', date });
        return imposeBooklet(pages.bytes, onLetter ? 'letter' : 'a4', { title: document.title, date });
      },
      handout: async () => {
        const pdf = await renderPdf(prepared.handouts.get(guide.id)!, prepared.theme, { paper: options.paper === 'a5' ? 'a4' : options.paper, date, furniture: false });
        if (pdf.pageCount > 2) {
          diagnostics.push({ severity: 'warning', code: 'handout-length', message: `the handout takes ${pdf.pageCount} pages; it is meant for one sheet, front and back`, file: path.join(prepared.templates.dir, 'handout.hbs'), hint: 'shorten the spoiler-free synopsis, the content note or the facts' });
        }
        return pdf.bytes;
      },
    };
    for (const format of formatsFor(document.edition, options)) {
      const start = performance.now();
      const bytes = await renderers[format]();
      const milliseconds = performance.now() - start;
      timings[`render ${format}`] = (timings[`render ${format}`] ?? 0) + milliseconds;
      files.push({ path: target(format), bytes, guide: guide.id, format, edition: document.edition, milliseconds });
    }
  }
  if (options.write) {
    const start = performance.now();
    writeOutputs(files);
    timings.write = performance.now() - start;
  }
  return { files, diagnostics, timings };
}

/**
 * The web page is what a teacher links from a course site, so when both editions are built only the
 * student's gets one; `--edition teacher --format html` still makes the teacher's. The booklet is the
 * student edition only.
 */
function formatsFor(edition: Edition, options: BuildOptions): readonly Format[] {
  if (edition !== 'teacher') return options.formats;
  const formats = options.formats.filter((f) => !STUDENT_ONLY_FORMATS.includes(f));
  return options.editions.length > 1 ? formats.filter((f) => f !== 'html') : formats;
}

function describe(guide: Guide, edition: Edition): string {
  return `A study guide to ${guide.meta.title} (${guide.meta.director}, ${guide.meta.year}): ${edition} edition.`;
}

/** SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the guide's own date. */
export function buildDate(guide: Guide): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${guide.meta.date}T00:00:00Z`);
}

export { EDITIONS };
