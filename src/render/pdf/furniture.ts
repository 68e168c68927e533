// Running heads and feet (guide, chapter, page number, edition), drawn last on every page but the title page, as artifacts.
import type { ComposedDocument } from '../../compose/compose.js';
import { asArtifact, type PdfContext } from './context.js';
import { withPageMargins } from './pdfkit.js';
import { drawSingleLine, lineWidth } from './single-line.js';
import { fontName } from './styles.js';

export function drawPageFurniture(context: PdfContext, document: ComposedDocument): void {
  const { doc } = context;
  const range = doc.bufferedPageRange();
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const { top, bottom } = doc.page.margins;
    // Text in the margin would otherwise start a new page.
    withPageMargins(doc, { top: 0, bottom: 0 }, () => asArtifact(context, () => drawHeadAndFoot(context, document, index, top, bottom), 'Pagination'));
  }
}

function drawHeadAndFoot(context: PdfContext, document: ComposedDocument, index: number, top: number, bottom: number): void {
  const { doc, theme } = context;
  const style = context.styles.furniture;
  const small = { width: context.width, lineBreak: false } as const;
  doc.font(fontName(style.font)).fontSize(style.size).fillColor(style.colour);
  const headY = top - 28;
  if (!context.pagesWithoutHead.has(index)) {
    drawRunningHead(context, context.partOnPage.get(index) ?? document.title, context.chapterOnPage.get(index) ?? '', headY);
    doc.save().lineWidth(0.4).strokeColor(theme.colours.rule).moveTo(context.left, headY + 13).lineTo(context.left + context.width, headY + 13).stroke().restore();
  }
  const footY = doc.page.height - bottom + 20;
  doc.text(document.header.editionLabel, context.left, footY, { ...small, align: 'left' });
  doc.font(fontName({ ...style.font, bold: true })).text(String(index + 1), context.left, footY, { ...small, align: 'right' });
}

/** Between the two halves of a running head, whatever their length. */
const HEAD_GAP = 18;

/**
 * The guide's title on the left, the chapter's on the right, on one line: when they do not both fit, each
 * keeps at least half the line and the longer is cut short with an ellipsis, so they never overprint.
 */
function drawRunningHead(context: PdfContext, left: string, right: string, y: number): void {
  const style = context.styles.furniture;
  const room = context.width - (right ? HEAD_GAP : 0);
  const [leftNeeds, rightNeeds] = [lineWidth(context, left, style), right ? lineWidth(context, right, style) : 0];
  const rightWidth = leftNeeds + rightNeeds <= room ? rightNeeds : Math.min(rightNeeds, Math.max(room / 2, room - leftNeeds));
  const leftWidth = room - rightWidth;
  drawSingleLine(context, left, style, { x: context.left, y, width: leftWidth + 0.5 });
  if (right) drawSingleLine(context, right, style, { x: context.left + context.width - rightWidth - 0.5, y, width: rightWidth + 0.5, align: 'right' });
}
