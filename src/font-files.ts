// The theme's font files, read and parsed by fontkit once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { resolveFontFile } from './theme.js';

// Parsing a TTF and decoding its shaping tables costs more than setting several pages, and a build
// lays out each guide at least twice (see renderPdf): so each file is parsed once, not once per layout.
const parsed = new Map<string, Font>();

export function openFont(packagePath: string): Font {
  let font = parsed.get(packagePath);
  if (!font) {
    font = create(readFileSync(resolveFontFile(packagePath)));
    parsed.set(packagePath, font);
  }
  return font;
}
