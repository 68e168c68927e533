// Page-flow rules in one place (new pages, keep-with-next, orphans and widows), measuring through the handler map.
import { elementChildren, type ElementNode } from '../../compose/tree.js';
import { currentPage, type ElementHandler, type HandlerMap, type PdfContext } from './context.js';
import { withPageMargins } from './pdfkit.js';

export function pageBottom(context: PdfContext): number {
  return context.doc.page.height - context.doc.page.margins.bottom;
}

/** Starts a new page when `height` points do not fit below the current position (and would fit on an empty page). */
export function ensureSpace(context: PdfContext, height: number): void {
  const { doc } = context;
  const usable = pageBottom(context) - doc.page.margins.top;
  if (doc.y + height > pageBottom(context) && height <= usable && doc.y > doc.page.margins.top + 1) doc.addPage();
}

/** Chapters and parts begin on a page of their own. */
export function startNewPage(context: PdfContext): void {
  if (context.doc.y > context.doc.page.margins.top + 1) context.doc.addPage();
}

/** Dispatches each child element to its handler; an element without one is warned about, not fatal. */
export function renderChildren(node: ElementNode, context: PdfContext): void {
  const children = elementChildren(node);
  children.forEach((child, index) => {
    const handler = handlerFor(context.handlers, child);
    if (handler) handler.draw(child, context, { next: children[index + 1], afterNext: children[index + 2] });
    else context.warn(`no PDF handler for <${child.name}> (line ${child.line} of the composed document); it was left out`);
  });
}

/** The height an element will take, from its handler; an element without a measure of its own takes what its children take. */
export function measure(node: ElementNode, context: PdfContext): number {
  const handler = handlerFor(context.handlers, node);
  return handler?.measure ? handler.measure(node, context) : measureChildren(node, context);
}

export function measureChildren(node: ElementNode, context: PdfContext): number {
  return elementChildren(node).reduce((sum, child) => sum + measure(child, context), 0);
}

/** Two lines of body text: the least that may follow a heading, or start a list item, on a page. */
export function twoLines(context: PdfContext): number {
  return 2 * context.theme.sizes.body * context.theme.line_height;
}

/** A third of the page: the most of a long block a heading insists on keeping with it. */
export function keepLimit(context: PdfContext): number {
  const { page } = context.doc;
  return (page.height - page.margins.top - page.margins.bottom) / 3;
}

/** How much of the next block must fit under a heading: what its handler says, or its first part up to a third of a page. */
export function keepWithNext(next: ElementNode | undefined, context: PdfContext, afterNext?: ElementNode): number {
  if (!next) return twoLines(context);
  const handler = handlerFor(context.handlers, next);
  if (handler?.keepWithHeading) return handler.keepWithHeading(next, context, afterNext);
  return Math.max(twoLines(context), Math.min(measure(next, context), keepLimit(context)));
}

/** True right after a heading: the heading has already made room for what follows and must not be left behind. */
export function directlyUnderHeading(context: PdfContext): boolean {
  const last = context.headings[context.headings.length - 1];
  return last?.bottom !== undefined && last.page === currentPage(context) && Math.abs(context.doc.y - last.bottom) < 1;
}

/**
 * Places a paragraph of `lines` lines: no orphan (it starts on this page only with two of its lines, and
 * one of up to three lines is never split) and no widow (if one line would be left for the next page,
 * this page ends a line earlier). pdfkit sets a line wherever its glyphs fit, so the gap under the last
 * line on a page may fall in the margin.
 */
export function placeLines(context: PdfContext, lines: number, lineHeight: number, gap: number, draw: () => void): void {
  const { doc } = context;
  const linesThatFit = () => Math.floor((pageBottom(context) - doc.y + gap) / lineHeight);
  const needed = lines <= 3 ? lines : 2;
  if (linesThatFit() < needed) ensureSpace(context, needed * lineHeight);
  const widow = lines > 3 && lines - linesThatFit() === 1;
  if (widow) withPageMargins(doc, { bottom: doc.page.margins.bottom + lineHeight }, draw);
  else draw();
}

/** The handler for a node: by name and class where one is registered, else by name. */
export function handlerFor(handlers: HandlerMap, node: ElementNode): ElementHandler | undefined {
  for (const cls of (node.attrs.class ?? '').split(/\s+/)) {
    const handler = cls ? handlers[`${node.name}.${cls}`] : undefined;
    if (handler) return handler;
  }
  return handlers[node.name];
}
