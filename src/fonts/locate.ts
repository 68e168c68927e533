// Finds a font file named in the theme or a guide: a file of an installed npm package, or a file inside the guide or project folder.
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const requireFromHere = createRequire(import.meta.url);

export type FontProblem = { code: 'font-not-installed' | 'font-missing' | 'font-outside' | 'font-format'; message: string; hint: string; package?: string };
export type Located = { path: string; package?: string } | { problem: FontProblem };

/** "./fonts/x.ttf" and "../x.ttf" are files beside the YAML that names them; anything else is "<package>/<file>". */
function isLocalFontPath(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../');
}

/** The npm package a package path belongs to: "@embedpdf/fonts-jp/fonts/x.otf" → "@embedpdf/fonts-jp". */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The installed folder of a package, found the way Node finds it but without `require.resolve`: font
 * packages such as @embedpdf/fonts-* list only their scripts in "exports", which hides their font files.
 */
export function packageFolder(name: string): string | undefined {
  // studyguide's own dependencies first; then the project's (the folder it is run in), so a font package added
  // there with `npm install` is found by a studyguide installed globally too.
  const fromProject = createRequire(path.join(process.cwd(), 'package.json')).resolve.paths(name) ?? [];
  for (const dir of [...(requireFromHere.resolve.paths(name) ?? []), ...fromProject]) {
    if (readableFile(path.join(dir, name, 'package.json'))) return path.join(dir, name);
  }
  return undefined;
}

/** Under Node's permission model a folder the build may not read throws instead of answering: for us it holds nothing. */
function readableFile(file: string): boolean {
  try {
    return existsSync(file);
  } catch {
    return false;
  }
}

/**
 * Where `spec` is on disk. A local path is read relative to `baseDir` and must stay inside `root` (the
 * guide folder or the project), symbolic links included, so a guide cannot read files from elsewhere.
 */
export function locateFont(spec: string, { baseDir, root }: { baseDir: string; root: string }): Located {
  if (!isLocalFontPath(spec)) return locatePackageFile(spec);
  const file = path.resolve(baseDir, spec);
  if (!existsSync(file)) {
    return { problem: { code: 'font-missing', message: `the font file ${spec} does not exist`, hint: `put the file at ${path.relative(process.cwd(), file) || file}, or correct the path (it is read from the folder of this file)` } };
  }
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    return { problem: { code: 'font-outside', message: `the font file ${spec} is outside ${path.basename(root)}/`, hint: 'copy the font into the folder and name it from there, e.g. ./fonts/MyFont.ttf' } };
  }
  return checkFormat(spec, real) ?? { path: real };
}

function locatePackageFile(spec: string): Located {
  const name = packageOf(spec);
  const folder = packageFolder(name);
  if (!folder) {
    return { problem: { code: 'font-not-installed', package: name, message: `the font package ${name} is not installed`, hint: `run: npm install ${name}` } };
  }
  const file = path.join(folder, spec.slice(name.length + 1));
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { problem: { code: 'font-missing', package: name, message: `${name} has no file ${spec.slice(name.length + 1)}`, hint: `look in ${folder} for the file's name (versions of a package may name files differently)` } };
  }
  return checkFormat(spec, file) ?? { path: file, package: name };
}

/** pdfkit reads TrueType and OpenType files; WOFF and WOFF2 are web formats it cannot read, a collection (.ttc) holds several fonts. */
function checkFormat(spec: string, file: string): { problem: FontProblem } | undefined {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const tag = head.toString('latin1');
  if (tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true') return undefined;
  const what = tag === 'wOFF' || tag === 'wOF2' ? `a web font (${tag === 'wOFF' ? 'WOFF' : 'WOFF2'})` : tag === 'ttcf' ? 'a font collection (.ttc)' : 'not a font file';
  return { problem: { code: 'font-format', message: `${spec} is ${what}; the PDF needs a TrueType (.ttf) or OpenType (.otf) font`, hint: 'use the .ttf or .otf file of the same font' } };
}
