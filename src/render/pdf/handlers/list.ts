// Lists and list items (questions too): the marker in its own column, tagged L, LI, Lbl and LBody.
import { elementChildren, findElement, hasClass, type ElementNode } from '../../../compose/tree.js';
import { makeStruct, recordStart, withStruct, type PdfContext } from '../context.js';
import { ensureSpace, keepLimit, measure, measureChildren, renderChildren, twoLines } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { fontName } from '../styles.js';
import { drawParagraph, paragraph } from './paragraph.js';

/** Under a heading, a list brings its first item (up to a third of a page). */
export function keepFirstItem(node: ElementNode, context: PdfContext): number {
  const first = elementChildren(node)[0];
  if (!first) return twoLines(context);
  return Math.max(twoLines(context), Math.min(measure(first, context), keepLimit(context)));
}

/** An item holds blocks of its own, or is one paragraph of text. */
const holdsBlocks = (item: ElementNode) => elementChildren(item).length > 0 && item.children.every((c) => c.type === 'element' || !c.value.trim());

/** The list's height, item by item at the narrower width: a callout's box is drawn before what is in it, so it must know. */
function measureList(node: ElementNode, context: PdfContext): number {
  const indent = hasClass(node, 'questions') ? 0 : context.theme.spacing.list_indent;
  const inner = { ...context, width: context.width - indent };
  return elementChildren(node).reduce((sum, item) => sum + (holdsBlocks(item) ? measureChildren(item, inner) : paragraph.measure!(item, inner)), 0);
}

export const list: ElementHandler = {
  measure: measureList,
  keepWithHeading: keepFirstItem,
  draw(node, context) {
    const ordered = node.name === 'ol';
    const questions = hasClass(node, 'questions');
    withStruct(context, 'L', (inner) => {
      // A Markdown list may start at any number ("3. …" after a paragraph); `start` carries it.
      const first = Number(node.attrs.start ?? 1);
      // A question's number is part of its text, so the question list has no marker column.
      elementChildren(node).forEach((item, index) => drawItem(item, inner, questions ? null : ordered ? `${first + index}.` : '•'));
    });
  },
};


function drawItem(item: ElementNode, context: PdfContext, marker: string | null): void {
  const { doc, theme } = context;
  const indent = marker ? theme.spacing.list_indent : 0;
  const inner = { ...context, left: context.left + indent, width: context.width - indent };
  // A question keeps its prompt, write-in lines and guidance together; any item keeps its marker with its first lines.
  if (hasClass(item, 'question')) ensureSpace(context, measure(item, inner));
  else ensureSpace(context, twoLines(context));
  recordStart(context, item);
  withStruct(context, 'LI', (li) => {
    if (marker) drawMarker(li, marker, indent);
    // A question's number is part of its first line; it is tagged as the item's label all the same.
    const label = findElement(item, (n) => hasClass(n, 'number')) ? makeStruct(li, 'Lbl') : undefined;
    if (label) li.parent.add(label);
    withStruct({ ...li, left: inner.left, width: inner.width, label }, 'LBody', (body) => {
      if (holdsBlocks(item)) renderChildren(item, body);
      else drawParagraph(item, body);
    });
    label?.end();
  });
}

function drawMarker(li: PdfContext, marker: string, indent: number): void {
  const { doc } = li;
  const y = doc.y;
  const style = li.styles.marker;
  withStruct(li, 'Lbl', (lbl) =>
    lbl.parent.add(() => {
      doc.font(fontName(style.font)).fontSize(style.size).fillColor(style.colour);
      doc.text(marker, li.left, y, { width: indent, lineBreak: false });
    }),
  );
  doc.y = y;
}
