// Shapes a run whole with fontkit (Arabic joins, Devanagari conjuncts form) and says what text each glyph stands for.
import { caches } from '../cache.js';
import { isIgnorable, type OpenedFace } from '../fonts/chain.js';
import { bidi } from './runs.js';

export interface ShapedGlyph {
  /** The glyph id in the font. */
  id: number;
  /** Where the pen stands when the glyph is set, in thousandths of the font size from the run's left end. */
  x: number;
  /** The characters fontkit says the glyph was made from (shared by every use of the glyph). */
  codePoints: number[];
  /** Advance and offsets in thousandths of the font size, like pdfkit's. */
  advance: number;
  xOffset: number;
  yOffset: number;
  /** The glyph's own width in the font, in thousandths (what a PDF's /W records). */
  width: number;
  /**
   * Set when the glyph must read back as something other than its own characters: its share of its
   * cluster's text, as a reader taking the glyphs left to right must get it.
   */
  extract?: number[];
  /** A glyph left over when a cluster has more glyphs than characters: drawn as an outline, so it reads back as nothing. */
  outline?: boolean;
}

export interface ShapedRun {
  face: OpenedFace;
  text: string;
  rtl: boolean;
  /** In visual order, left to right. */
  glyphs: ShapedGlyph[];
  /** Total advance, in thousandths of the font size. */
  width: number;
  /** Glyphs are not in the text's order (right to left, or reordered by shaping: ि before its consonant). */
  reordered: boolean;
}


/**
 * Shapes `text` in one face and direction. Right-to-left text has its mirrored characters swapped first
 * ("(" becomes ")"), as the bidi algorithm asks; the soft hyphens a hyphenator inserts are not drawn.
 */
export function shapeRun(face: OpenedFace, text: string, rtl: boolean, features?: string[]): ShapedRun {
  const key = `${face.file}\0${rtl ? 'r' : 'l'}\0${features?.join(',') ?? ''}\0${text}`;
  let shaped = caches.shapedRuns.get(key) as ShapedRun | undefined;
  if (!shaped) caches.shapedRuns.set(key, (shaped = shape(face, text.replace(/\u00AD/g, ''), rtl, features)));
  return shaped;
}

function shape(face: OpenedFace, text: string, rtl: boolean, features?: string[]): ShapedRun {
  const drawn = rtl ? mirrored(text) : text;
  const run = face.font.layout(drawn, features, undefined, undefined, rtl ? 'rtl' : 'ltr');
  const scale = 1000 / face.font.unitsPerEm;
  let pen = 0;
  const glyphs: ShapedGlyph[] = run.glyphs.map((glyph, i) => {
    const position = run.positions[i]!;
    const shaped = { id: glyph.id, x: pen, codePoints: glyph.codePoints, advance: position.xAdvance * scale, xOffset: position.xOffset * scale, yOffset: position.yOffset * scale, width: glyph.advanceWidth * scale };
    pen += shaped.advance;
    return shaped;
  });
  const ordered = assignExtraction(text, drawn, glyphs, rtl);
  // Right to left, pdf.js reverses whole items and keeps a mark with its letter: no separation needed (or wanted).
  const separated = rtl ? ordered.glyphs : separateMarks(ordered.glyphs, face.font.glyphForCodePoint(0x20)?.id ?? 0);
  return { face, text, rtl, glyphs: separated, width: pen, reordered: rtl || ordered.rewritten };
}

function mirrored(text: string): string {
  const levels = new Uint8Array(text.length).fill(1);
  const swaps = bidi.getMirroredCharactersMap(text, levels);
  if (swaps.size === 0) return text;
  return [...text].map((c, i) => swaps.get(i) ?? c).join('');
}

/** Ascent and descent of a face at a size, in points (descent is negative), for baselines and line heights. */
export function faceMetrics(face: OpenedFace, size: number): { ascent: number; descent: number } {
  const scale = size / face.font.unitsPerEm;
  return { ascent: face.font.ascent * scale, descent: face.font.descent * scale };
}

/**
 * Splits the glyphs into clusters (the fewest glyphs that stand for a stretch of the text: a conjunct, a
 * ligature, a letter with its marks) and gives each glyph what a reader of the page must get back. PDF
 * readers take glyphs left to right (poppler by position, pdf.js in the order drawn) and then reverse
 * right-to-left text; so within a cluster the glyphs are put in the order of where they are drawn, and
 * the cluster's text (reversed for right to left) is dealt out over its spacing glyphs, one character
 * each, the rest on the last; marks and glyphs beyond the characters are drawn as outlines, which read
 * back as nothing. Returns the glyphs in drawing order.
 */
function assignExtraction(text: string, drawn: string, glyphs: ShapedGlyph[], rtl: boolean): { glyphs: ShapedGlyph[]; rewritten: boolean } {
  const logical = rtl ? [...glyphs].reverse() : glyphs;
  const starts = clusterStarts(drawn, logical);
  const clusters: ShapedGlyph[][] = [];
  let rewritten = false;
  for (let c = 0; c < starts.length; c++) {
    const { glyph: first, text: from } = starts[c]!;
    const end = starts[c + 1] ?? { glyph: logical.length, text: text.length };
    const members = logical.slice(first, end.glyph);
    const visual = (rtl ? [...members].reverse() : members).sort((a, b) => a.x + a.xOffset - (b.x + b.xOffset));
    clusters.push(visual);
    const slice = text.slice(from, end.text);
    const composed = codePointsOf(slice, rtl);
    const decomposed = codePointsOf(slice.normalize('NFD'), rtl);
    const natural = visual.flatMap((g) => g.codePoints);
    const marks = visual.some((g) => g.advance === 0 && visual.length > 1);
    if (!marks && (sameCodePoints(natural, composed) || sameCodePoints(natural, decomposed))) continue;
    rewritten = true;
    // Marks (no advance) sit on other glyphs, where readers place them unpredictably: they read back as
    // nothing, their characters go with the spacing glyphs. A split vowel (Bengali ো drawn as ে…া) reads
    // back decomposed, one part per glyph, which is the same text (canonically equivalent).
    const spacing = visual.filter((g) => g.advance > 0);
    const wanted = spacing.length > composed.length ? decomposed : composed;
    const carriers = spacing.length ? spacing.slice(0, Math.max(1, wanted.length)) : visual.slice(0, 1);
    for (const glyph of visual) if (!carriers.includes(glyph)) glyph.outline = true;
    carriers.forEach((glyph, k) => {
      glyph.extract = k === carriers.length - 1 ? wanted.slice(k) : wanted.slice(k, k + 1);
    });
  }
  return { glyphs: (rtl ? clusters.reverse() : clusters).flat(), rewritten };
}

const NONSPACING_MARK = /\p{Mn}/u;
const isMark = (codePoint: number) => NONSPACING_MARK.test(String.fromCodePoint(codePoint));

/**
 * pdf.js (5.6) takes any glyph whose text holds a nonspacing mark for a zero-width mark and drops its
 * advance, so the next word seems to start after a gap and gets a space: "क्ष" (with its virama) would
 * read back as "क्ष त्रिय". So a glyph with width keeps only its letters up to the first mark; the marks
 * and what follows them ride on an invisible glyph of no width (the space glyph) right after it, and
 * marks that come first on one right before it. Both readers put the text back together in order.
 */
function separateMarks(glyphs: ShapedGlyph[], invisible: number): ShapedGlyph[] {
  const out: ShapedGlyph[] = [];
  for (const glyph of glyphs) {
    const text = glyph.extract ?? glyph.codePoints;
    if (glyph.outline || glyph.advance === 0 || text.length < 2 || !text.some(isMark)) {
      out.push(glyph);
      continue;
    }
    const leading = text.findIndex((cp) => !isMark(cp));
    const start = leading < 0 ? text.length : leading;
    const firstMark = text.findIndex((cp, i) => i >= start && isMark(cp));
    const end = firstMark < 0 ? text.length : firstMark;
    const carrier = (x: number, extract: number[]): ShapedGlyph => ({ id: invisible, x, codePoints: [], advance: 0, xOffset: 0, yOffset: 0, width: 0, extract });
    if (start > 0) out.push(carrier(glyph.x, text.slice(0, start)));
    out.push({ ...glyph, extract: text.slice(start, end) });
    if (end < text.length) out.push(carrier(glyph.x + glyph.advance, text.slice(end)));
  }
  return out;
}

function codePointsOf(text: string, reversed: boolean): number[] {
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  return reversed ? codePoints.reverse() : codePoints;
}

function sameCodePoints(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((cp, i) => cp === b[i]);
}

/**
 * Where each cluster starts, in glyphs (logical order) and in the text. Each glyph claims the text
 * positions of its characters; a cluster ends where every later glyph claims only later positions.
 * A glyph whose characters are not found (an inserted dotted circle, a hidden joiner) claims nothing
 * and stays in the cluster it stands in.
 */
function clusterStarts(text: string, glyphs: ShapedGlyph[]): { glyph: number; text: number }[] {
  const positions = new Map<number, number[]>();
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    // fontkit draws an invisible character (a zero-width non-joiner) as a space glyph of no width, and a
    // split vowel (Bengali ো, Tamil ொ) as the glyphs of its parts: each may claim the character's place.
    const character = String.fromCodePoint(codePoint);
    const keys = new Set([isIgnorable(codePoint) ? 0x20 : codePoint, ...[...character.normalize('NFD')].map((c) => c.codePointAt(0)!)]);
    for (const key of keys) positions.set(key, [...(positions.get(key) ?? []), i]);
    i += character.length;
  }
  const claimed = glyphs.map((glyph) => glyph.codePoints.flatMap((cp) => positions.get(cp)?.splice(0, 1) ?? []));
  const suffixMin: number[] = new Array(glyphs.length + 1).fill(Infinity);
  for (let g = glyphs.length - 1; g >= 0; g--) suffixMin[g] = Math.min(suffixMin[g + 1]!, ...claimed[g]!);
  const starts = [{ glyph: 0, text: 0 }];
  let maxSoFar = -Infinity;
  for (let g = 0; g < glyphs.length - 1; g++) {
    maxSoFar = Math.max(maxSoFar, ...claimed[g]!);
    const next = suffixMin[g + 1]!;
    // A cluster starts only at a glyph that claims text (one that claims none stays with the glyphs before
    // it), and a mark (no advance) stays with the letter it sits on.
    const starter = claimed[g + 1]!.length > 0 && glyphs[g + 1]!.advance > 0;
    if (starter && maxSoFar < next && maxSoFar !== -Infinity) starts.push({ glyph: g + 1, text: next });
  }
  return starts;
}
