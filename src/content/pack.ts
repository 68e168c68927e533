// Loads a course pack file (content/packs/<name>.yaml): its own pages' text and the guides it lists, each checked to exist.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { closest } from './did-you-mean.js';
import { checkText } from './check-text.js';
import { findGuides, listFolder, matchGuideName, vetFolder } from './files.js';
import { packSchema, type PackFile } from './schema.js';
import { validateFile } from './validate.js';
import { positionOf, readYamlFile } from './yaml.js';

export interface Pack {
  /** The file name without .yaml, used in output file names. */
  id: string;
  file: string;
  meta: PackFile;
  /** The folder the listed guides are looked up in. */
  contentDir: string;
}

/** Pack files live in <content>/packs/, so the guides they name are the folders beside packs/. */
export function defaultContentDir(packFile: string): string {
  return path.dirname(path.dirname(path.resolve(packFile)));
}

/** The pack files in <content>/packs/ (a pack there is read only if it stays inside the content folder). */
export function findPacks(contentDir: string, diagnostics: Diagnostic[] = []): string[] {
  const dir = path.join(contentDir, 'packs');
  if (!vetFolder(dir, contentDir, diagnostics, 'packs folder')) return [];
  return listFolder(dir, diagnostics)
    .filter((entry) => /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(dir, entry.name));
}

/** `within`: the folder a pack file found by `check` must stay in; a pack named on the command line is read where it is. */
export function loadPack(file: string, contentDir: string, within?: string): { pack?: Pack; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const source = readYamlFile(file, diagnostics, within);
  if (!source) return { diagnostics };
  checkText(source, packSchema, diagnostics);
  if (source.data === undefined || source.data === null) {
    if (!diagnostics.length) diagnostics.push({ severity: 'error', code: 'empty-file', message: 'the pack file is empty', file, line: 1, column: 1, hint: 'a pack needs at least "title:", "date:" and a list of "guides:"' });
    return { diagnostics };
  }
  const meta = validateFile(source, packSchema, diagnostics);
  if (!meta) return { diagnostics };
  const available = findGuides(contentDir);
  // A pack names guides as typed; the folders may be spelled with decomposed accents (NFD) on disk.
  meta.guides = meta.guides.map((id) => matchGuideName(available, id) ?? id);
  meta.guides.forEach((id, index) => {
    const at = { file, ...positionOf(source, ['guides', index]) };
    if (meta.guides.indexOf(id) !== index) {
      diagnostics.push({ severity: 'error', code: 'duplicate-guide', message: `the guide "${id}" is listed twice`, ...at, hint: 'a guide appears once in a pack; remove this line' });
    } else if (!available.includes(id)) {
      const suggestion = closest(id, available);
      diagnostics.push({
        severity: 'error',
        code: 'unknown-guide',
        message: `there is no guide "${id}" in ${path.relative(process.cwd(), contentDir) || '.'}/ (no ${id}/guide.yaml)`,
        ...at,
        hint: suggestion ? `did you mean "${suggestion}"?` : available.length ? `the guides there are: ${available.join(', ')}` : 'there are no guide folders there; use --content to name the folder holding them',
      });
    }
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { pack: { id: path.basename(file).replace(/\.ya?ml$/, ''), file, meta, contentDir }, diagnostics };
}
