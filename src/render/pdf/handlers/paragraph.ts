// Paragraphs: measured in lines, placed by the orphan and widow rules, tagged P.
import { hasClass, type ElementNode } from '../../../compose/tree.js';
import { recordStart, withStruct, type PdfContext } from '../context.js';
import { keepWithNext, measure, placeLines, twoLines } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { collectFragments, drawFragments, lineGap, measureFragments } from '../inline.js';
import { fontName, type TextStyle } from '../styles.js';

/** A label over a callout or guidance is set small and bold; everything else is body text. */
export function paragraphStyle(node: ElementNode, context: PdfContext): TextStyle {
  return hasClass(node, 'label') ? context.styles.label : context.styles.body;
}

export const paragraph: ElementHandler = {
  measure(node, context) {
    const style = paragraphStyle(node, context);
    return measureFragments(context, collectFragments(node.children, style.font), style) + context.theme.spacing.paragraph;
  },
  /** A one- or two-line introduction to a table goes with the table, and the heading with both. */
  keepWithHeading(node, context, afterNext) {
    const intro = measure(node, context);
    if (intro <= twoLines(context) && afterNext && (afterNext.name === 'table' || afterNext.name === 'dl')) return intro + keepWithNext(afterNext, context);
    return twoLines(context);
  },
  draw(node, context) {
    drawParagraph(node, context);
  },
};

/** Also draws a list item's text when the item holds no blocks of its own. */
export function drawParagraph(node: ElementNode, context: PdfContext): void {
  const { doc } = context;
  const style = paragraphStyle(node, context);
  const fragments = collectFragments(node.children, style.font);
  const gap = lineGap(context, style.size);
  const lineHeight = doc.font(fontName(context.styles.body.font)).fontSize(style.size).currentLineHeight(true) + gap;
  const lines = Math.round(measureFragments(context, fragments, style) / lineHeight);
  placeLines(context, lines, lineHeight, gap, () => {
    recordStart(context, node);
    withStruct(context, 'P', (inner) => drawFragments({ ...inner, paragraph: node }, fragments, style));
  });
  doc.y += context.theme.spacing.paragraph;
}
