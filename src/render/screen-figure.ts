// A figure as e-readers and browsers show it: the share of the text width it was given becomes its picture's width in CSS.
import type { DocNode, ElementNode } from '../compose/tree.js';

/**
 * `data-width` (a share, "0.5") is the document's own attribute; a screen needs it as a percentage on the
 * <img>, which the stylesheet then centres above the caption. `source` gives the picture's address in the
 * output (a file in the EPUB, a data: address in the web page).
 */
export function figureForScreens(figure: ElementNode, children: DocNode[], source: (src: string) => string): { attrs: Record<string, string>; children: DocNode[] } {
  const attrs = { ...figure.attrs };
  const share = screenShare(figure);
  delete attrs['data-width'];
  const sized = children.map((child) =>
    child.type === 'element' && child.name === 'img' ? { ...child, attrs: { ...child.attrs, src: source(child.attrs.src ?? ''), style: `width: ${Math.round(share * 1000) / 10}%` } } : child,
  );
  return { attrs, children: sized };
}

/** The share of the text width a figure's picture takes on a screen (`data-width`, kept between 5% and all of it). */
export const screenShare = (figure: ElementNode) => Math.min(1, Math.max(0.05, Number(figure.attrs['data-width']) || 1));
