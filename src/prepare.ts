// The load and compose stages, shared by build, pack and check: every guide read and validated, every edition composed, every problem gathered.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeEditions, type ComposedDocument, type Edition } from './compose/compose.js';
import { composePack } from './compose/pack.js';
import { loadTemplates, type TemplateSet } from './compose/templates.js';
import { checkGlyphs } from './content/glyphs.js';
import type { SourceFile } from './content/yaml.js';
import { findGuides, loadGuide, type Guide } from './content/load.js';
import { findPacks, loadPack, type Pack } from './content/pack.js';
import { contentFolderProblem, matchGuideName, THEME_FILES } from './content/files.js';
import { guideFolderGivenAsContent, misnamedGuideFiles } from './content/file-names.js';
import { checkPlaceholders } from './content/placeholders.js';
import { hasErrors, UserError, type Diagnostic } from './diagnostics.js';
import { loadTheme, type Theme } from './theme.js';
import { checkThemeFolder, hasOwnLook, houseLook, loadLook, type Look } from './look/index.js';

/** The installed package's own folder: templates ship with the tool. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PrepareOptions {
  /** Folder holding one sub-folder per guide. */
  contentDir: string;
  templatesDir?: string;
  /** A school's look for every guide of the run (--theme): theme.yaml, a logo, fonts, templates/. */
  themeDir?: string;
  /** Guide folder names; all guides under contentDir when empty. */
  guides: string[];
  editions: readonly Edition[];
}

export interface Prepared {
  guides: Guide[];
  /** The run's look (the house one, or --theme over it): a course pack is made in it. */
  theme: Theme;
  templates: TemplateSet;
  look: Look;
  /** Guide id → the look its editions were composed in and are rendered in (the run's, or its folder's own over it). */
  looks: Map<string, Look>;
  documents: ComposedDocument[];
  /** Guide id → its screening handout (student content, handout.hbs). */
  handouts: Map<string, ComposedDocument>;
}

/** A stopwatch that adds each stage's time to `timings`. */
export function stageTimer(timings: Record<string, number>) {
  return <T>(stage: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    }
  };
}

/**
 * Loads and composes everything; returns the diagnostics when anything is wrong. `ownLooks: false` (a
 * course pack) composes every guide in the run's look, whatever its own folder holds.
 */
export function prepare(options: PrepareOptions, timings: Record<string, number> = {}, { composeHandouts = true, ownLooks = true } = {}): { prepared?: Prepared; diagnostics: Diagnostic[] } {
  const time = stageTimer(timings);
  const diagnostics: Diagnostic[] = [];
  const brokenGuides: SourceFile[][] = [];
  const guides = time('load', () => loadGuides(options, diagnostics, brokenGuides));
  const looks = time('load', () => loadLooks(options, guides, ownLooks, diagnostics));
  if (looks) {
    time('load', () => guides.forEach((guide) => checkGlyphs(guide.sources, looks.byGuide.get(guide.id)!.theme, diagnostics)));
    // A guide with other errors still has its characters checked, so a teacher sees every problem in one run;
    // on a line already in error the other checks have said what is wrong with its characters.
    time('load', () => brokenGuides.forEach((sources) => diagnostics.push(...glyphProblemsOnCleanLines(sources, looks.run.theme, diagnostics))));
  }
  guides.forEach((guide) => checkPlaceholders(guide.sources, diagnostics));
  if (hasErrors(diagnostics) || !looks) return { diagnostics };
  const documents: ComposedDocument[] = [];
  const handouts = new Map<string, ComposedDocument>();
  time('compose', () => {
    for (const guide of guides) {
      const look = looks.byGuide.get(guide.id)!;
      const composed = composeEditions(guide, options.editions, look.templates, 'document', look);
      diagnostics.push(...composed.diagnostics);
      documents.push(...composed.documents);
      // The handout has its own template: composed here too, so `check` reports its errors before any rendering.
      if (!composeHandouts) continue;
      const handout = composeEditions(guide, ['student'], look.templates, 'handout', look);
      diagnostics.push(...handout.diagnostics);
      if (handout.documents[0]) handouts.set(guide.id, handout.documents[0]);
    }
  });
  const unique = [...new Map(diagnostics.map((d) => [JSON.stringify(d), d])).values()];
  if (hasErrors(unique)) return { diagnostics: unique };
  const { run, byGuide } = looks;
  return { prepared: { guides, theme: run.theme, templates: run.templates, look: run, looks: byGuide, documents, handouts }, diagnostics: unique };
}

function glyphProblemsOnCleanLines(sources: SourceFile[], theme: Theme, diagnostics: Diagnostic[]): Diagnostic[] {
  const lineInError = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}`));
  const found: Diagnostic[] = [];
  checkGlyphs(sources, theme, found);
  return found.filter((d) => !lineInError.has(`${d.file}:${d.line}`));
}

/** The house look, the run's (--theme over it) and each guide's; undefined when any of them is broken. */
function loadLooks(options: PrepareOptions, guides: Guide[], ownLooks: boolean, diagnostics: Diagnostic[]): { run: Look; byGuide: Map<string, Look> } | undefined {
  const templatesDir = options.templatesDir ?? path.join(PACKAGE_ROOT, 'templates');
  const houseTheme = readTheme(path.join(templatesDir, 'theme.yaml'), diagnostics);
  const templates = loadTemplates(templatesDir);
  diagnostics.push(...templates.diagnostics);
  if (!houseTheme) return undefined;
  const house = houseLook(houseTheme, templates, diagnostics);
  const themeFolders = options.themeDir ? [{ dir: options.themeDir, folderName: 'the theme folder' }] : [];
  if (options.themeDir) diagnostics.push(...checkThemeFolder(options.themeDir));
  if (hasErrors(diagnostics.filter((d) => d.code === 'theme-folder'))) return undefined;
  const run = loadLook(house, themeFolders, diagnostics);
  if (!run) return undefined;
  const byGuide = new Map<string, Look>();
  for (const guide of guides) {
    if (!ownLooks && hasOwnLook(guide.dir)) diagnostics.push(lookNotUsedInPack(guide.dir));
    // A guide with nothing of its own shares the run's look (the same objects, the same caches).
    const look = ownLooks && hasOwnLook(guide.dir) ? loadLook(house, [...themeFolders, { dir: guide.dir, folderName: "the guide's folder" }], diagnostics) : run;
    if (look) byGuide.set(guide.id, look);
  }
  return byGuide.size === guides.length ? { run, byGuide } : undefined;
}

/** A course pack is one book in one look: a guide's own theme.yaml and templates/ are left out of it, and it says so. */
function lookNotUsedInPack(dir: string): Diagnostic {
  const file = THEME_FILES.map((name) => path.join(dir, name)).find((f) => existsSync(f)) ?? path.join(dir, 'templates');
  return { severity: 'warning', code: 'look-not-used', message: `${path.basename(dir)}'s own look (${path.basename(file)}) is not used in a course pack: the whole pack is made in one look`, file, hint: 'to give the pack this look, build it with --theme naming a folder that holds this theme.yaml (and templates/)' };
}

function readTheme(file: string, diagnostics: Diagnostic[]): Theme | undefined {
  try {
    return loadTheme(file);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    diagnostics.push(...error.diagnostics);
    return undefined;
  }
}

function loadGuides(options: PrepareOptions, diagnostics: Diagnostic[], brokenGuides: SourceFile[][]): Guide[] {
  const folderProblem = contentFolderProblem(options.contentDir) ?? guideFolderGivenAsContent(options.contentDir);
  if (folderProblem) {
    diagnostics.push(folderProblem);
    return [];
  }
  const available = findGuides(options.contentDir, diagnostics);
  const misnamed = misnamedGuideFiles(options.contentDir);
  const renameHint = (m: (typeof misnamed)[number]) => `${m.folder}/${m.file} is not read: rename it ${m.folder}/guide.yaml`;
  const wanted = options.guides.length ? options.guides : available;
  if (wanted.length === 0) {
    const hint = misnamed.length ? misnamed.map(renameHint).join('; ') : 'start a guide with: studyguide new <name>';
    diagnostics.push({ severity: 'error', code: 'no-guides', message: 'no guide folders (with a guide.yaml) found', file: options.contentDir, hint });
  } else if (!options.guides.length) {
    // Building every guide would otherwise skip such a folder without a word.
    for (const m of misnamed) diagnostics.push({ severity: 'warning', code: 'file-not-read', message: `${m.folder} is left out: it has no guide.yaml`, file: path.join(options.contentDir, m.folder, m.file), hint: `rename ${m.file} guide.yaml` });
  }
  const guides: Guide[] = [];
  for (const name of wanted) {
    // A folder name typed with a composed "é" finds one saved with a decomposed one, and the other way round.
    const id = matchGuideName(available, name);
    if (!id) {
      const misnamedHere = misnamed.find((m) => m.folder === name);
      const hint = misnamedHere ? renameHint(misnamedHere) : available.length ? `the guides here are: ${available.join(', ')}` : undefined;
      diagnostics.push({ severity: 'error', code: 'unknown-guide', message: `there is no guide "${name}" (no ${name}/guide.yaml)`, file: options.contentDir, hint });
      continue;
    }
    const result = loadGuide(path.join(options.contentDir, id), options.contentDir);
    diagnostics.push(...result.diagnostics);
    if (result.guide) guides.push(result.guide);
    else if (result.sources?.length) brokenGuides.push(result.sources);
  }
  return guides;
}

/** One composed pack per edition, from the guides' composed editions taken in the pack's order. */
export function composePackEditions(pack: Pack, prepared: Prepared, editions: readonly Edition[], diagnostics: Diagnostic[]): ComposedDocument[] {
  const guides = pack.meta.guides.map((id) => prepared.guides.find((g) => g.id === id)!);
  return editions.flatMap((edition) => {
    const documents = pack.meta.guides.map((id) => prepared.documents.find((d) => d.guideId === id && d.edition === edition)!);
    const result = composePack(pack, guides, documents, edition, prepared.templates, prepared.look);
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
