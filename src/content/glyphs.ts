// Reports characters the guide's fonts cannot draw, at their place in the YAML: pdfkit would print an empty box silently.
import type { Font } from 'fontkit';
import { isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { openFont } from '../font-files.js';
import type { Theme } from '../theme.js';
import { characterName, isInvisible } from './character-names.js';
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
  const drawable = (code: number) => NOT_DRAWN.has(code) || fonts.every((f) => f.hasGlyphForCodePoint(code));
  const missing = (character: string, what: string, file: string, at: { line: number; column: number }): Diagnostic => ({
    severity: 'error',
    code: 'missing-glyph',
    message: `${what} is not in the fonts (${names}), so it would print as an empty box`,
    file,
    ...at,
    hint: isInvisible(character.codePointAt(0)!) ? 'replace it with an ordinary space (or delete it); it usually comes from a word processor' : 'use another character, or describe it in words',
  });
  for (const source of sources) {
    visit(source.document, {
      Scalar(_, node) {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        const reported = new Set<number>();
        for (const character of node.value) {
          const code = character.codePointAt(0)!;
          if (reported.has(code) || drawable(code)) continue;
          reported.add(code);
          const [start = 0, end = start] = node.range ?? [];
          const found = source.text.slice(start, end).indexOf(character);
          const { line, col } = source.lineCounter.linePos(found >= 0 ? start + found : start);
          diagnostics.push(missing(character, `the character ${describe(character)}`, source.file, { line, column: col }));
        }
      },
    });
    // Characters made by Markdown's &…; references, at the (first) reference.
    const reported = new Set<number>();
    for (const { character, reference, position } of source.decoded ?? []) {
      const code = character.codePointAt(0)!;
      if (reported.has(code) || drawable(code)) continue;
      reported.add(code);
      diagnostics.push(missing(character, `the character reference ${reference} stands for ${describe(character)}, which`, source.file, position));
    }
  }
}

/** "é" (U+00E9) for a visible character; U+202F NARROW NO-BREAK SPACE for one nobody can see. */
function describe(character: string): string {
  return isInvisible(character.codePointAt(0)!) ? characterName(character) : `"${character}" (${characterName(character)})`;
}
