// The small part of fontkit (pdfkit's font engine) that studyguide uses; the package ships no types.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    /** The characters the glyph stands for (several for a ligature). */
    codePoints: number[];
    advanceWidth: number;
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    direction: 'ltr' | 'rtl';
    advanceWidth: number;
  }
  export interface Font {
    familyName: string;
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph | undefined;
    getGlyph(id: number): Glyph & { path: { toSVG(): string } };
    /** Shapes a run of text; its advance width is in font units. */
    layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
