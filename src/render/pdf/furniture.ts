// Running heads and feet (guide, chapter, page number, edition), drawn last on every page but the title page, as artifacts.
import type { ComposedDocument } from '../../compose/compose.js';
import { asArtifact, type PdfContext } from './context.js';

export function drawPageFurniture(context: PdfContext, document: ComposedDocument, guideTitle: string): void {
  const { doc, theme } = context;
  const range = doc.bufferedPageRange();
  const edition = document.edition === 'teacher' ? 'Teacher edition' : 'Student edition';
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const { top, bottom } = doc.page.margins;
    doc.page.margins.bottom = 0; // text in the margin would otherwise start a new page
    doc.page.margins.top = 0;
    const small = { width: context.width, lineBreak: false } as const;
    asArtifact(
      context,
      () => {
        doc.font('sans-regular').fontSize(theme.sizes.small).fillColor(theme.colours.muted);
        const headY = top - 28;
        if (!context.pagesWithoutHead.has(index)) {
          doc.text(context.partOnPage.get(index) ?? guideTitle, context.left, headY, { ...small, align: 'left' });
          const chapter = context.chapterOnPage.get(index);
          if (chapter) doc.text(chapter, context.left, headY, { ...small, align: 'right' });
          doc.save().lineWidth(0.4).strokeColor(theme.colours.rule).moveTo(context.left, headY + 13).lineTo(context.left + context.width, headY + 13).stroke().restore();
        }
        const footY = doc.page.height - bottom + 20;
        doc.text(edition, context.left, footY, { ...small, align: 'left' });
        doc.font('sans-bold').text(String(index + 1), context.left, footY, { ...small, align: 'right' });
      },
      'Pagination',
    );
    doc.page.margins.bottom = bottom;
    doc.page.margins.top = top;
  }
}
