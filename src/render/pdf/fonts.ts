// Registers the theme's fonts with pdfkit under short names, sharing parsed fonts and shaped words across documents.
import { caches, SHAPED_WORDS_LIMIT } from '../../cache.js';
import { openFont, resolveFontFile } from '../../font-files.js';
import type { Theme } from '../../theme.js';
import { newShapedWords, registerSharedFont, type Pdf } from './pdfkit.js';
import { faceOf, type FontStyle } from './styles.js';

/** The font file a style is set in: the key of every cache that depends on the font. */
export function fontFile(theme: Theme, style: FontStyle): string {
  return resolveFontFile(theme.fonts[style.family][faceOf(style)]);
}

/** A font opened here and never drawn with is not embedded: pdfkit embeds only fonts a page refers to. */
export function registerFonts(doc: Pdf, theme: Theme): void {
  for (const family of ['serif', 'sans'] as const) {
    for (const [face, packagePath] of Object.entries(theme.fonts[family])) {
      const file = resolveFontFile(packagePath);
      let shaped = caches.shapedWords.get(file);
      // Checked once per document, so a long-lived process starts a font's cache afresh when it grows past the limit.
      if (!shaped || Object.keys(shaped).length > SHAPED_WORDS_LIMIT) caches.shapedWords.set(file, (shaped = newShapedWords()));
      registerSharedFont(doc, `${family}-${face}`, openFont(packagePath), shaped);
    }
  }
}
