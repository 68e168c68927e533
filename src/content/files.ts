// Every look at the file system the load stage makes: folders listed and files vetted (links, pipes, folders) before anything is opened.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export const GUIDE_FILE = 'guide.yaml';

/** A guide's own look (colours, fonts, logo), beside its content but not part of it: see src/look/. */
export const THEME_FILES = ['theme.yaml', 'theme.yml'];

/**
 * A guide shared as a zip can hold links. A link is followed only when it ends inside `root` (the guide's
 * folder, or the content folder for a guide folder); the message names the link and where it points and
 * never shows what is there. Pipes, sockets and devices are refused before they are opened, so a read
 * never blocks. Without a root (a file named on the command line) links are followed anywhere.
 * Returns the real path to open, or undefined after reporting why not.
 */
export function vetFile(file: string, root: string | undefined, diagnostics: Diagnostic[], what = 'file'): string | undefined {
  // A file that is not there at all is the reader's to report ("the file does not exist").
  if (!lstatOf(file)) return file;
  const target = followLink(file, root, diagnostics, what);
  if (!target) return undefined;
  const stats = statOf(target);
  const problem = !stats ? 'cannot be read' : stats.isFile() ? undefined : `is ${kindOf(stats)}, not a text file`;
  if (!problem) return target;
  const via = target === file ? '' : ` (through the link to ${target})`;
  diagnostics.push({ severity: 'error', code: 'not-a-file', message: `${path.basename(file)} ${problem}${via}`, file, hint: kindHint(stats) });
  return undefined;
}

/** The same for a folder: the real path of a folder inside `root`, or undefined after reporting. A missing folder is no error. */
export function vetFolder(dir: string, root: string, diagnostics: Diagnostic[], what = 'folder'): string | undefined {
  const link = lstatOf(dir);
  if (!link) return undefined;
  const target = followLink(dir, root, diagnostics, what);
  if (!target) return undefined;
  const stats = statOf(target);
  if (stats?.isDirectory()) return target;
  diagnostics.push({
    severity: 'error',
    code: 'not-a-folder',
    message: `${path.basename(dir)} is ${stats ? kindOf(stats) : 'unreadable'}, not a folder`,
    file: dir,
    hint: path.basename(dir) === 'themes' ? 'themes/ must be a folder holding one .yaml file per theme chapter; move the file into such a folder' : 'make it a folder, or remove it',
  });
  return undefined;
}

/** Resolves a link (or a path through a linked folder) when it ends inside `root`; reports dangling, looping and escaping links. */
function followLink(file: string, root: string | undefined, diagnostics: Diagnostic[], what: string): string | undefined {
  const isLink = lstatOf(file)?.isSymbolicLink() ?? false;
  const at = { severity: 'error' as const, file };
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    if (!isLink) return file;
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    const name = path.basename(file);
    diagnostics.push({ ...at, code: 'broken-link', message: loop ? `the ${what} ${name} is a link that leads round in a loop` : `the ${what} ${name} is a link to ${readLink(file)}, which does not exist`, hint: 'replace the link with the file itself, or remove it' });
    return undefined;
  }
  if (root === undefined || isInside(real, realRoot(root))) return real;
  const inside = path.basename(root);
  diagnostics.push({
    ...at,
    code: 'link-outside',
    message: `the ${what} ${path.basename(file)} ${isLink ? 'is a link' : 'is reached through a linked folder'} to ${real}, outside ${inside}/; nothing outside it is read`,
    hint: `copy the ${what} itself into ${inside}/ instead of linking to it`,
  });
  return undefined;
}

/** The entries of a folder, sorted; a folder that cannot be listed is reported at its path. */
export function listFolder(dir: string, diagnostics: Diagnostic[]): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    diagnostics.push({ severity: 'error', code: 'unreadable-folder', message: `the folder ${path.basename(dir)} cannot be read (${code ?? (error as Error).message})`, file: dir, hint: code === 'EACCES' ? 'check that you may open the folder' : undefined });
    return [];
  }
}

/**
 * The .yaml names in a folder, whatever they are (links, pipes, folders): the reader vets each one and
 * says what is wrong with it. .yml files are read like .yaml ones; a hidden one is reported rather than passed over.
 */
export function listYamlFiles(dir: string, diagnostics: Diagnostic[]): string[] {
  const names: string[] = [];
  for (const entry of listFolder(dir, diagnostics)) {
    // Hidden files (an editor's backup, a Mac's ._notes.yaml from a zip) are not the guide's.
    if (entry.name.startsWith('.') && /\.ya?ml$/.test(entry.name)) {
      diagnostics.push({ severity: 'warning', code: 'unused-file', message: `${entry.name} is a hidden file, so it is not read`, file: path.join(dir, entry.name), hint: 'if it belongs to the guide, rename it without the leading dot' });
    } else if (/\.ya?ml$/.test(entry.name)) names.push(entry.name);
  }
  return names;
}

/** Problems with the content folder itself (missing, a file, unreadable), reported at its path. */
export function contentFolderProblem(contentDir: string): Diagnostic | undefined {
  const stats = statOf(contentDir);
  const at = { severity: 'error' as const, code: 'no-guides', file: contentDir };
  if (!stats) return { ...at, message: lstatOf(contentDir) ? 'the content folder is a link that goes nowhere' : 'the content folder does not exist', hint: 'run the command in the folder that holds content/, name the folder with --content, or start a guide with: studyguide new <name>' };
  if (!stats.isDirectory()) return { ...at, message: `the content folder is ${kindOf(stats)}, not a folder`, hint: '--content names the folder that holds one folder per guide (e.g. --content content), not a file in it' };
  return undefined;
}

/** The guide folders under a content folder (those holding a guide.yaml or guide.yml, or a link named so); links to folders count, and are vetted when loaded. */
export function findGuides(contentDir: string, diagnostics: Diagnostic[] = []): string[] {
  if (contentFolderProblem(contentDir)) return [];
  return listFolder(contentDir, diagnostics)
    .filter((entry) => (entry.isDirectory() || (entry.isSymbolicLink() && statOf(path.join(contentDir, entry.name))?.isDirectory())) && ['guide.yaml', 'guide.yml'].some((name) => lstatOf(path.join(contentDir, entry.name, name))))
    .map((entry) => entry.name);
}

/** The folder name as written on disk for a name as typed: a decomposed é (from a Mac or a zip) matches a composed one. */
export function matchGuideName(available: string[], wanted: string): string | undefined {
  return available.find((name) => name === wanted) ?? available.find((name) => name.normalize('NFC') === wanted.normalize('NFC'));
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** What a link says, made absolute against its folder; readlink does not open the target, which need not exist. */
function readLink(file: string): string {
  try {
    return path.resolve(path.dirname(file), readlinkSync(file));
  } catch {
    return file;
  }
}

function lstatOf(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** stat follows links but opens nothing, so it never blocks on a pipe. */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a link';
  return 'a file';
}

function kindHint(stats: Stats | undefined): string {
  if (stats?.isDirectory()) return 'a content file must be a .yaml text file; rename the folder so its name does not end in .yaml';
  if (!stats) return 'check that the file exists and that you may read it';
  return 'content files are ordinary text files; replace it with one, or remove it (it was not opened)';
}
