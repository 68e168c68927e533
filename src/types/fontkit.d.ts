// The small part of fontkit (pdfkit's font engine) that studyguide uses; the package ships no types.
declare module 'fontkit' {
  export interface Font {
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    unitsPerEm: number;
    /** Shapes a run of text; its advance width is in font units. */
    layout(text: string): { advanceWidth: number };
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
