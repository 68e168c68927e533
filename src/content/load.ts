// The load stage: a guide folder's YAML files → one validated Guide, with every problem found in one pass.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { checkThemeReferences, checkUniqueQuestionIds } from './rules.js';
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
    const data = source.data === undefined || source.data === null ? undefined : validateFile(source, schema, diagnostics);
    return { source, data };
  };

  const guide = read<GuideFile>(path.join(dir, GUIDE_FILE), guideSchema);
  const themeFilesOnDisk = listThemeFiles(dir);
  const themes = themeFilesOnDisk.map((id) => ({ id, ...read<ThemeFile>(path.join(dir, 'themes', `${id}.yaml`), themeSchema) }));
  if (guide?.source.data) {
    const listed = Array.isArray((guide.source.data as { themes?: unknown }).themes) ? ((guide.source.data as { themes: unknown[] }).themes) : [];
    const inOrder = listed.flatMap((id) => themes.filter((t) => t.id === id && t.source?.data).map((t) => t.source!));
    checkThemeReferences(guide.source, themes.flatMap((t) => (t.source?.data ? [t.source] : [])), themeFilesOnDisk, diagnostics);
    checkUniqueQuestionIds(guide.source, inOrder, diagnostics);
  }
  if (!guide?.data || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const meta = guide.data;
  return {
    guide: {
      id: path.basename(dir),
      dir,
      meta,
      themes: meta.themes.map((id) => themes.find((t) => t.id === id)!.data!),
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
