// Template files a guide or theme folder puts in place of built-in ones, matched by their path under templates/; a name that matches none is an error naming the nearest.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { closest } from '../content/did-you-mean.js';
import { listFolder, vetFile, vetFolder } from '../content/files.js';
import { listTemplates } from '../compose/templates.js';

/** A templates/ folder of a guide or a --theme folder, and what messages call the folder holding it. */
export interface TemplateFolder {
  dir: string;
  folderName: string;
}

/**
 * Built-in path ("partials/colophon.hbs") → the file read instead; a later folder's file wins. Files are
 * read only when they are inside their folder (links included), as a guide's content files are.
 */
export function templateReplacements(builtInDir: string, folders: readonly TemplateFolder[], diagnostics: Diagnostic[]): Map<string, string> {
  const builtIn = listTemplates(builtInDir).map((t) => t.relative);
  const replacements = new Map<string, string>();
  for (const folder of folders) {
    const root = vetFolder(folder.dir, path.dirname(folder.dir), diagnostics, 'templates folder');
    if (!root) continue;
    for (const relative of filesUnder(root, '', diagnostics)) {
      const file = path.join(folder.dir, relative);
      if (!relative.endsWith('.hbs')) {
        diagnostics.push({ severity: 'warning', code: 'file-not-read', message: `${relative} is not read: only template files (.hbs) in templates/ replace built-in ones`, file, hint: 'move it out of templates/, or name it after a built-in template, e.g. partials/colophon.hbs' });
      } else if (!builtIn.includes(relative)) {
        diagnostics.push({ severity: 'error', code: 'unknown-template', message: `templates/${relative} matches no built-in template, so it would replace nothing`, file, hint: suggestion(relative, builtIn) });
      } else {
        const real = vetFile(file, root, diagnostics, 'template');
        if (real) replacements.set(relative, real);
      }
    }
  }
  return replacements;
}

/** Paths of the files under a folder, relative to it, in a stable order; hidden files (.DS_Store) are passed over. */
function filesUnder(root: string, prefix: string, diagnostics: Diagnostic[]): string[] {
  return listFolder(path.join(root, prefix), diagnostics).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory() && prefix.split('/').length < 3) return filesUnder(root, relative, diagnostics);
    return entry.isDirectory() ? [] : [relative];
  });
}

/** The built-in name meant: the same file name in another folder first ("colophon.hbs" → "partials/colophon.hbs"), then the nearest spelling. */
function suggestion(relative: string, builtIn: string[]): string {
  const sameName = builtIn.find((name) => path.posix.basename(name) === path.posix.basename(relative));
  const nearest = sameName ?? closest(relative, builtIn) ?? closestByName(relative, builtIn);
  const rule = 'a replacement has the path, under templates/, of the built-in template it replaces';
  return nearest ? `did you mean templates/${nearest}? (${rule})` : `${rule}, e.g. templates/partials/colophon.hbs or templates/partials/title-page.hbs`;
}

function closestByName(relative: string, builtIn: string[]): string | undefined {
  const name = closest(path.posix.basename(relative), builtIn.map((b) => path.posix.basename(b)));
  return name ? builtIn.find((b) => path.posix.basename(b) === name) : undefined;
}
