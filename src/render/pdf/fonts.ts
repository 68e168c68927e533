// Registers the theme's TTF fonts with pdfkit under short names; files are read once per process.
import { readFileSync } from 'node:fs';
import { resolveFontFile, type FontFace, type Theme } from '../../theme.js';

export type Family = 'serif' | 'sans';

export interface FontStyle {
  family: Family;
  bold: boolean;
  italic: boolean;
}

const fontBytes = new Map<string, Buffer>();

function readFont(packagePath: string): Buffer {
  let bytes = fontBytes.get(packagePath);
  if (!bytes) {
    bytes = readFileSync(resolveFontFile(packagePath));
    fontBytes.set(packagePath, bytes);
  }
  return bytes;
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

export function registerFonts(doc: PDFKit.PDFDocument, theme: Theme): void {
  for (const family of ['serif', 'sans'] as const) {
    for (const [face, file] of Object.entries(theme.fonts[family])) {
      doc.registerFont(`${family}-${face}`, readFont(file));
    }
  }
}
