// Callouts (content notes, key facts, teacher guidance): a shaded box with a rule down its left side, kept whole where it fits.
import { hasClass } from '../../../compose/tree.js';
import { asArtifact, withStruct, type PdfContext } from '../context.js';
import { ensureSpace, measureChildren, pageBottom, renderChildren } from '../flow.js';
import type { ElementHandler } from '../context.js';

const RULE = 3;

function innerColumn(context: PdfContext): PdfContext {
  const pad = context.theme.spacing.callout_padding;
  return { ...context, left: context.left + pad + RULE, width: context.width - 2 * pad - RULE };
}

export const callout: ElementHandler = {
  measure: (node, context) => measureChildren(node, innerColumn(context)) + 2 * context.theme.spacing.callout_padding,
  draw(node, context) {
    const { doc, theme } = context;
    const pad = theme.spacing.callout_padding;
    const height = callout.measure!(node, context) - theme.spacing.paragraph;
    ensureSpace(context, height);
    const top = doc.y;
    const background = hasClass(node, 'guidance') ? theme.colours.guidance_background : theme.colours.callout_background;
    const drawn = Math.min(height, pageBottom(context) - top);
    asArtifact(context, () => {
      doc.save().rect(context.left, top, context.width, drawn).fill(background);
      doc.rect(context.left, top, RULE, drawn).fill(theme.colours.callout_border).restore();
    });
    doc.y = top + pad;
    withStruct(innerColumn(context), 'Div', (aside) => renderChildren(node, aside));
    doc.y = Math.max(doc.y - theme.spacing.paragraph + pad, top + height) + theme.spacing.paragraph;
  },
};
