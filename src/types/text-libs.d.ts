// Types for the small parts of unicode-properties, linebreak and subset-font that studyguide uses; they ship none.
declare module 'unicode-properties' {
  export function getScript(codePoint: number): string;
  export function getCategory(codePoint: number): string;
  export function isMark(codePoint: number): boolean;
}

declare module 'linebreak' {
  export interface Break {
    /** The string index where the next line may start. */
    position: number;
    /** A hard break (a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

declare module 'subset-font' {
  interface SubsetOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    preserveNameIds?: number[];
    noLayoutClosure?: boolean;
  }
  export default function subsetFont(font: Buffer | Uint8Array, text: string, options?: SubsetOptions): Promise<Buffer>;
}

// pdf-lib's minified ES build: the same code as the package's entry, loaded in about a third of the time.
declare module 'pdf-lib/dist/pdf-lib.esm.min.js' {
  export * from 'pdf-lib';
}
