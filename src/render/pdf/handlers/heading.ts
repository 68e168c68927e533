// Headings: kept with what follows, given a named destination, and recorded for the contents and bookmarks.
import { hasClass, textContent, type ElementNode } from '../../../compose/tree.js';
import { addDestination, currentPage, recordStart, withStruct, type HeadingLevel, type PdfContext } from '../context.js';
import { directlyUnderHeading, ensureSpace, keepWithNext, twoLines } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { collectFragments, drawFragments, measureFragments } from '../inline.js';
import type { TextStyle } from '../styles.js';

/** How a heading looks: by its level within its own guide, so a chapter title in a course pack looks like one in the guide. */
export function headingStyle(context: PdfContext, level: HeadingLevel): TextStyle {
  return context.styles.headings[Math.min(3, Math.max(1, level - context.headingOffset)) - 1]!;
}

function textHeight(node: ElementNode, context: PdfContext, level: HeadingLevel): number {
  const style = headingStyle(context, level);
  return measureFragments(context, collectFragments(node.children, style.font), style);
}

export function heading(level: HeadingLevel): ElementHandler {
  const spacing = (context: PdfContext) => context.theme.spacing.heading_before + context.theme.spacing.heading_after;
  return {
    measure: (node, context) => textHeight(node, context, level) + spacing(context),
    /** A heading straight after a heading (Timeline, then its first part) brings what that one keeps. */
    keepWithHeading: (node, context, afterNext) => textHeight(node, context, level) + spacing(context) + keepWithNext(afterNext, context),
    draw: (node, context, { next, afterNext }) => drawHeading(node, context, level, next, afterNext),
  };
}

function drawHeading(node: ElementNode, context: PdfContext, level: HeadingLevel, next?: ElementNode, afterNext?: ElementNode): void {
  const { doc, theme } = context;
  const style = headingStyle(context, level);
  const fragments = collectFragments(node.children, style.font);
  const height = measureFragments(context, fragments, style);
  // A heading under a heading (Glossary, then Russian words) was already kept with this one and what
  // follows; asking again for a whole table here would push it over and strand the first.
  const chained = directlyUnderHeading(context);
  if (doc.y > doc.page.margins.top + 1 && level - context.headingOffset > 1) doc.y += theme.spacing.heading_before;
  const keep = chained ? twoLines(context) : keepWithNext(next, context, afterNext);
  ensureSpace(context, height + theme.spacing.heading_after + keep);
  recordStart(context, node);
  const destination = node.attrs.id ?? `heading-${context.headings.length + 1}`;
  addDestination(context, destination);
  const title = textContent(node).replace(/\s+/g, ' ').trim();
  const record = { level, title, destination, page: currentPage(context), y: doc.y, bottom: undefined as number | undefined };
  context.headings.push(record);
  withStruct(context, `H${level}`, (inner) => drawFragments(inner, fragments, style));
  doc.y += hasClass(node, 'title') ? 0 : theme.spacing.heading_after;
  record.bottom = doc.y;
}
