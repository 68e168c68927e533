// The render stage: each planned job through its format's backend, sharing one print layout per document and page size.
import type { ComposedDocument } from '../compose/compose.js';
import type { TemplateSet } from '../compose/templates.js';
import type { Diagnostic } from '../diagnostics.js';
import { buildDate, type Format, type Job } from '../plan.js';
import type { Paper, Theme } from '../theme.js';
import type { WorkCache } from '../work-cache.js';
import type { RenderContext } from './backend.js';
import { BACKENDS } from './backends.js';
import type { PdfResult } from './pdf/index.js';

export interface RenderedFile {
  path: string;
  bytes: Uint8Array;
  publication: string;
  format: Format;
  edition: Job['edition'];
  milliseconds: number;
}

export interface RenderSettings {
  theme: Theme;
  templates: TemplateSet;
  paper: Paper;
  cache: WorkCache;
}

/** Renders each job in turn, timing it; files are written together later, so a failure leaves no half set. */
export async function renderJobs(jobs: Job[], settings: RenderSettings, diagnostics: Diagnostic[], timings: Record<string, number>): Promise<RenderedFile[]> {
  const layout = sharedLayouts(settings.theme, settings.cache, diagnostics);
  const contextOf = (job: Job): RenderContext => ({ ...settings, date: buildDate(job.document.header.date), printedAs: job.printedAs, layout });
  // Work that can go on beside the layouts begins first (see Backend.start).
  await Promise.all(jobs.map((job) => BACKENDS[job.format].start?.(job.document, contextOf(job))));
  const files: RenderedFile[] = [];
  for (const job of jobs) {
    const context = contextOf(job);
    const start = performance.now();
    const rendered = await BACKENDS[job.format].render(job.document, context);
    const milliseconds = performance.now() - start;
    diagnostics.push(...rendered.diagnostics);
    timings[`render ${job.format}`] = (timings[`render ${job.format}`] ?? 0) + milliseconds;
    files.push({ path: job.path, bytes: rendered.bytes, publication: job.publication, format: job.format, edition: job.edition, milliseconds });
  }
  return files;
}

/**
 * Each document is laid out once per page size in a run, and what the layout reports is reported once. The
 * page numbers an earlier build found seed the layout: when they hold, one layout is enough instead of two.
 */
function sharedLayouts(theme: Theme, cache: WorkCache, diagnostics: Diagnostic[]): RenderContext['layout'] {
  const made = new Map<ComposedDocument, Map<Paper, Promise<PdfResult>>>();
  return (document, paper) => {
    const byPaper = made.get(document) ?? new Map<Paper, Promise<PdfResult>>();
    made.set(document, byPaper);
    let layout = byPaper.get(paper);
    if (!layout) {
      layout = import('./pdf/index.js')
        .then(({ renderPdf }) => renderPdf(document, theme, { paper, date: buildDate(document.header.date), seeds: layoutSeeds(cache, document, paper) }))
        .then((result) => (diagnostics.push(...result.diagnostics), result));
      byPaper.set(paper, layout);
    }
    return layout;
  };
}

/** Where an edition's cross-reference pages are kept between builds: the guide, the edition and the page size. */
function layoutSeeds(cache: WorkCache, document: ComposedDocument, paper: Paper) {
  const key = `${document.header.identifier} ${document.header.editionTitle} ${paper}`;
  return {
    get: (): Map<string, number> | undefined => {
      const bytes = cache.get('page-numbers', key);
      return bytes ? new Map(JSON.parse(Buffer.from(bytes).toString('utf8')) as [string, number][]) : undefined;
    },
    set: (pages: Map<string, number>) => cache.set('page-numbers', key, Buffer.from(JSON.stringify([...pages]))),
  };
}
