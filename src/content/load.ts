// The load stage: a guide folder's YAML files → one validated Guide, with every problem found in one pass.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { checkThemeReferences, checkUniqueQuestionIds, type LoadedTheme } from './rules.js';
import { guideSchema, themeSchema, type GuideFile, type ThemeFile } from './schema.js';
import { checkCharacters } from './text.js';
import { validateFile } from './validate.js';
import { readYamlFile, type SourceFile } from './yaml.js';

export interface Guide {
  /** The folder name, used in output file names. */
  id: string;
  dir: string;
  meta: GuideFile;
  themes: ThemeFile[];
  /** Every file read, so later stages can point back into them. */
  sources: SourceFile[];
}

export interface LoadResult {
  guide?: Guide;
  diagnostics: Diagnostic[];
}

export const GUIDE_FILE = 'guide.yaml';

/** The guide folders under a content folder: those holding a guide.yaml. */
export function findGuides(contentDir: string): string[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(contentDir, entry.name, GUIDE_FILE)))
    .map((entry) => entry.name)
    .sort();
}

export function loadGuide(dir: string): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceFile[] = [];
  const read = <T>(file: string, schema: Parameters<typeof validateFile<T>>[1]) => {
    const source = readYamlFile(file, diagnostics);
    if (!source) return undefined;
    sources.push(source);
    checkCharacters(source, diagnostics);
    if (source.data === undefined || source.data === null) return undefined;
    const data = validateFile(source, schema, diagnostics);
    return data === undefined ? undefined : { source, data };
  };

  const guide = read<GuideFile>(path.join(dir, GUIDE_FILE), guideSchema);
  const themeFilesOnDisk = listThemeFiles(dir);
  const themes: LoadedTheme[] = [];
  for (const id of themeFilesOnDisk) {
    const theme = read<ThemeFile>(path.join(dir, 'themes', `${id}.yaml`), themeSchema);
    if (theme) themes.push(theme);
  }
  if (guide) {
    checkThemeReferences(guide, themes, themeFilesOnDisk, diagnostics);
    checkUniqueQuestionIds(guide, orderThemes(guide.data, themes), diagnostics);
  }
  if (!guide || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    guide: {
      id: path.basename(dir),
      dir,
      meta: guide.data,
      themes: orderThemes(guide.data, themes).map((t) => t.data),
      sources,
    },
    diagnostics,
  };
}

function listThemeFiles(dir: string): string[] {
  const themesDir = path.join(dir, 'themes');
  if (!existsSync(themesDir)) return [];
  return readdirSync(themesDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** Themes in the order guide.yaml lists them; unlisted ones are dropped (a warning says so). */
function orderThemes(guide: GuideFile, themes: LoadedTheme[]): LoadedTheme[] {
  return guide.themes.flatMap((id) => themes.filter((t) => path.basename(t.source.file, '.yaml') === id));
}
