// A school's logo (<p class="logo"><img/></p>): centred on a title page, at the head of a handout; tagged Figure with its alt text.
import { elementChildren, type ElementNode } from '../../../compose/tree.js';
import { makeStruct, recordStart, type ElementHandler, type PdfContext } from '../context.js';
import { ensureSpace } from '../flow.js';
import { drawPicture } from './figure.js';

/** The document gives the logo's size in CSS pixels; a point is four thirds of one. */
const POINTS_PER_PIXEL = 0.75;
/** Anywhere but a title page (the handout), the logo is set at two thirds of its title-page size: the sheet is full. */
const HANDOUT_SHARE = 2 / 3;
/** Below the logo, before the title, in points. */
const GAP_BELOW = 14;

interface LogoPlan {
  node: ElementNode;
  src: string;
  alt: string;
  width: number;
  height: number;
}

function planLogo(node: ElementNode, context: PdfContext, share: number): LogoPlan | undefined {
  const img = elementChildren(node).find((n) => n.name === 'img');
  if (!img) return undefined;
  const [wide, high] = [Number(img.attrs.width) || 0, Number(img.attrs.height) || 0];
  if (!wide || !high) return undefined;
  // Never wider than the column, whatever a template asks.
  const scale = Math.min(share * POINTS_PER_PIXEL, context.width / wide);
  return { node, src: img.attrs.src ?? '', alt: img.attrs.alt ?? '', width: wide * scale, height: high * scale };
}

export const logo: ElementHandler = {
  measure: (node, context) => (planLogo(node, context, HANDOUT_SHARE)?.height ?? 0) + GAP_BELOW,
  draw: (node, context) => drawLogo(node, context, { align: 'left', share: HANDOUT_SHARE }),
};

/** Draws the logo at the current position and moves below it; a missing picture is warned about, never fatal. */
export function drawLogo(node: ElementNode, context: PdfContext, { align, share = 1 }: { align: 'left' | 'center'; share?: number }): void {
  const { doc } = context;
  const plan = planLogo(node, context, share);
  const image = plan && context.images.get(plan.src);
  if (!plan || !image) {
    context.warn(`the logo's picture is missing from the document (line ${node.line} of the composed document); it was left out`);
    return;
  }
  ensureSpace(context, plan.height + GAP_BELOW);
  recordStart(context, node);
  const x = align === 'center' ? context.left + (context.width - plan.width) / 2 : context.left;
  const box = { x, y: doc.y, width: plan.width, height: plan.height };
  // A Figure whose alt text names the school: PDF/UA wants every picture that means something described.
  const figure = makeStruct(context, 'Figure', { alt: plan.alt });
  context.parent.add(figure);
  figure.add(() => drawPicture(context, image, box));
  figure.end();
  doc.x = context.left;
  doc.y = box.y + box.height + GAP_BELOW;
}
