// A QR code drawn as vector squares (sharp at any print size), with the text inside its block set beside it.
import type { ElementNode } from '../../../compose/tree.js';
import { asArtifact, makeStruct, withStruct, type PdfContext } from '../context.js';
import { ensureSpace, renderChildren } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { qrCodeOf } from '../../../qr-code.js';

/** Module size in points: 2.4 pt gives a code of about 3 cm for a short address, easy for any phone camera. */
const MODULE = 2.4;
/** The blank margin scanners need around the code, in modules (the QR standard asks for four). */
const QUIET_ZONE = 4;

export const qrCode: ElementHandler = { draw: (node, context) => drawQr(node, context) };

function drawQr(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const address = node.attrs['data-href'] ?? '';
  const { modules } = qrCodeOf(address);
  const side = (modules.size + 2 * QUIET_ZONE) * MODULE;
  ensureSpace(context, side);
  const top = doc.y;
  const left = context.left;
  const figure = makeStruct(context, 'Figure', { alt: `QR code for ${address}` });
  context.parent.add(figure);
  figure.add(() => {
    doc.save().fillColor('#000000');
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) {
        if (modules.get(row, column)) doc.rect(left + (column + QUIET_ZONE) * MODULE, top + (row + QUIET_ZONE) * MODULE, MODULE, MODULE);
      }
    }
    doc.fill().restore();
  });
  figure.end();
  asArtifact(context, () => doc.save().lineWidth(0.5).strokeColor(theme.colours.rule).rect(left, top, side, side).stroke().restore());
  // The words go in a column to the right of the code, starting level with its first row.
  const gap = 14;
  const beside = { ...context, left: left + side + gap, width: context.width - side - gap };
  doc.y = top + QUIET_ZONE * MODULE;
  withStruct(beside, 'Div', (inner) => renderChildren(node, inner));
  doc.x = context.left;
  doc.y = Math.max(doc.y, top + side) + theme.spacing.paragraph;
}
