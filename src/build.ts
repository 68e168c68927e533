// build(options): load → compose → render → write, returning what was made, every problem found, and stage timings.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDocument, EDITIONS, type ComposedDocument, type Edition } from './compose/compose.js';
import { loadTemplates, type TemplateSet } from './compose/templates.js';
import { checkGlyphs } from './content/glyphs.js';
import { contentFolderProblem, matchGuideName } from './content/files.js';
import { findGuides, loadGuide, type Guide } from './content/load.js';
import { defaultContentDir, findPacks, loadPack, type Pack } from './content/pack.js';
import { composePack } from './compose/pack.js';
import { hasErrors, UserError, type Diagnostic } from './diagnostics.js';
import { loadTheme, type Paper, type Theme } from './theme.js';
import type { PdfResult } from './render/pdf/index.js';
import { checkWritable, OutputError, writeOutputs, type OutputFile } from './write.js';

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

export interface Prepared {
  guides: Guide[];
  theme: Theme;
  templates: TemplateSet;
  documents: ComposedDocument[];
  /** Guide id → its screening handout (student content, handout.hbs). */
  handouts: Map<string, ComposedDocument>;
}

/** Loads and composes everything; returns the diagnostics when anything is wrong. Shared by build and check. */
export function prepare(options: BuildOptions, timings: Record<string, number> = {}, { composeHandouts = true } = {}): { prepared?: Prepared; diagnostics: Diagnostic[] } {
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
      if (!composeHandouts) continue;
      const handout = composeDocument(guide, 'student', templates, 'handout');
      diagnostics.push(...handout.diagnostics);
      if (handout.document) handouts.set(guide.id, handout.document);
    }
  });
  const merged = mergeEditionDuplicates(diagnostics);
  if (hasErrors(merged)) return { diagnostics: merged };
  return { prepared: { guides, theme, templates, documents, handouts }, diagnostics: merged };
}

/**
 * Each edition is composed on its own, so one mistake in a template or a link is found once per edition.
 * The reader needs it once: identical reports are kept once, and a link that fails in both editions is
 * reported once, naming both.
 */
function mergeEditionDuplicates(diagnostics: Diagnostic[]): Diagnostic[] {
  const byPlace = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message.replace(/ in the (student|teacher) edition$/, '')}`;
    const earlier = byPlace.get(key);
    if (!earlier) byPlace.set(key, d);
    else if (earlier.message !== d.message) byPlace.set(key, { ...earlier, message: earlier.message.replace(/ in the (student|teacher) edition$/, ' in either edition') });
  }
  return [...byPlace.values()];
}

function loadGuides(options: BuildOptions, diagnostics: Diagnostic[]): Guide[] {
  const folderProblem = contentFolderProblem(options.contentDir);
  if (folderProblem) {
    diagnostics.push(folderProblem);
    return [];
  }
  const available = findGuides(options.contentDir, diagnostics);
  const wanted = options.guides.length ? options.guides : available;
  if (wanted.length === 0) {
    diagnostics.push({ severity: 'error', code: 'no-guides', message: 'no guide folders (with a guide.yaml) found', file: options.contentDir });
  }
  const guides: Guide[] = [];
  for (const name of wanted) {
    const id = matchGuideName(available, name);
    if (!id) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown-guide',
        message: `there is no guide "${name}" (no ${name}/guide.yaml)`,
        file: options.contentDir,
        hint: available.length ? `the guides here are: ${available.join(', ')}` : undefined,
      });
      continue;
    }
    const result = loadGuide(path.join(options.contentDir, id), options.contentDir);
    diagnostics.push(...result.diagnostics);
    if (result.guide) guides.push(result.guide);
  }
  return guides;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const { prepared, diagnostics } = prepare(options, timings);
  const blocked = unwritable(options);
  if (blocked) diagnostics.push(blocked);
  if (!prepared || blocked) return { files: [], diagnostics, timings };
  const { renderPdf } = await import('./render/pdf/index.js');
  const { renderHtml } = await import('./render/html/index.js');
  const { imposeBooklet } = await import('./render/booklet.js');
  const files: BuiltFile[] = [];
  for (const document of prepared.documents) {
    const guide = prepared.guides.find((g) => g.id === document.guideId)!;
    const date = buildDate(guide.meta.date);
    // Each guide's files go in a folder of its own, named after the guide's folder.
    const fileNames: Record<Format, string> = {
      pdf: `${guide.id}-${document.edition}.pdf`,
      epub: `${guide.id}-${document.edition}.epub`,
      html: `${guide.id}-${document.edition}.html`,
      booklet: `${guide.id}-${document.edition}-booklet.pdf`,
      handout: `${guide.id}-handout.pdf`,
    };
    const target = (format: Format) => path.join(options.outDir, guide.id, fileNames[format]);
    const print = printAndEbook(document, prepared, { paper: options.paper, date, description: describe(guide, document.edition), pdfName: fileNames.pdf }, diagnostics);
    const renderers: Record<Format, () => Promise<Uint8Array>> = {
      ...print,
      html: async () => renderHtml(document, prepared.theme, prepared.templates, { description: describe(guide, document.edition) }),
      booklet: async () => {
        // Laid out afresh on the half-size page, so its page numbers, contents and bookmarks are the booklet's own.
        const onLetter = options.paper === 'letter';
        const pages = await renderPdf(document, prepared.theme, { paper: onLetter ? 'half_letter' : 'a5', date });
        return imposeBooklet(pages.bytes, onLetter ? 'letter' : 'a4', { title: document.title, date, lang: document.lang });
      },
      handout: async () => {
        const pdf = await renderPdf(prepared.handouts.get(guide.id)!, prepared.theme, { paper: options.paper === 'a5' ? 'a4' : options.paper, date, furniture: false });
        if (pdf.pageCount > 2) {
          diagnostics.push({ severity: 'warning', code: 'handout-length', message: `the handout takes ${pdf.pageCount} pages; it is meant for one sheet, front and back`, file: path.join(prepared.templates.dir, 'handout.hbs'), hint: 'shorten the spoiler-free synopsis, the content note or the facts' });
        }
        return pdf.bytes;
      },
    };
    const jobs = formatsFor(document.edition, options).map((format) => ({ path: target(format), guide: guide.id, format, edition: document.edition, render: renderers[format] }));
    files.push(...(await renderAll(jobs, timings)));
  }
  return writeStage(options, files, diagnostics, timings);
}

/** Writes the files when asked to; a folder that will not take them is reported as an error at that folder. */
async function writeStage(options: { write: boolean; outDir: string }, files: BuiltFile[], diagnostics: Diagnostic[], timings: Record<string, number>): Promise<BuildResult> {
  if (!options.write) return { files, diagnostics, timings };
  const start = performance.now();
  try {
    await writeOutputs(options.outDir, files);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    return { files: [], diagnostics: [...diagnostics, outputDiagnostic(error)], timings };
  }
  timings.write = performance.now() - start;
  return { files, diagnostics, timings };
}

/** Before any rendering: a build that cannot be written should say so in a second, not after a minute of work. */
function unwritable(options: { write: boolean; outDir: string }): Diagnostic | undefined {
  if (!options.write) return undefined;
  try {
    checkWritable(options.outDir);
    return undefined;
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    return outputDiagnostic(error);
  }
}

function outputDiagnostic(error: OutputError): Diagnostic {
  return { severity: 'error', code: 'output-unwritable', message: error.message, file: error.folder, hint: error.hint };
}

interface PrintSettings {
  paper: Paper;
  date: Date;
  description: string;
  /** The PDF's file name, which the EPUB names as the source of its page numbers. */
  pdfName: string;
}

/** The PDF and the EPUB of one composed document. One print layout serves both: the EPUB takes its page numbers from it. */
function printAndEbook(document: ComposedDocument, prepared: Pick<Prepared, 'theme' | 'templates'>, settings: PrintSettings, diagnostics: Diagnostic[]) {
  let printLayout: Promise<PdfResult> | undefined;
  const layOutForPrint = async () =>
    (printLayout ??= import('./render/pdf/index.js').then(async ({ renderPdf }) => {
      const pdf = await renderPdf(document, prepared.theme, { paper: settings.paper, date: settings.date });
      const template = path.join(prepared.templates.dir, 'document.hbs');
      for (const message of pdf.warnings) diagnostics.push({ severity: 'warning', code: 'pdf-layout', message, file: template });
      return pdf;
    }));
  return {
    pdf: async () => (await layOutForPrint()).bytes,
    epub: async () => {
      const pdf = await layOutForPrint();
      const { renderEpub } = await import('./render/epub/index.js');
      return renderEpub(document, prepared.theme, prepared.templates, {
        date: settings.date,
        description: settings.description,
        rights: 'May be copied for teaching, screenings and private study; not for sale.',
        pagination: {
          source: `${document.title}, ${document.edition} edition, printed on ${PAPER_NAMES[settings.paper]} (${settings.pdfName})`,
          pageCount: pdf.pageCount,
          pageStarts: pdf.pageStarts,
          contentsPages: pdf.contentsPages,
        },
      });
    },
  };
}

/** Renders each format in turn, timing it; the files are written together at the end, so a failure leaves no half set. */
async function renderAll(jobs: { path: string; guide: string; format: Format; edition: Edition; render: () => Promise<Uint8Array> }[], timings: Record<string, number>): Promise<BuiltFile[]> {
  const files: BuiltFile[] = [];
  for (const job of jobs) {
    const start = performance.now();
    const bytes = await job.render();
    const milliseconds = performance.now() - start;
    timings[`render ${job.format}`] = (timings[`render ${job.format}`] ?? 0) + milliseconds;
    files.push({ path: job.path, bytes, guide: job.guide, format: job.format, edition: job.edition, milliseconds });
  }
  return files;
}

export const PACK_FORMATS = ['pdf', 'epub'] as const satisfies readonly Format[];

export interface PackBuildOptions {
  packFile: string;
  /** Where the listed guides are; by default the folder above packs/. */
  contentDir?: string;
  templatesDir?: string;
  outDir: string;
  editions: readonly Edition[];
  formats: readonly (typeof PACK_FORMATS)[number][];
  paper: Paper;
  write: boolean;
}

/** A course pack: every listed guide composed as usual, joined into one document per edition, then printed and made an e-book. */
export async function buildPack(options: PackBuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const contentDir = options.contentDir ?? defaultContentDir(options.packFile);
  const start = performance.now();
  const { pack, diagnostics } = loadPack(options.packFile, contentDir);
  timings.load = performance.now() - start;
  if (!pack) return { files: [], diagnostics, timings };
  const guideOptions: BuildOptions = { ...options, contentDir, guides: pack.meta.guides, formats: options.formats };
  const { prepared, diagnostics: guideDiagnostics } = prepare(guideOptions, timings, { composeHandouts: false });
  diagnostics.push(...guideDiagnostics);
  const blocked = unwritable(options);
  if (blocked) diagnostics.push(blocked);
  if (!prepared || blocked) return { files: [], diagnostics, timings };
  const jobs = [];
  const composeStart = performance.now();
  const composed = composePackEditions(pack, prepared, options.editions, diagnostics);
  timings.compose = (timings.compose ?? 0) + performance.now() - composeStart;
  for (const document of composed) {
    const edition = document.edition;
    const name = `${pack.id}-${edition}`;
    const description = `A course pack of study guides to ${prepared.guides.map((g) => `${g.meta.title} (${g.meta.director}, ${g.meta.year})`).join('; ')}: ${edition} edition.`;
    const print = printAndEbook(document, prepared, { paper: options.paper, date: buildDate(pack.meta.date), description, pdfName: `${name}.pdf` }, diagnostics);
    for (const format of options.formats) jobs.push({ path: path.join(options.outDir, pack.id, `${name}.${format}`), guide: pack.id, format, edition, render: print[format] });
  }
  if (hasErrors(diagnostics)) return { files: [], diagnostics, timings };
  const files = await renderAll(jobs, timings);
  return writeStage(options, files, diagnostics, timings);
}

/** One composed pack per edition, from the guides' composed editions taken in the pack's order. */
function composePackEditions(pack: Pack, prepared: Prepared, editions: readonly Edition[], diagnostics: Diagnostic[]): ComposedDocument[] {
  const guides = pack.meta.guides.map((id) => prepared.guides.find((g) => g.id === id)!);
  return editions.flatMap((edition) => {
    const documents = pack.meta.guides.map((id) => prepared.documents.find((d) => d.guideId === id && d.edition === edition)!);
    const result = composePack(pack, guides, documents, edition, prepared.templates);
    diagnostics.push(...result.diagnostics);
    return result.document ? [result.document] : [];
  });
}

/** For `check`: every pack in the content folder loaded and composed from the guides already prepared, without rendering. */
export function checkPacks(contentDir: string, prepared: Prepared): { composed: Map<string, number>; diagnostics: Diagnostic[] } {
  const composed = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  for (const file of findPacks(contentDir, diagnostics)) {
    const { pack, diagnostics: loading } = loadPack(file, contentDir, contentDir);
    diagnostics.push(...loading);
    if (!pack) continue;
    const editions = [...new Set(prepared.documents.map((d) => d.edition))];
    composed.set(pack.id, composePackEditions(pack, prepared, editions, diagnostics).length);
  }
  return { composed, diagnostics };
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

/** SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the content's own date (YYYY-MM-DD). */
export function buildDate(contentDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${contentDate}T00:00:00Z`);
}

export { EDITIONS };
