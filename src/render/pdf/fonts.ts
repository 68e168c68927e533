// Registers the theme's fonts with pdfkit under short names, sharing parsed fonts and shaped words across documents.
import { openFont } from '../../font-files.js';
import type { FontFace, Theme } from '../../theme.js';

export type Family = 'serif' | 'sans';

export interface FontStyle {
  family: Family;
  bold: boolean;
  italic: boolean;
}

function faceOf(style: Pick<FontStyle, 'bold' | 'italic'>): FontFace {
  if (style.bold && style.italic) return 'bold_italic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

/** The registered name for a style, e.g. "sans-bold". */
export function fontName(style: FontStyle): string {
  return `${style.family}-${faceOf(style)}`;
}

/** pdfkit's per-font cache of shaped words: word → glyphs and positions already scaled to 1000 units. */
type LayoutCache = Record<string, unknown>;
const layoutCaches = new Map<string, LayoutCache>();

export function registerFonts(doc: PDFKit.PDFDocument, theme: Theme): void {
  const fonts = doc as unknown as { _font: { layoutCache?: LayoutCache } | null };
  for (const family of ['serif', 'sans'] as const) {
    for (const [face, file] of Object.entries(theme.fonts[family])) {
      // pdfkit accepts a parsed fontkit font, so the file is parsed once per process, not once per layout.
      doc.registerFont(`${family}-${face}`, openFont(file) as unknown as string);
      // pdfkit shapes each word once per document and keeps the result in `layoutCache` (internal, pinned in
      // package-lock.json). A build lays out the same words many times over (two passes, two editions, the
      // booklet), so every document of a font file shares one cache. A font opened here and never drawn
      // with is not embedded: pdfkit embeds only fonts a page refers to.
      doc.font(`${family}-${face}`);
      let cache = layoutCaches.get(file);
      if (!cache) layoutCaches.set(file, (cache = fonts._font!.layoutCache ?? Object.create(null)));
      fonts._font!.layoutCache = cache;
    }
  }
}
