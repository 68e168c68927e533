// Headings: kept with what follows, given a named destination, and recorded for the contents and bookmarks.
import { elementChildren, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import { addDestination, currentPage, ensureSpace, recordStart, withStruct, type PdfContext } from './context.js';
import { collectFragments, drawFragments, measureFragments, type TextStyle } from './inline.js';
import { estimateHeight } from './measure.js';
import { measureFirstRow, measureTable } from './tables.js';

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface HeadingRecord {
  /** The heading's place in the outline (h1 to h4); a course pack moves each guide's headings down one. */
  level: HeadingLevel;
  title: string;
  /** The named destination links and bookmarks jump to. */
  destination: string;
  /** 1-based page and the y position (from the top) where the heading starts. */
  page: number;
  y: number;
  /** Where the heading and its spacing end; what is drawn next at this point sits directly under it. */
  bottom?: number;
}

/** True right after a heading: the heading has already made room for what follows and must not be left behind. */
export function directlyUnderHeading(context: PdfContext): boolean {
  const last = context.headings[context.headings.length - 1];
  return last?.bottom !== undefined && last.page === currentPage(context) && Math.abs(context.doc.y - last.bottom) < 1;
}

/** How a heading looks: by its level within its own guide, so a chapter title in a course pack looks like one in the guide. */
export function headingStyle(context: PdfContext, level: HeadingLevel): TextStyle {
  const { sizes, colours } = context.theme;
  const size = [sizes.h1, sizes.h2, sizes.h3][Math.min(3, Math.max(1, level - context.headingOffset)) - 1]!;
  return { font: { family: 'sans', bold: true, italic: false }, size, colour: colours.heading };
}

const LEVELS: Record<string, HeadingLevel | undefined> = { h1: 1, h2: 2, h3: 3, h4: 4 };

/** How much of the next block must fit under a heading: two lines of text, or a small block whole. */
function keepWithNext(next: ElementNode | undefined, context: PdfContext, afterNext?: ElementNode): number {
  const twoLines = 2 * context.theme.sizes.body * context.theme.line_height;
  if (!next) return twoLines;
  // A heading straight after a heading (Timeline, then its first part) brings what that one keeps.
  const nextLevel = LEVELS[next.name];
  if (nextLevel) {
    const style = headingStyle(context, nextLevel);
    const spacing = context.theme.spacing.heading_before + context.theme.spacing.heading_after;
    return measureFragments(context, collectFragments(next.children, style.font), style) + spacing + keepWithNext(afterNext, context);
  }
  if (next.name === 'p') {
    // A one- or two-line introduction to a table goes with the table, and the heading with both.
    const intro = estimateHeight(next, context);
    if (intro <= twoLines && afterNext && (afterNext.name === 'table' || afterNext.name === 'dl')) return intro + keepWithNext(afterNext, context);
    return twoLines;
  }
  const limit = (context.doc.page.height - context.doc.page.margins.top - context.doc.page.margins.bottom) / 3;
  // A table that fits on a page is kept whole, so the heading goes with all of it; a longer one only needs its first rows.
  if (next.name === 'dl' || next.name === 'table') {
    const table = measureTable(next, context);
    return table <= 2.5 * limit ? table : Math.max(twoLines * 1.5, measureFirstRow(next, context));
  }
  const first = next.name === 'ol' || next.name === 'ul' ? elementChildren(next)[0] : next;
  if (!first) return twoLines;
  return Math.max(twoLines, Math.min(estimateHeight(first, context), limit));
}

export const heading =
  (level: HeadingLevel) =>
  (node: ElementNode, context: PdfContext, next?: ElementNode, afterNext?: ElementNode): void => {
    const { doc, theme } = context;
    const style = headingStyle(context, level);
    const fragments = collectFragments(node.children, style.font);
    const height = measureFragments(context, fragments, style);
    // A heading under a heading (Glossary, then Russian words) was already kept with this one and what
    // follows; asking again for a whole table here would push it over and strand the first.
    const chained = directlyUnderHeading(context);
    if (doc.y > doc.page.margins.top + 1 && level - context.headingOffset > 1) doc.y += theme.spacing.heading_before;
    const keep = chained ? 2 * theme.sizes.body * theme.line_height : keepWithNext(next, context, afterNext);
    ensureSpace(context, height + theme.spacing.heading_after + keep);
    recordStart(context, node);
    const destination = node.attrs.id ?? `heading-${context.headings.length + 1}`;
    addDestination(context, destination);
    const title = textContent(node).replace(/\s+/g, ' ').trim();
    context.headings.push({ level, title, destination, page: currentPage(context), y: doc.y });
    const record = context.headings[context.headings.length - 1]!;
    withStruct(context, `H${level}`, (inner) => drawFragments(inner, fragments, style));
    doc.y += hasClass(node, 'title') ? 0 : theme.spacing.heading_after;
    record.bottom = doc.y;
  };
