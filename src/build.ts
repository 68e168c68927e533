// build(options) and buildPack(options): load → compose → plan → render → write, returning what was made, every problem found, and stage timings.
import path from 'node:path';
import type { Edition } from './compose/compose.js';
import { defaultContentDir, loadPack } from './content/pack.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { planJobs, type Format, type Publication } from './plan.js';
import { composePackEditions, prepare, stageTimer } from './prepare.js';
import type { Look } from './look/index.js';
import { renderJobs, type RenderedFile } from './render/index.js';
import type { Paper } from './theme.js';
import { cacheFolder, WorkCache } from './work-cache.js';
import { checkWritable, OutputError, writeOutputs } from './write.js';

export interface BuildOptions {
  /** Folder holding one sub-folder per guide. */
  contentDir: string;
  templatesDir?: string;
  /** A school's look for every guide (--theme): a folder holding theme.yaml, a logo, fonts, templates/. */
  themeDir?: string;
  outDir: string;
  /** Guide folder names; all guides under contentDir when empty. */
  guides: string[];
  editions: readonly Edition[];
  formats: readonly Format[];
  paper: Paper;
  /** false: render in memory only (the benchmark). */
  write: boolean;
}

export type BuiltFile = RenderedFile;

export interface BuildResult {
  files: BuiltFile[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  // The handout is a document of its own: composed only when it is to be made (a preview of the web page never is).
  const { prepared, diagnostics } = prepare(options, timings, { composeHandouts: options.formats.includes('handout') });
  if (!prepared || !writable(options, diagnostics)) return { files: [], diagnostics, timings };
  const publications: LookedPublication[] = prepared.guides.map((guide) => ({
    name: guide.id,
    editions: prepared.documents.filter((d) => d.guideId === guide.id),
    handout: prepared.handouts.get(guide.id),
    look: prepared.looks.get(guide.id)!,
  }));
  return renderAndWrite(publications, options, diagnostics, timings);
}

export interface PackBuildOptions extends Omit<BuildOptions, 'contentDir' | 'guides'> {
  packFile: string;
  /** Where the listed guides are; by default the folder above packs/. */
  contentDir?: string;
}

/** A course pack: every listed guide composed as usual, joined into one document per edition, then rendered like a guide. */
export async function buildPack(options: PackBuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const time = stageTimer(timings);
  const contentDir = options.contentDir ?? defaultContentDir(options.packFile);
  const { pack, diagnostics } = time('load', () => loadPack(options.packFile, contentDir));
  if (!pack) return { files: [], diagnostics, timings };
  const { prepared, diagnostics: guideDiagnostics } = prepare({ ...options, contentDir, guides: pack.meta.guides }, timings, { composeHandouts: false, ownLooks: false });
  diagnostics.push(...guideDiagnostics);
  if (!prepared || !writable(options, diagnostics)) return { files: [], diagnostics, timings };
  const editions = time('compose', () => composePackEditions(pack, prepared, options.editions, diagnostics));
  if (hasErrors(diagnostics)) return { files: [], diagnostics, timings };
  // Packs have a folder of their own (output/packs/<pack>/), so a pack named like a guide never writes over that guide's files.
  return renderAndWrite([{ name: pack.id, editions, look: prepared.look }], { ...options, outDir: path.join(options.outDir, PACKS_FOLDER) }, diagnostics, timings);
}

/** A guide or pack with the look it is rendered in: each guide may have its own. */
type LookedPublication = Publication & { look: Look };

export const PACKS_FOLDER = 'packs';

/** Plans the jobs, renders them, and writes every file or none: a backend's error leaves the last good outputs as they were. */
async function renderAndWrite(publications: LookedPublication[], options: Omit<BuildOptions, 'contentDir' | 'guides'>, diagnostics: Diagnostic[], timings: Record<string, number>): Promise<BuildResult> {
  // Only a build that writes keeps its cache on disk (beside its outputs); any build reuses what its process made.
  const cache = WorkCache.open(options.write ? cacheFolder(options.outDir) : undefined);
  const files: RenderedFile[] = [];
  for (const { look, ...publication } of publications) {
    const jobs = planJobs([publication], { outDir: options.outDir, formats: options.formats, paper: options.paper, editionCount: options.editions.length });
    files.push(...(await renderJobs(jobs, { theme: look.theme, templates: look.templates, paper: options.paper, cache }, diagnostics, timings)));
  }
  if (hasErrors(diagnostics) || !options.write) return { files: hasErrors(diagnostics) ? [] : files, diagnostics, timings };
  const start = performance.now();
  try {
    await writeOutputs(options.outDir, files);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    return { files: [], diagnostics: [...diagnostics, outputDiagnostic(error)], timings };
  }
  cache.save();
  timings.write = performance.now() - start;
  return { files, diagnostics, timings };
}

/** Before any rendering: a build that cannot be written should say so in a second, not after a minute of work. */
function writable(options: { write: boolean; outDir: string }, diagnostics: Diagnostic[]): boolean {
  if (!options.write) return true;
  try {
    checkWritable(options.outDir);
    return true;
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    diagnostics.push(outputDiagnostic(error));
    return false;
  }
}

function outputDiagnostic(error: OutputError): Diagnostic {
  return { severity: 'error', code: 'output-unwritable', message: error.message, file: error.folder, hint: error.hint };
}
