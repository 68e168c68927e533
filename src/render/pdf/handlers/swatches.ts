// The palette chapter's swatches: a vector chip beside each colour's name, hex value and meaning.
import { elementChildren, findElement, type ElementNode } from '../../../compose/tree.js';
import { asArtifact, recordStart, withStruct, type PdfContext } from '../context.js';
import { ensureSpace, measure, renderChildren } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { keepFirstItem } from './list.js';

const CHIP = 40;
const GAP = 14;

/** The chip is decoration (the name and hex value beside it say the same in words), so it is an artifact. */
export const swatchList: ElementHandler = { keepWithHeading: keepFirstItem, draw: drawSwatchList };

function drawSwatchList(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const textContext = { ...context, left: context.left + CHIP + GAP, width: context.width - CHIP - GAP };
  doc.y += theme.spacing.paragraph; // the chips need a little air under the introduction
  withStruct(context, 'L', (list) => {
    for (const item of elementChildren(node)) {
      const blocks = elementChildren(item).filter((child) => child.name !== 'span');
      const height = Math.max(CHIP, blocks.reduce((sum, block) => sum + measure(block, textContext), 0));
      ensureSpace(context, height);
      recordStart(context, item);
      const top = doc.y;
      const chip = findElement(item, (n) => n.attrs['data-colour'] !== undefined);
      if (chip) {
        asArtifact(context, () =>
          doc.save().lineWidth(0.5).rect(context.left, top + 2, CHIP, CHIP).fillAndStroke(chip.attrs['data-colour']!, theme.colours.rule).restore(),
        );
      }
      withStruct(list, 'LI', (li) =>
        withStruct({ ...li, left: textContext.left, width: textContext.width }, 'LBody', (body) => {
          renderChildren({ ...item, children: blocks }, body);
        }),
      );
      doc.y = Math.max(doc.y, top + CHIP + 2) + theme.spacing.paragraph * 2;
    }
  });
}
