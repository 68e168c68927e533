// Figures: the picture at the width asked (smaller if the page cannot hold it), its caption under it, kept together and never split; tagged Figure with its alt text and a Caption, or an artifact when decorative.
import { elementChildren, type ElementNode } from '../../../compose/tree.js';
import type { GuideImage } from '../../../content/images.js';
import { printablePng, printPixels, svgToPng } from '../../images.js';
import { asArtifact, makeStruct, recordStart, withStruct, type ElementHandler, type PdfContext } from '../context.js';
import { ensureSpace, pageBottom } from '../flow.js';
import { collectFragments, drawFragments, measureFragments, type Fragment } from '../inline.js';
import { drawSvgVectors, type Box } from '../pdfkit.js';
import { fontName } from '../styles.js';

/** Between the picture and its caption, in points. */
const CAPTION_GAP = 5;

interface FigurePlan {
  image?: GuideImage;
  alt: string;
  decorative: boolean;
  width: number;
  height: number;
  caption: Fragment[];
  captionHeight: number;
  /** Everything the figure takes on the page, spacing included. */
  total: number;
}

export const figure: ElementHandler = {
  measure: (node, context) => planFigure(node, context).total,
  /** A heading and the figure under it go together, or the figure would start a page alone under nothing. */
  keepWithHeading: (node, context) => planFigure(node, context).total,
  draw: (node, context) => drawFigure(node, context),
};

/**
 * Decides the size: the share of the text width the document asks for, at the picture's own shape; when
 * that is taller than an empty page can hold with the caption, the picture shrinks to fit, so a figure
 * is never split or cut.
 */
function planFigure(node: ElementNode, context: PdfContext): FigurePlan {
  const { doc, theme, styles } = context;
  const img = elementChildren(node).find((n) => n.name === 'img');
  const figcaption = elementChildren(node).find((n) => n.name === 'figcaption');
  const image = context.images.get(img?.attrs.src ?? '');
  const share = Math.min(1, Math.max(0.05, Number(node.attrs['data-width']) || 1));
  const aspect = image ? image.height / image.width : 0.5;
  const caption = figcaption ? collectFragments(figcaption.children, styles.caption.font) : [];
  const captionHeight = caption.length ? CAPTION_GAP + measureFragments(context, caption, styles.caption) : 0;
  const spacing = 3 * theme.spacing.paragraph;
  const room = pageBottom(context) - doc.page.margins.top - captionHeight - spacing;
  let width = context.width * share;
  let height = width * aspect;
  if (height > room) [width, height] = [room / aspect, room];
  const alt = img?.attrs.alt ?? '';
  return { image, alt, decorative: alt === '', width, height, caption, captionHeight, total: height + captionHeight + spacing };
}

function drawFigure(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const plan = planFigure(node, context);
  ensureSpace(context, plan.total - theme.spacing.paragraph);
  doc.y += theme.spacing.paragraph;
  recordStart(context, node);
  const box = { x: context.left + (context.width - plan.width) / 2, y: doc.y, width: plan.width, height: plan.height };
  const picture = () => plan.image && drawPicture(context, plan.image, box);
  if (!plan.image) context.warn(`a figure's picture is missing from the document (line ${node.line} of the composed document); it was left out`);
  const captioned = (inner: PdfContext) => {
    if (!plan.caption.length) return;
    doc.y = box.y + box.height + CAPTION_GAP;
    withStruct(inner, 'Caption', (caption) => drawFragments(caption, plan.caption, context.styles.caption));
  };
  if (plan.decorative) {
    // An ornament: screen readers pass over the picture; a caption, if it has one, is still read.
    asArtifact(context, picture);
    if (plan.caption.length) withStruct(context, 'Div', captioned);
  } else {
    // Figure and Caption side by side in one Div: a Figure's alt text stands for everything inside it, so a caption inside would never be read.
    withStruct(context, 'Div', (inner) => {
      const element = makeStruct(inner, 'Figure', { alt: plan.alt });
      inner.parent.add(element);
      element.add(picture);
      element.end();
      captioned(inner);
    });
  }
  doc.x = context.left;
  doc.y = Math.max(doc.y, box.y + box.height + plan.captionHeight) + 2 * theme.spacing.paragraph;
}

/**
 * A JPEG goes in exactly as given. A PNG keeps its transparency (pdfkit makes it a soft mask). An SVG is
 * drawn as vectors when every element in it is one svg-to-pdfkit draws faithfully, so lines stay sharp at
 * any zoom and its words stay words; anything else in it (a filter, a <switch>, an embedded picture)
 * would silently go missing that way, so such a drawing is printed from pixels at 300 dpi, drawn by resvg,
 * the renderer that draws the EPUB's cover.
 */
export function drawPicture(context: PdfContext, image: GuideImage, box: Box): void {
  const { doc } = context;
  const size = { width: box.width, height: box.height };
  if (image.format === 'svg' && image.vector) {
    const fontFor = (family: string, bold: boolean, italic: boolean) => fontName({ family: /serif/i.test(family) && !/sans/i.test(family) ? 'serif' : 'sans', bold, italic });
    drawSvgVectors(doc, Buffer.from(image.bytes).toString('utf8'), box, fontFor, (warning) => context.warn(`a figure's drawing: ${warning}`));
  } else if (image.format === 'svg') {
    doc.image(Buffer.from(svgToPng(image, printPixels(box.width), context.theme)), box.x, box.y, size);
  } else {
    doc.image(Buffer.from(image.format === 'png' ? printablePng(image) : image.bytes), box.x, box.y, size);
  }
}
