// The shape of a PDF element handler: functions that decide (measure) named apart from the one that draws.
import type { ElementNode } from '../../compose/tree.js';
import type { PdfContext } from './context.js';

export interface Siblings {
  next?: ElementNode;
  afterNext?: ElementNode;
}

export interface ElementHandler {
  /** Decides: the height the element will take in the current column, before anything is drawn (an estimate where only drawing knows). */
  measure?(node: ElementNode, context: PdfContext): number;
  /** Decides: how much of the element must share a page with a heading above it; `afterNext` is the element after it. */
  keepWithHeading?(node: ElementNode, context: PdfContext, afterNext?: ElementNode): number;
  /** Draws the element at the current position, breaking pages where its rules say. */
  draw(node: ElementNode, context: PdfContext, siblings: Siblings): void;
}

/** Keyed by element name ("p") or by name and class ("div.write-in"), which wins. */
export type HandlerMap = Readonly<Record<string, ElementHandler>>;

export function handlerFor(handlers: HandlerMap, node: ElementNode): ElementHandler | undefined {
  for (const cls of (node.attrs.class ?? '').split(/\s+/)) {
    const handler = cls ? handlers[`${node.name}.${cls}`] : undefined;
    if (handler) return handler;
  }
  return handlers[node.name];
}
