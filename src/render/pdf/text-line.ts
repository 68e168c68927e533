// Draws a broken line of runs with pdfkit: pieces in visual order, shaped whole, each in a tagged span with its language.
import type { Line, LinePiece } from '../../text/line-break.js';
import { shapePiece, visualOrder } from '../../text/line-break.js';
import type { Paragraph } from '../../text/runs.js';
import { faceMetrics, shapeRun, type ShapedRun } from '../../text/shape.js';
import { drawShapedRun, type Pdf } from './pdfkit.js';

export interface LinePlacement {
  /** Left edge and width of the column. */
  x: number;
  width: number;
  /** The baseline, in pdfkit's page coordinates (y runs down). */
  baseline: number;
  size: number;
  /** Left for left-to-right paragraphs, right for right-to-left ones, unless given. */
  align?: 'left' | 'right' | 'center';
}

/**
 * Wraps the drawing of one piece in its structure: the caller's tagging (a Span with /Lang and, for a
 * piece drawn out of the text's order, /ActualText). `actual` is set when the glyphs are not in the
 * order of the text: right to left, or reordered by shaping.
 */
export type TagPiece<T> = (piece: LinePiece<T>, tags: { lang?: string; actual?: string }, draw: () => void) => void;

/** The baseline of a line whose top is at `top`: the tallest face on it sets it, so no glyph rises above the line. */
export function baselineBelow<T>(line: Line<T>, top: number, size: number): number {
  const ascent = Math.max(...line.pieces.map((piece) => faceMetrics(piece.run.face, size).ascent));
  return top + (Number.isFinite(ascent) ? ascent : size * 0.8);
}

/** Where a line starts: a right-to-left paragraph is set flush right. */
export function lineStart<T>(paragraph: Paragraph<T>, line: Line<T>, placement: LinePlacement): number {
  const align = placement.align ?? (paragraph.direction === 'rtl' ? 'right' : 'left');
  if (align === 'right') return placement.x + placement.width - line.width;
  if (align === 'center') return placement.x + (placement.width - line.width) / 2;
  return placement.x;
}

/** Draws the line; returns, per piece in visual order, its shaped glyphs and where it went (for links and checks). */
export function drawLine<T>(doc: Pdf, paragraph: Paragraph<T>, line: Line<T>, placement: LinePlacement, tag: TagPiece<T>): { piece: LinePiece<T>; shaped: ShapedRun; x: number; width: number }[] {
  const drawn: { piece: LinePiece<T>; shaped: ShapedRun; x: number; width: number }[] = [];
  const pieces = visualOrder(paragraph, line);
  let x = lineStart(paragraph, line, placement);
  const lastLogical = line.pieces[line.pieces.length - 1];
  for (const piece of pieces) {
    const shaped = shapePiece(piece);
    const at = x;
    const hyphen = line.hyphenated && piece === lastLogical ? hyphenFor(piece) : undefined;
    const mark = paragraph.direction === 'ltr' && piece.run.level % 2 === 1 && piece !== pieces[pieces.length - 1] ? leftToRightMark(piece) : undefined;
    tag(piece, { lang: piece.run.lang, actual: shaped.reordered ? piece.text : undefined }, () => {
      const width = drawShapedRun(doc, shaped, at, placement.baseline, placement.size);
      if (hyphen) drawShapedRun(doc, hyphen, at + width, placement.baseline, placement.size);
      if (mark) drawShapedRun(doc, mark, at + width, placement.baseline, placement.size);
    });
    const width = (shaped.width * placement.size) / 1000;
    drawn.push({ piece, shaped, x: at, width });
    x += width;
  }
  return drawn;
}

/** The hyphen a hyphenated line ends with, in its last piece's face; it reads back as a soft hyphen, not as text. */
function hyphenFor<T>(piece: LinePiece<T>): ShapedRun {
  const shaped = shapeRun(piece.run.face, '-', false);
  return { ...shaped, glyphs: shaped.glyphs.map((glyph) => ({ ...glyph, extract: [0xad] })) };
}

/**
 * An invisible left-to-right mark after right-to-left words inside a left-to-right line. poppler
 * (pdftotext) rebuilds reading order by reversing each right-to-left stretch up to the next
 * left-to-right letter, which carries the spaces and brackets after an Arabic title along with it
 * (Chromium's PDFs read back the same way); the mark ends the stretch where the title ends.
 */
function leftToRightMark<T>(piece: LinePiece<T>): ShapedRun {
  const space = shapeRun(piece.run.face, ' ', false);
  return { ...space, width: 0, glyphs: space.glyphs.map((glyph) => ({ ...glyph, advance: 0, width: 0, extract: [0x200e] })) };
}
