// Which files and folders hold content: .yaml and .yml read alike, look-alike names get a hint, a wrong --content folder is named.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

/** A content file: YAML, written either way. */
export const YAML_FILE = /\.ya?ml$/;

/** The name without .yaml or .yml: a theme file's id. */
export const yamlStem = (name: string) => name.replace(YAML_FILE, '');

/** The guide's main file in a folder: guide.yaml, or guide.yml when only that is there. */
export function guideFileName(dir: string): string | undefined {
  return ['guide.yaml', 'guide.yml'].find((name) => existsSync(path.join(dir, name)));
}

// Editors and operating systems add these; a file so named was meant to be read. Backups (~, .bak, .orig) are left alone.
const ADDED_EXTENSION = /(\.ya?ml)\.(txt|text|rtf|md|doc|docx|odt)$/i;

/** The name a file was probably meant to have when it looks like YAML but is not read: "notes.YML", "notes.yaml.txt". */
export function intendedYamlName(name: string): string | undefined {
  if (YAML_FILE.test(name)) return undefined;
  const base = name.replace(ADDED_EXTENSION, '$1');
  return /\.ya?ml$/i.test(base) ? base.replace(/\.ya?ml$/i, '.yaml') : undefined;
}

/** "Guide.yaml", "GUIDE.YML", "guide.yaml.txt": the guide's main file under a name that is not read. */
const looksLikeGuideFile = (name: string) => /^guide\.ya?ml$/.test(name.replace(ADDED_EXTENSION, '$1').toLowerCase());

/**
 * A warning for each file in `dir` that looks like YAML but is not read, so no part of a guide vanishes in
 * silence. A file that a link in the guide points to is read through the link, so it is left alone.
 */
export function warnUnreadFiles(dir: string, diagnostics: Diagnostic[], guideDir = dir): void {
  if (!existsSync(dir)) return;
  const linked = linkTargets([guideDir, path.join(guideDir, 'themes')]);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const intended = entry.isFile() ? intendedYamlName(entry.name) : undefined;
    if (!intended || linked.has(realpathSync(path.join(dir, entry.name)))) continue;
    diagnostics.push({
      severity: 'warning',
      code: 'file-not-read',
      message: `${entry.name} is not read: only files ending .yaml or .yml (in lower case) are`,
      file: path.join(dir, entry.name),
      hint: `rename it ${intended}`,
    });
  }
}

/** Where the links in these folders lead (their real paths); links that lead nowhere are the loader's to report. */
function linkTargets(dirs: string[]): Set<string> {
  const targets = new Set<string>();
  for (const dir of dirs.filter((d) => existsSync(d) && statSync(d).isDirectory())) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isSymbolicLink()) continue;
      try {
        targets.add(realpathSync(path.join(dir, entry.name)));
      } catch {
        // a dangling or looping link
      }
    }
  }
  return targets;
}

/** colour.yaml beside colour.yml: two files claiming one theme (or part) is an error at the second. */
export function checkSameStem(dir: string, names: string[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const first = seen.get(yamlStem(name));
    if (first) diagnostics.push({ severity: 'error', code: 'duplicate-file', message: `${name} and ${first} are two files for one "${yamlStem(name)}"`, file: path.join(dir, name), hint: 'keep one of them' });
    else seen.set(yamlStem(name), name);
  }
}

/** Guide folders whose main file is misnamed (Guide.yaml, guide.yaml.txt): what they hold, and the name it needs. */
export function misnamedGuideFiles(contentDir: string): { folder: string; file: string }[] {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !guideFileName(path.join(contentDir, entry.name)))
    .flatMap((entry) => {
      const files = readdirSync(path.join(contentDir, entry.name));
      const file = files.find(looksLikeGuideFile);
      return file ? [{ folder: entry.name, file }] : [];
    });
}

/** --content naming a guide folder (content/beanpole) rather than the folder that holds the guides. */
export function guideFolderGivenAsContent(contentDir: string): Diagnostic | undefined {
  if (!guideFileName(contentDir)) return undefined;
  return {
    severity: 'error',
    code: 'no-guides',
    message: 'this is a guide folder itself: --content names the folder that holds the guide folders',
    file: contentDir,
    hint: `use --content ${path.relative(process.cwd(), path.dirname(contentDir)) || '.'} and name the guide: ${path.basename(contentDir)}`,
  };
}
