// Breaks a paragraph of runs into lines (UAX #14: between ideographs, never after "(" or before ")") and orders each line visually.
import LineBreaker from 'linebreak';
import { bidi, type Paragraph, type TextRun } from './runs.js';
import { shapeRun, type ShapedRun } from './shape.js';

/** The part of one run that falls on one line, in logical order. */
export interface LinePiece<T = unknown> {
  run: TextRun<T>;
  start: number;
  end: number;
  /** The run's text on this line, without soft hyphens and (at the line's end) without trailing spaces. */
  text: string;
}

export interface Line<T = unknown> {
  start: number;
  end: number;
  pieces: LinePiece<T>[];
  /** The width the pieces take, in points, trailing spaces left out. */
  width: number;
  /** The line ends at a soft hyphen, so a hyphen is drawn after its last piece. */
  hyphenated: boolean;
}

/** Width in points of `text` set in `run`'s face and direction at the paragraph's size. */
export type Measure = <T>(run: TextRun<T>, text: string) => number;

/** Measures by shaping, as the text will be drawn. */
export function shapedMeasure(size: number): Measure {
  return (run, text) => (shapeRun(run.face, text, run.level % 2 === 1).width * size) / 1000;
}

const SOFT_HYPHEN = '\u00AD';
const TRAILING_SPACE = /\s+$/u;

/** Where a line may end: after each break opportunity UAX #14 gives, with required breaks (newlines) marked. */
function breakOpportunities(text: string): { position: number; required: boolean }[] {
  const breaker = new LineBreaker(text);
  const out: { position: number; required: boolean }[] = [];
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) out.push({ position: next.position, required: next.required });
  return out;
}

/**
 * Fills lines greedily up to `maxWidth` points. A stretch between two break opportunities wider than a
 * whole line gets a line of its own (and overflows); a break at a soft hyphen adds the hyphen's width.
 */
export function breakLines<T>(paragraph: Paragraph<T>, maxWidth: number, measure: Measure, hyphenWidth = 0): Line<T>[] {
  const lines: Line<T>[] = [];
  let lineStart = 0;
  let lineEnd = 0;
  let width = 0;
  const close = (end: number) => {
    if (end > lineStart) lines.push(makeLine(paragraph, lineStart, end, measure));
    lineStart = end;
    width = 0;
  };
  let previous = 0;
  for (const { position, required } of breakOpportunities(paragraph.text)) {
    const segment = paragraph.text.slice(previous, position);
    const hyphen = segment.endsWith(SOFT_HYPHEN) ? hyphenWidth : 0;
    const fitted = width + widthOf(paragraph, previous, position, measure, true) + hyphen;
    if (fitted > maxWidth && lineEnd > lineStart) {
      close(lineEnd);
      width = widthOf(paragraph, previous, position, measure, false);
    } else {
      width += widthOf(paragraph, previous, position, measure, false);
    }
    lineEnd = position;
    previous = position;
    if (required) close(position);
  }
  close(paragraph.text.length);
  return lines;
}

/** The width of text[start, end) over the runs it crosses; `trim` leaves out trailing spaces (they may end a line). */
function widthOf<T>(paragraph: Paragraph<T>, start: number, end: number, measure: Measure, trim: boolean): number {
  let width = 0;
  for (const run of paragraph.runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from >= to) continue;
    let text = paragraph.text.slice(from, to);
    if (trim && to === end) text = text.replace(TRAILING_SPACE, '');
    if (text) width += measure(run, text);
  }
  return width;
}

function makeLine<T>(paragraph: Paragraph<T>, start: number, end: number, measure: Measure): Line<T> {
  const visibleEnd = start + paragraph.text.slice(start, end).replace(/[\s\u00AD]+$/u, '').length;
  const pieces: LinePiece<T>[] = [];
  for (const run of paragraph.runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(visibleEnd, run.end);
    if (from < to) pieces.push({ run, start: from, end: to, text: paragraph.text.slice(from, to).replace(/\u00AD/g, '') });
  }
  const width = pieces.reduce((sum, piece) => sum + measure(piece.run, piece.text), 0);
  const hyphenated = paragraph.text.slice(start, end).replace(/\s+$/u, '').endsWith(SOFT_HYPHEN);
  return { start, end, pieces, width, hyphenated };
}

/**
 * The line's pieces left to right, by the bidi algorithm's reordering (rule L2, done by bidi-js): an
 * Arabic title inside an English sentence reads right to left in its place; a Persian line runs from the right.
 */
export function visualOrder<T>(paragraph: Paragraph<T>, line: Line<T>): LinePiece<T>[] {
  if (line.pieces.length < 2) return line.pieces;
  const last = line.pieces[line.pieces.length - 1]!.end;
  const indices = bidi.getReorderedIndices(paragraph.text, paragraph.levels, line.start, last - 1);
  const order: LinePiece<T>[] = [];
  for (const index of indices) {
    const piece = line.pieces.find((p) => index >= p.start && index < p.end);
    if (piece && order[order.length - 1] !== piece && !order.includes(piece)) order.push(piece);
  }
  return order;
}

/** A piece shaped as it will be drawn: whole, in its direction. */
export function shapePiece<T>(piece: LinePiece<T>): ShapedRun {
  return shapeRun(piece.run.face, piece.text, piece.run.level % 2 === 1);
}
