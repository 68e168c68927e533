// The title page: title, original title, credit line, edition, and a band of the palette named in words.
import { elementChildren, findElement, hasClass, textContent, type ElementNode } from '../../../compose/tree.js';
import { addDestination, asArtifact, currentPage, recordStart, withStruct, type PdfContext } from '../context.js';
import type { ElementHandler } from '../context.js';
import { collectFragments, drawFragments } from '../inline.js';
import { drawLogo } from './logo.js';
import type { TextStyle } from '../styles.js';

const SWATCH_HEIGHT = 16;

export const titlePage: ElementHandler = { draw: (node, context) => drawTitlePage(node, context) };

function styleFor(child: ElementNode, context: PdfContext): TextStyle {
  const styles = context.styles.titlePage;
  if (hasClass(child, 'title')) return styles.title;
  if (hasClass(child, 'original-title')) return styles.originalTitle;
  if (hasClass(child, 'subtitle')) return styles.subtitle;
  if (hasClass(child, 'edition')) return styles.edition;
  return styles.credit;
}

/** The guide's title page, or in a course pack the pack's and each part's opening page. */
export function drawTitlePage(node: ElementNode, context: PdfContext): void {
  const { doc } = context;
  recordStart(context, node);
  doc.y = doc.page.margins.top + (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) * 0.22;
  withStruct(context, 'Sect', (sect) => {
    const children = elementChildren(node);
    children.forEach((child, index) => {
      if (hasClass(child, 'palette')) {
        drawPalette(child, sect);
        return;
      }
      if (hasClass(child, 'logo')) {
        drawLogo(child, sect, { align: 'center' });
        return;
      }
      const style = styleFor(child, sect);
      const type = child.name === 'h1' ? 'H1' : 'P';
      if (type === 'H1') {
        const destination = node.attrs.id ?? 'title-page';
        addDestination(context, destination);
        context.headings.push({ level: 1, title: textContent(child).trim(), destination, page: currentPage(context), y: doc.y });
      }
      withStruct(sect, type, (inner) => drawFragments(inner, collectFragments(child.children, style.font), style));
      // A course pack's title page lists its films as a run of credit lines, set closer together.
      const inRun = hasClass(child, 'credit-line') && children[index + 1] && hasClass(children[index + 1]!, 'credit-line');
      doc.y += inRun ? 4 : hasClass(child, 'original-title') || hasClass(child, 'credit-line') ? 18 : 8;
    });
  });
}

/** Chips of colour with their names and hex values under them: colour is never the only label. */
function drawPalette(list: ElementNode, context: PdfContext): void {
  const { doc } = context;
  const items = elementChildren(list);
  const width = context.width / items.length;
  const top = Math.max(doc.y + 24, doc.page.height - doc.page.margins.bottom - 90);
  withStruct(context, 'L', (l) => {
    items.forEach((item, index) => {
      const chip = findElement(item, (n) => n.attrs['data-colour'] !== undefined);
      const x = context.left + index * width;
      if (chip) asArtifact(context, () => doc.save().rect(x, top, width, SWATCH_HEIGHT).fill(chip.attrs['data-colour']!).restore());
      doc.y = top + SWATCH_HEIGHT + 6;
      const label = context.styles.titlePage.swatch;
      withStruct(l, 'LI', (li) => withStruct(li, 'LBody', (body) => drawFragments(body, [{ text: textContent(item).trim(), style: label.font }], label, x, width)));
    });
  });
}
