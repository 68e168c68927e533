// The theme's font files: found in the installed packages, read and parsed by fontkit once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';
import { caches } from './cache.js';

const requireFromHere = createRequire(import.meta.url);

/** Absolute path of a font named in the theme by its installed package path. */
export function resolveFontFile(packagePath: string): string {
  return requireFromHere.resolve(packagePath);
}

/** Parsing a TTF and decoding its shaping tables costs more than setting several pages, and a build lays out each guide at least twice. */
export function openFont(packagePath: string): Font {
  const file = resolveFontFile(packagePath);
  let font = caches.fonts.get(file);
  if (!font) {
    font = create(readFileSync(file));
    caches.fonts.set(file, font);
  }
  return font;
}
