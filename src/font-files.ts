// The theme's font files: found in the installed packages, read and parsed by fontkit once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';
import { caches } from './cache.js';

const requireFromHere = createRequire(import.meta.url);

/** Absolute path of a font named by its installed package path (an absolute path is returned as it is). */
export function resolveFontFile(packagePath: string): string {
  // Node keeps what it resolved too (Module._pathCache), so remembering the answer changes nothing but its cost.
  let file = caches.fontPaths.get(packagePath);
  if (file === undefined) caches.fontPaths.set(packagePath, (file = requireFromHere.resolve(packagePath)));
  return file;
}

/**
 * Opens a font by its package path (as theme.yaml names the house faces) or by its absolute path. Parsing a
 * TTF and decoding its shaping tables costs more than setting several pages, and a build lays out each
 * guide at least twice; keyed by the file's absolute path, so a face named both ways is parsed once.
 */
export function openFont(packagePathOrFile: string): Font {
  const file = resolveFontFile(packagePathOrFile);
  let font = caches.fonts.get(file);
  if (!font) {
    font = create(readFileSync(file));
    caches.fonts.set(file, font);
  }
  return font;
}

/** The font files parsed so far in this process: what a build has paid to read. */
export function parsedFontFiles(): string[] {
  return [...caches.fonts.keys()];
}
