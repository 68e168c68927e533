// Ruled lines to write an answer on (student edition): decoration, so an artifact.
import type { ElementNode } from '../../../compose/tree.js';
import { asArtifact, type PdfContext } from '../context.js';
import { ensureSpace } from '../flow.js';
import type { ElementHandler } from '../context.js';

const lineCount = (node: ElementNode) => Number(node.attrs['data-lines'] ?? 3);

export const writeIn: ElementHandler = {
  measure: (node, context) => lineCount(node) * context.theme.spacing.write_in_line + context.theme.spacing.paragraph,
  draw(node, context: PdfContext) {
    const { doc, theme } = context;
    const lines = lineCount(node);
    const step = theme.spacing.write_in_line;
    ensureSpace(context, lines * step);
    asArtifact(context, () => {
      doc.save().lineWidth(0.5).strokeColor(theme.colours.rule);
      for (let i = 1; i <= lines; i++) doc.moveTo(context.left, doc.y + i * step).lineTo(context.left + context.width, doc.y + i * step).stroke();
      doc.restore();
    });
    doc.y += lines * step + theme.spacing.paragraph;
  },
};
