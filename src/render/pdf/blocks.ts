// One handler per block element kind: each decides (measure, keep together, break page) and then draws.
import { elementChildren, hasClass, type ElementNode } from '../../compose/tree.js';
import { asArtifact, ensureSpace, pageBottom, recordId, withStruct, type PdfContext } from './context.js';
import { collectFragments, drawFragments, measureFragments, type TextStyle } from './inline.js';
import { drawTable, drawFacts } from './tables.js';
import { drawTitlePage } from './title-page.js';

export type BlockHandler = (node: ElementNode, context: PdfContext) => void;

const serif = { family: 'serif', bold: false, italic: false } as const;
const sansBold = { family: 'sans', bold: true, italic: false } as const;

export function bodyStyle(context: PdfContext): TextStyle {
  return { font: serif, size: context.theme.sizes.body, colour: context.theme.colours.text };
}

function headingStyle(context: PdfContext, level: 1 | 2 | 3): TextStyle {
  const { sizes, colours } = context.theme;
  return { font: sansBold, size: [sizes.h1, sizes.h2, sizes.h3][level - 1]!, colour: colours.heading };
}

const heading =
  (level: 1 | 2 | 3): BlockHandler =>
  (node, context) => {
    const { doc, theme } = context;
    const style = headingStyle(context, level);
    const fragments = collectFragments(node.children, style.font);
    const height = measureFragments(context, fragments, style);
    // Keep the heading with at least two lines of what follows.
    const following = 2 * theme.sizes.body * theme.line_height;
    if (doc.y > doc.page.margins.top + 1) doc.y += level === 1 ? 0 : theme.spacing.heading_before;
    ensureSpace(context, height + theme.spacing.heading_after + following);
    recordId(context, node);
    withStruct(context, `H${level}`, (inner) => drawFragments(inner, fragments, style));
    doc.y += theme.spacing.heading_after;
  };

function paragraph(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const style = hasClass(node, 'label') ? { ...bodyStyle(context), font: sansBold, size: theme.sizes.small } : bodyStyle(context);
  const fragments = collectFragments(node.children, style.font);
  const lineHeight = style.size * theme.line_height;
  // A paragraph of up to three lines is never split; a longer one starts only if two lines fit.
  const height = measureFragments(context, fragments, style);
  ensureSpace(context, height <= 3 * lineHeight + 1 ? height : 2 * lineHeight);
  recordId(context, node);
  withStruct(context, 'P', (inner) => drawFragments(inner, fragments, style));
  doc.y += theme.spacing.paragraph;
}

function list(node: ElementNode, context: PdfContext): void {
  const ordered = node.name === 'ol';
  const questions = hasClass(node, 'questions');
  withStruct(context, 'L', (inner) => {
    elementChildren(node).forEach((item, index) => listItem(item, inner, questions ? null : ordered ? `${index + 1}.` : '•'));
  });
}

function listItem(item: ElementNode, context: PdfContext, marker: string | null): void {
  const { doc, theme } = context;
  const indent = marker ? theme.spacing.list_indent : 0;
  const inner = { ...context, left: context.left + indent, width: context.width - indent };
  // A question keeps its prompt, write-in lines and guidance together when they fit on one page.
  if (hasClass(item, 'question')) ensureSpace(context, estimateHeight(item, inner));
  else ensureSpace(context, 2 * theme.sizes.body * theme.line_height);
  recordId(context, item);
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

/** Rough height of a block subtree, to decide whether it fits; drawing measures again exactly. */
function estimateHeight(node: ElementNode, context: PdfContext): number {
  const { theme } = context;
  let total = 0;
  for (const child of elementChildren(node)) {
    if (child.name === 'p') total += measureFragments(context, collectFragments(child.children, serif), bodyStyle(context)) + theme.spacing.paragraph;
    else if (hasClass(child, 'write-in')) total += Number(child.attrs['data-lines'] ?? 3) * theme.spacing.write_in_line + theme.spacing.paragraph;
    else total += estimateHeight(child, { ...context, width: context.width - 2 * theme.spacing.callout_padding }) + 2 * theme.spacing.callout_padding;
  }
  return total;
}

function callout(node: ElementNode, context: PdfContext): void {
  const { doc, theme } = context;
  const pad = theme.spacing.callout_padding;
  const inner = { ...context, left: context.left + pad + 3, width: context.width - 2 * pad - 3 };
  const height = estimateHeight(node, inner) + 2 * pad - theme.spacing.paragraph;
  ensureSpace(context, height);
  const top = doc.y;
  const background = hasClass(node, 'guidance') ? theme.colours.guidance_background : theme.colours.callout_background;
  asArtifact(context, () => {
    doc.save().rect(context.left, top, context.width, Math.min(height, pageBottom(context) - top)).fill(background);
    doc.rect(context.left, top, 3, Math.min(height, pageBottom(context) - top)).fill(theme.colours.callout_border).restore();
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
  if (doc.y > doc.page.margins.top + 1) doc.addPage();
  recordId(context, node);
  const title = elementChildren(node).find((c) => c.name === 'h1');
  const firstPage = context.doc.bufferedPageRange().count - 1;
  withStruct(context, 'Sect', (sect) => sect.renderChildren(node, sect));
  const lastPage = context.doc.bufferedPageRange().count - 1;
  for (let page = firstPage; page <= lastPage; page++) context.chapterOnPage.set(page, title ? collectFragments(title.children, serif).map((f) => f.text).join('') : '');
}

function division(node: ElementNode, context: PdfContext): void {
  if (hasClass(node, 'write-in')) return writeIn(node, context);
  context.renderChildren(node, context);
}

export const BLOCK_HANDLERS: Record<string, BlockHandler> = {
  section,
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  p: paragraph,
  ul: list,
  ol: list,
  aside: callout,
  div: division,
  dl: drawFacts,
  table: drawTable,
};
