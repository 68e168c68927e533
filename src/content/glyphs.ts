// Reports characters the guide's fonts cannot draw, at their place in the YAML: pdfkit would print an empty box silently.
import type { Font } from 'fontkit';
import { isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { openFont } from '../font-files.js';
import type { Theme } from '../theme.js';
import type { SourceFile } from './yaml.js';

/** The upright faces carry almost all text; the italic and bold faces of PT Serif/PT Sans cover the same characters. */
function themeFonts(theme: Theme): Font[] {
  return [theme.fonts.serif.regular, theme.fonts.sans.bold].map(openFont);
}

// Line breaks and tabs are layout, not glyphs; U+00AD is the soft hyphen the hyphenator inserts.
const NOT_DRAWN = new Set([0x0a, 0x0d, 0x09, 0xad]);

export function checkGlyphs(sources: SourceFile[], theme: Theme, diagnostics: Diagnostic[]): void {
  const fonts = themeFonts(theme);
  const names = [...new Set(fonts.map((f) => f.familyName))].join(' and ');
  for (const source of sources) {
    visit(source.document, {
      Scalar(_, node) {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        const reported = new Set<number>();
        for (const character of node.value) {
          const code = character.codePointAt(0)!;
          if (NOT_DRAWN.has(code) || reported.has(code) || fonts.every((f) => f.hasGlyphForCodePoint(code))) continue;
          reported.add(code);
          const [start = 0, end = start] = node.range ?? [];
          const found = source.text.slice(start, end).indexOf(character);
          const { line, col } = source.lineCounter.linePos(found >= 0 ? start + found : start);
          const hex = code.toString(16).toUpperCase().padStart(4, '0');
          diagnostics.push({
            severity: 'error',
            code: 'missing-glyph',
            message: `the character "${character}" (U+${hex}) is not in the fonts (${names}), so it would print as an empty box`,
            file: source.file,
            line,
            column: col,
            hint: 'use another character, or describe it in words',
          });
        }
      },
    });
  }
}

/** The characters of `text` the theme's fonts cannot draw, each once (for checking words before they go into a file). */
export function charactersNotInFonts(text: string, theme: Theme): string[] {
  const fonts = themeFonts(theme);
  return [...new Set(text)].filter((c) => !NOT_DRAWN.has(c.codePointAt(0)!) && !fonts.every((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!)));
}
