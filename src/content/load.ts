// The load stage: a guide folder's YAML files → one validated Guide, with every problem found in one pass.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { checkAnchors } from './anchors.js';
import { GUIDE_FILE, listYamlFiles, THEME_FILES, vetFolder } from './files.js';
import { checkSameStem, guideFileName, warnUnreadFiles, yamlStem } from './file-names.js';
import { checkText } from './check-text.js';
import { checkThemeReferences } from './rules.js';
import { guidePartSchema, guideSchema, themeSchema, type GuideFile, type GuidePartFile, type ThemeFile } from './schema.js';
import { checkFigures } from './figures.js';
import type { GuideImage } from './images.js';
import { validateFile } from './validate.js';
import { positionOf, readYamlFile, type SourceFile } from './yaml.js';

export interface Guide {
  /** The folder name, used in output file names. */
  id: string;
  dir: string;
  meta: GuideFile;
  themes: ThemeFile[];
  /** Every file read, so later stages can point back into them. */
  sources: SourceFile[];
  /** Each figure's picture, checked, by its path as the YAML writes it. */
  images: Map<string, GuideImage>;
}

export interface LoadResult {
  guide?: Guide;
  diagnostics: Diagnostic[];
  /** The files read, even when the guide has errors: their characters are still checked, so one run reports all. */
  sources?: SourceFile[];
}

export { findGuides, GUIDE_FILE } from './files.js';

/** `contentDir` is the folder the guide folder must stay inside when it is a link (by default the one it is in). */
export function loadGuide(dir: string, contentDir = path.dirname(dir)): LoadResult {
  const diagnostics: Diagnostic[] = [];
  if (!vetFolder(dir, contentDir, diagnostics, 'guide folder')) {
    if (!diagnostics.length) diagnostics.push({ severity: 'error', code: 'missing-file', message: 'the guide folder does not exist', file: dir });
    return { diagnostics };
  }
  const reader = guideReader(dir, diagnostics);
  // A guide may be one guide.yaml or several files side by side (advisory.yaml, glossary.yaml, ...):
  // each top-level key lives in exactly one of them, and together they make one guide.
  const guideFile = guideFileName(dir) ?? GUIDE_FILE;
  // theme.yaml is the guide's own look, read with the templates (src/look/), not a part of its content.
  const parts = [guideFile, ...listYamlFiles(dir, diagnostics).filter((name) => name !== guideFile && !THEME_FILES.includes(name))].map((name) =>
    reader.read<GuidePartFile>(path.join(dir, name), guidePartSchema),
  );
  warnUnreadFiles(dir, diagnostics);
  const owners = ownersOfKeys(parts.flatMap((part) => (part?.source ? [part.source] : [])), diagnostics);
  const guideSource = parts[0]?.source;
  const themes = readThemes(dir, reader, diagnostics);
  if (guideSource) checkAcrossFiles(guideSource, owners, themes, diagnostics);
  if (!guideSource || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources: reader.sources };
  const meta = guideSchema.parse(Object.assign({}, ...parts.map((part) => part?.data ?? {})));
  return {
    guide: {
      // NFC, so a folder name written with a decomposed é names its outputs as it is typed.
      id: path.basename(dir).normalize('NFC'),
      dir,
      meta,
      themes: meta.themes.map((id) => themes.files.find((t) => t.id === id)!.data!),
      sources: reader.sources,
      images: reader.images,
    },
    diagnostics,
  };
}

/** Reads one YAML file of the guide: its text checked, its figures vetted, its data validated against `schema`. */
function guideReader(dir: string, diagnostics: Diagnostic[]) {
  const sources: SourceFile[] = [];
  const images = new Map<string, GuideImage>();
  const read = <T>(file: string, schema: Parameters<typeof validateFile<T>>[1]) => {
    const source = readYamlFile(file, diagnostics, dir);
    if (!source) return undefined;
    sources.push(source);
    checkText(source, schema, diagnostics);
    checkFigures(source, dir, images, diagnostics, { theme: path.dirname(file) === path.join(dir, 'themes') });
    const data = source.data === undefined || source.data === null ? undefined : validateFile(source, schema, diagnostics);
    return { source, data };
  };
  return { read, sources, images };
}

type GuideReader = ReturnType<typeof guideReader>;

interface ThemeFiles {
  files: { id: string; source?: SourceFile; data?: ThemeFile }[];
  /** The stems of the files in themes/, for "did you mean" when guide.yaml lists one that is not there. */
  onDisk: string[];
  /** themes/ is a file or a link elsewhere: reported once, and nothing more said about the themes. */
  folderBroken: boolean;
}

function readThemes(dir: string, reader: GuideReader, diagnostics: Diagnostic[]): ThemeFiles {
  const themesDir = path.join(dir, 'themes');
  const before = diagnostics.length;
  const names = vetFolder(themesDir, dir, diagnostics, 'themes folder') ? listYamlFiles(themesDir, diagnostics) : [];
  // A themes/ that is a file or a link elsewhere is reported once; every listed theme missing as well would only repeat it.
  const folderBroken = diagnostics.length > before && names.length === 0;
  if (!folderBroken) warnUnreadFiles(themesDir, diagnostics, dir);
  checkSameStem(themesDir, names, diagnostics);
  const files = names.map((name) => ({ id: yamlStem(name), ...reader.read<ThemeFile>(path.join(themesDir, name), themeSchema) }));
  return { files, onDisk: names.map(yamlStem), folderBroken };
}

/** What no one file can check alone: the themes guide.yaml lists, anchors unique across the guide, required keys. */
function checkAcrossFiles(guideSource: SourceFile, owners: Map<string, SourceFile>, themes: ThemeFiles, diagnostics: Diagnostic[]): void {
  const themesSource = owners.get('themes') ?? guideSource;
  const raw = (themesSource.data ?? {}) as { themes?: unknown };
  const listed = Array.isArray(raw.themes) ? raw.themes : [];
  const inOrder = listed.flatMap((id) => themes.files.filter((t) => t.id === id && t.source?.data).map((t) => t.source!));
  if (!themes.folderBroken) checkThemeReferences(themesSource, themes.files.flatMap((t) => (t.source?.data ? [t.source] : [])), themes.onDisk, diagnostics);
  checkAnchors(new Map([...owners, ['themes', themesSource]]), inOrder, diagnostics);
  checkRequiredKeys(owners, guideSource, diagnostics);
}

/** Which file sets each top-level key; a key set in two files is an error at the second. */
function ownersOfKeys(parts: SourceFile[], diagnostics: Diagnostic[]): Map<string, SourceFile> {
  const owners = new Map<string, SourceFile>();
  for (const source of parts) {
    const data = source.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    for (const key of Object.keys(data)) {
      const first = owners.get(key);
      if (first) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-key',
          message: `"${key}" is already set in ${path.basename(first.file)}`,
          file: source.file,
          ...positionOf(source, [key], { key: true }),
          hint: 'each part of a guide may be set in one file only; remove one of them',
        });
      } else {
        owners.set(key, source);
      }
    }
  }
  return owners;
}

/** Each part is checked on its own; a required key must still be set in one of them. */
function checkRequiredKeys(owners: Map<string, SourceFile>, guideSource: SourceFile, diagnostics: Diagnostic[]): void {
  if (!guideSource.data || typeof guideSource.data !== 'object') return;
  for (const [key, field] of Object.entries(guideSchema.shape)) {
    if (field.safeParse(undefined).success || owners.has(key)) continue;
    diagnostics.push({
      severity: 'error',
      code: 'missing-field',
      message: `${key} is required`,
      file: guideSource.file,
      line: 1,
      column: 1,
      hint: `add "${key}:" at the top of ${GUIDE_FILE}, or in another .yaml file of the guide's folder`,
    });
  }
}
