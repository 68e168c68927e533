// The work a process keeps between documents (parsed fonts, shaped words, hyphenation, measured paragraphs, web fonts): one owner, every cache bounded.
import type { Font } from 'fontkit';

/** A map that starts afresh when full: a long-lived process (a preview server) never grows without end. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

/** pdfkit's per-font cache of shaped words: word → glyphs and positions already scaled to 1000 units. */
export type ShapedWords = Record<string, unknown>;

export interface Caches {
  /** A font as theme.yaml names it (a package path) → its file: node's resolution, asked for every paragraph measured. */
  fontPaths: BoundedMap<string, string>;
  /** Font file path → the font parsed by fontkit (parsing costs more than setting several pages). */
  fonts: BoundedMap<string, Font>;
  /** Font file path → its shaped words, shared by every document set in that file. */
  shapedWords: BoundedMap<string, ShapedWords>;
  /** Language → word → the word with soft hyphens. */
  hyphenatedWords: BoundedMap<string, BoundedMap<string, string>>;
  /** Language and a run of text → the run with soft hyphens. */
  hyphenatedRuns: BoundedMap<string, string>;
  /** Font file, size, width, line gap and text → height in points. */
  paragraphHeights: BoundedMap<string, number>;
  /** Encoded web font files (data: URIs), by name. */
  webFonts: BoundedMap<string, unknown>;
  /** Font file, direction, features and text → glyphs shaped by fontkit (text pdfkit cannot set itself). */
  shapedRuns: BoundedMap<string, unknown>;
  /** Font file, format and characters → the face cut down to them, for an EPUB or a web page. */
  fontSubsets: BoundedMap<string, Promise<Uint8Array>>;
  /** A paragraph's fragments, style and width → its runs broken into lines (text set as shaped glyphs). */
  runLayouts: BoundedMap<string, unknown>;
  /** Figures' pictures as each output wants them (rescaled, redrawn, re-encoded), by variant and picture name. */
  pictures: BoundedMap<string, unknown>;
  /** Hash of a large zip entry's bytes → its compressed bytes and checksum (the fonts of every EPUB and Word file). */
  zipEntries: BoundedMap<string, { method: number; body: Uint8Array; crc: number }>;
  /** A content file's path and text → its parsed YAML and the messages parsing gave. */
  parsedFiles: BoundedMap<string, unknown>;
  /** A content file's path, text and schema → the messages the text checks gave. */
  checkedTexts: BoundedMap<string, unknown>;
  /** Compiled template sets, by the hash of every template file's name and text. */
  templateSets: BoundedMap<string, unknown>;
  /** What work-cache.ts keeps for later builds (page numbers, cover pictures), by kind and hashed key. */
  workResults: BoundedMap<string, Uint8Array>;
}

/** Words shaped per font before the cache starts afresh: far more than a whole course pack uses. */
export const SHAPED_WORDS_LIMIT = 50_000;

function createCaches(): Caches {
  return {
    fontPaths: new BoundedMap(256),
    fonts: new BoundedMap(64),
    shapedWords: new BoundedMap(64),
    hyphenatedWords: new BoundedMap(16),
    hyphenatedRuns: new BoundedMap(20_000),
    paragraphHeights: new BoundedMap(20_000),
    webFonts: new BoundedMap(8),
    shapedRuns: new BoundedMap(20_000),
    fontSubsets: new BoundedMap(256),
    runLayouts: new BoundedMap(2_000),
    // Each holds a picture of up to a few megabytes: enough for every figure of a course pack in each of its forms.
    pictures: new BoundedMap(64),
    zipEntries: new BoundedMap(256),
    workResults: new BoundedMap(512),
    templateSets: new BoundedMap(8),
    parsedFiles: new BoundedMap(256),
    checkedTexts: new BoundedMap(256),
  };
}

/**
 * The process's caches. Every build in one process shares them (the benchmark's runs, a preview server's
 * rebuilds), which is what makes a warm rebuild fast; each is keyed by what decides its value (a font by
 * its file, never by the name a document gives it), so two themes in one process cannot collide.
 */
export const caches: Caches = createCaches();
