// One handler per block element kind: each decides (measure, keep together, break page) and then draws.
import { elementChildren, findElement, hasClass, type ElementNode } from '../../compose/tree.js';
import { asArtifact, ensureSpace, pageBottom, recordStart, withStruct, type PdfContext } from './context.js';
import { heading } from './headings.js';
import { collectFragments, drawFragments, lineGap, measureFragments } from './inline.js';
import { bodyStyle, estimateHeight, paragraphStyle } from './measure.js';
import { drawFacts, drawTable } from './tables.js';
import { drawQr } from './qr.js';
import { drawSwatchList } from './swatches.js';
import { drawTitlePage } from './title-page.js';

/** `next` and `afterNext` are the following siblings, for decisions such as keeping a heading with what comes after it. */
export type BlockHandler = (node: ElementNode, context: PdfContext, next?: ElementNode, afterNext?: ElementNode) => void;

function paragraph(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const style = paragraphStyle(node, context);
  const fragments = collectFragments(node.children, style.font);
  const gap = lineGap(context, style.size);
  const lineHeight = doc.font('serif-regular').fontSize(style.size).currentLineHeight(true) + gap;
  const lines = Math.round(measureFragments(context, fragments, style) / lineHeight);
  // pdfkit sets a line wherever its glyphs fit; the gap under the last line on a page may fall in the margin.
  const linesThatFit = () => Math.floor((pageBottom(context) - doc.y + gap) / lineHeight);
  // No orphan: a paragraph starts on this page only with two of its lines; one of up to three lines is never split.
  const needed = lines <= 3 ? lines : 2;
  if (linesThatFit() < needed) ensureSpace(context, needed * lineHeight);
  // No widow: if only one line would be left for the next page, end this page one line earlier.
  const fitting = linesThatFit();
  const widow = lines > 3 && lines - fitting === 1;
  const savedBottom = doc.page.margins.bottom;
  if (widow) doc.page.margins.bottom += lineHeight;
  const page = doc.page;
  recordStart(context, node);
  withStruct(context, 'P', (inner) => drawFragments(inner, fragments, style));
  page.margins.bottom = savedBottom;
  doc.y += theme.spacing.paragraph;
}

function list(node: ElementNode, context: PdfContext): void {
  if (hasClass(node, 'swatch-list')) return drawSwatchList(node, context);
  const ordered = node.name === 'ol';
  const questions = hasClass(node, 'questions');
  withStruct(context, 'L', (inner) => {
    // A Markdown list may start at any number ("3. …" after a paragraph); `start` carries it.
    const first = Number(node.attrs.start ?? 1);
    elementChildren(node).forEach((item, index) => listItem(item, inner, questions ? null : ordered ? `${first + index}.` : '•'));
  });
}

function listItem(item: ElementNode, context: PdfContext, marker: string | null): void {
  const { doc, theme } = context;
  const indent = marker ? theme.spacing.list_indent : 0;
  const inner = { ...context, left: context.left + indent, width: context.width - indent };
  // A question keeps its prompt, write-in lines and guidance together; any item keeps its marker with its first lines.
  if (hasClass(item, 'question')) ensureSpace(context, estimateHeight(item, inner));
  else ensureSpace(context, 2 * theme.sizes.body * theme.line_height);
  recordStart(context, item);
  withStruct(context, 'LI', (li) => {
    if (marker) {
      const y = doc.y;
      withStruct(li, 'Lbl', (lbl) =>
        lbl.parent.add(() => {
          doc.font('serif-regular').fontSize(theme.sizes.body).fillColor(theme.colours.text);
          doc.text(marker, context.left, y, { width: indent, lineBreak: false });
        }),
      );
      doc.y = y;
    }
    withStruct({ ...li, left: inner.left, width: inner.width }, 'LBody', (body) => {
      const blocks = elementChildren(item).length > 0 && item.children.every((c) => c.type === 'element' || !c.value.trim());
      if (blocks) body.renderChildren(item, body);
      else paragraph(item, body);
    });
  });
}

function callout(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const pad = theme.spacing.callout_padding;
  const inner = { ...context, left: context.left + pad + 3, width: context.width - 2 * pad - 3 };
  const height = estimateHeight(node, context) - theme.spacing.paragraph;
  ensureSpace(context, height);
  const top = doc.y;
  const background = hasClass(node, 'guidance') ? theme.colours.guidance_background : theme.colours.callout_background;
  const drawn = Math.min(height, pageBottom(context) - top);
  asArtifact(context, () => {
    doc.save().rect(context.left, top, context.width, drawn).fill(background);
    doc.rect(context.left, top, 3, drawn).fill(theme.colours.callout_border).restore();
  });
  doc.y = top + pad;
  withStruct(inner, 'Div', (aside) => aside.renderChildren(node, aside));
  doc.y = Math.max(doc.y - theme.spacing.paragraph + pad, top + height) + theme.spacing.paragraph;
}

/** Ruled lines to write an answer on (student edition); decoration, so an artifact. */
function writeIn(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const lines = Number(node.attrs['data-lines'] ?? 3);
  const step = theme.spacing.write_in_line;
  ensureSpace(context, lines * step);
  asArtifact(context, () => {
    doc.save().lineWidth(0.5).strokeColor(theme.colours.rule);
    for (let i = 1; i <= lines; i++) doc.moveTo(context.left, doc.y + i * step).lineTo(context.left + context.width, doc.y + i * step).stroke();
    doc.restore();
  });
  doc.y += lines * step + theme.spacing.paragraph;
}

function section(node: ElementNode, context: PdfContext): void {
  const { doc } = context;
  if (hasClass(node, 'title-page')) return drawTitlePage(node, context);
  if (hasClass(node, 'part')) return part(node, context);
  if (doc.y > doc.page.margins.top + 1) doc.addPage();
  recordStart(context, node);
  const title = elementChildren(node).find((c) => /^h[1-4]$/.test(c.name));
  const firstPage = doc.bufferedPageRange().count - 1;
  withStruct(context, 'Sect', (sect) => sect.renderChildren(node, sect));
  const lastPage = doc.bufferedPageRange().count - 1;
  const name = runningHeadText(title, context);
  for (let page = firstPage; page <= lastPage; page++) context.chapterOnPage.set(page, name);
}

/** One guide of a course pack: its title page on a page of its own, then its chapters, which keep their look. */
function part(node: ElementNode, context: PdfContext): void {
  const { doc } = context;
  if (doc.y > doc.page.margins.top + 1) doc.addPage();
  const opening = node.children.filter((c) => !(c.type === 'element' && c.name === 'section'));
  const chapters = elementChildren(node).filter((c) => c.name === 'section');
  const firstPage = doc.bufferedPageRange().count - 1;
  context.pagesWithoutHead.add(firstPage);
  // A guide in another language than the pack's (en-US in an en-GB pack) says so on its Part, for screen readers and hyphenation.
  const lang = node.attrs.lang;
  withStruct(
    context,
    'Part',
    (inner) => {
      drawTitlePage({ ...node, children: opening }, inner);
      inner.renderChildren({ ...node, children: chapters }, { ...inner, headingOffset: context.headingOffset + 1, lang: lang ?? inner.lang });
    },
    lang ? { lang } : {},
  );
  const title = findElement(node, (n) => hasClass(n, 'title'));
  const name = runningHeadText(title, context);
  for (let page = firstPage; page < doc.bufferedPageRange().count; page++) context.partOnPage.set(page, name);
}

/** A heading's words as the running head prints them (typography applied, markup dropped). */
function runningHeadText(heading: ElementNode | undefined, context: PdfContext): string {
  return heading ? collectFragments(heading.children, bodyStyle(context).font).map((f) => f.text).join('') : '';
}

function division(node: ElementNode, context: PdfContext): void {
  if (hasClass(node, 'write-in')) return writeIn(node, context);
  if (hasClass(node, 'qr')) return drawQr(node, context);
  context.renderChildren(node, context);
}

export const BLOCK_HANDLERS: Record<string, BlockHandler> = {
  section,
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  p: paragraph,
  ul: list,
  ol: list,
  aside: callout,
  div: division,
  dl: drawFacts,
  table: drawTable,
};
