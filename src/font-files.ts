// The font files text is set in, read and parsed by fontkit once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { resolveFontFile } from './theme.js';

// Parsing a TTF and decoding its shaping tables costs more than setting several pages, and a build
// lays out each guide at least twice (see renderPdf): so each file is parsed once, not once per layout.
// Keyed by the file's absolute path, so a face named by its package path and by its location is parsed once.
const parsed = new Map<string, Font>();

/** Opens a font by its package path (as theme.yaml names the house faces) or by its absolute path. */
export function openFont(packagePathOrFile: string): Font {
  const file = resolveFontFile(packagePathOrFile);
  let font = parsed.get(file);
  if (!font) {
    font = create(readFileSync(file));
    parsed.set(file, font);
  }
  return font;
}

/** The font files parsed so far in this process: what a build has paid to read. */
export function parsedFontFiles(): string[] {
  return [...parsed.keys()];
}
