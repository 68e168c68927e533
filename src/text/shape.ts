// Shapes a run whole with fontkit (Arabic joins, Devanagari conjuncts form) and says what text each glyph stands for.
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

const cache = new Map<string, ShapedRun>();
const CACHE_LIMIT = 20_000;

/**
 * Shapes `text` in one face and direction. Right-to-left text has its mirrored characters swapped first
 * ("(" becomes ")"), as the bidi algorithm asks; the soft hyphens a hyphenator inserts are not drawn.
 */
export function shapeRun(face: OpenedFace, text: string, rtl: boolean, features?: string[]): ShapedRun {
  const key = `${face.file}\0${rtl ? 'r' : 'l'}\0${features?.join(',') ?? ''}\0${text}`;
  let shaped = cache.get(key);
  if (!shaped) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, (shaped = shape(face, text.replace(/\u00AD/g, ''), rtl, features)));
  }
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
  return { face, text, rtl, glyphs: ordered.glyphs, width: pen, reordered: rtl || ordered.rewritten };
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
 * the cluster's text (reversed for right to left) is dealt out over them, one character each, the rest
 * on the last; a glyph beyond the characters is drawn as an outline. Returns the glyphs in drawing order.
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
    const wanted = [...text.slice(from, end.text)].map((ch) => ch.codePointAt(0)!);
    if (rtl) wanted.reverse();
    const natural = visual.flatMap((g) => g.codePoints);
    if (natural.length === wanted.length && natural.every((cp, i) => cp === wanted[i])) continue;
    rewritten = true;
    visual.forEach((glyph, k) => {
      if (k >= wanted.length) glyph.outline = true;
      else glyph.extract = k === visual.length - 1 ? wanted.slice(k) : [wanted[k]!];
    });
  }
  return { glyphs: (rtl ? clusters.reverse() : clusters).flat(), rewritten };
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
    // fontkit draws an invisible character (a zero-width non-joiner) as a space glyph of no width.
    const key = isIgnorable(codePoint) ? 0x20 : codePoint;
    positions.set(key, [...(positions.get(key) ?? []), i]);
    i += codePoint > 0xffff ? 2 : 1;
  }
  const claimed = glyphs.map((glyph) => glyph.codePoints.flatMap((cp) => positions.get(cp)?.splice(0, 1) ?? []));
  const suffixMin: number[] = new Array(glyphs.length + 1).fill(Infinity);
  for (let g = glyphs.length - 1; g >= 0; g--) suffixMin[g] = Math.min(suffixMin[g + 1]!, ...claimed[g]!);
  const starts = [{ glyph: 0, text: 0 }];
  let maxSoFar = -Infinity;
  for (let g = 0; g < glyphs.length - 1; g++) {
    maxSoFar = Math.max(maxSoFar, ...claimed[g]!);
    const next = suffixMin[g + 1]!;
    if (maxSoFar < next && next !== Infinity && maxSoFar !== -Infinity) starts.push({ glyph: g + 1, text: next });
  }
  return starts;
}
