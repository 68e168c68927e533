// The contents: pages reserved after the title page, filled in once every heading's page is known; each entry a tagged link.
import { elementChildren, hasClass, type ElementNode } from '../../compose/tree.js';
import { addDestination, asArtifact, makeStruct, type HeadingRecord, type PdfContext, type StructElement } from './context.js';
import { headingStyle } from './handlers/heading.js';
import { taggedGoTo } from './pdfkit.js';
import { drawSingleLine, lineWidth } from './single-line.js';
import { fontName } from './styles.js';

export interface ContentsPlan {
  firstPageIndex: number;
  pageCount: number;
  struct: StructElement;
}

const LEVELS_IN_CONTENTS = 2;

const entryStyle = (context: PdfContext, level: number) => context.styles.contents[level === 1 ? 0 : 1];

function entryHeight(context: PdfContext, level: number): number {
  return entryStyle(context, level).size * context.theme.line_height + (level === 1 ? 6 : 1);
}

/** Adds the blank pages the contents will need, and its place in the structure tree (after the title page). */
export function reserveContents(context: PdfContext, body: ElementNode): ContentsPlan {
  const { doc } = context;
  // Headings of the first LEVELS_IN_CONTENTS (two) levels, in sections at any depth (a course pack's parts hold its guides' chapters).
  const headingsIn = (section: ElementNode): ElementNode[] =>
    elementChildren(section).flatMap((c) => (c.name === 'section' ? headingsIn(c) : c.name === 'h1' || c.name === 'h2' ? [c] : []));
  const entries = elementChildren(body)
    .filter((s) => s.name === 'section' && !hasClass(s, 'title-page'))
    .flatMap(headingsIn);
  const usable = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - context.theme.sizes.h1 * 3;
  const needed = entries.reduce((sum, h) => sum + entryHeight(context, h.name === 'h1' ? 1 : 2), 0);
  const pageCount = Math.max(1, Math.ceil(needed / usable));
  doc.addPage();
  const firstPageIndex = doc.bufferedPageRange().count - 1;
  for (let i = 1; i < pageCount; i++) doc.addPage();
  doc.addPage(); // the body starts on a fresh page after the contents
  const sect = makeStruct(context, 'Sect');
  context.parent.add(sect);
  return { firstPageIndex, pageCount, struct: sect };
}

/** Draws the reserved contents pages: title, then one line per heading with a dotted leader and its page number. */
export function drawContents(context: PdfContext, plan: ContentsPlan, headings: HeadingRecord[]): void {
  const { doc, theme } = context;
  doc.switchToPage(plan.firstPageIndex);
  doc.x = context.left;
  doc.y = doc.page.margins.top;
  const style = headingStyle(context, 1);
  const sect = { ...context, parent: plan.struct };
  addDestination(context, 'contents');
  headings.unshift({ level: 1, title: 'Contents', destination: 'contents', page: plan.firstPageIndex + 1, y: doc.y });
  const h1 = makeStruct(sect, 'H1');
  plan.struct.add(h1);
  h1.add(() => doc.font(fontName(style.font)).fontSize(style.size).fillColor(style.colour).text('Contents', context.left, doc.y, { width: context.width }));
  h1.end();
  doc.y += theme.spacing.heading_after * 2;
  const toc = makeStruct(sect, 'TOC');
  plan.struct.add(toc);
  const nesting = new ContentsNesting(sect, toc);
  let pageIndex = plan.firstPageIndex;
  for (const entry of headings.filter((h) => h.level <= LEVELS_IN_CONTENTS && h.page > plan.firstPageIndex + plan.pageCount)) {
    if (doc.y + entryHeight(context, entry.level) > doc.page.height - doc.page.margins.bottom) doc.switchToPage(++pageIndex), (doc.y = doc.page.margins.top);
    drawEntry({ ...sect, parent: nesting.parentFor(entry.level) }, entry, nesting);
  }
  nesting.close();
  toc.end();
  plan.struct.end();
}

/**
 * The contents tagged as the outline is: a section's entry (TOCI) holds a TOC of its own entries, so a
 * screen reader announces "Facts" inside "The film", not beside it. Each level's open items are kept
 * until an entry of the same or a higher level ends them.
 */
class ContentsNesting {
  /** Open items, outermost first: the TOC that holds each level's entries and the entry last made at that level. */
  private open: { toc: StructElement; item?: StructElement }[];

  constructor(
    private readonly context: PdfContext,
    root: StructElement,
  ) {
    this.open = [{ toc: root }];
  }

  /** The TOC a new entry of `level` belongs in, closing deeper ones and opening one under the last entry above it. */
  parentFor(level: number): StructElement {
    while (this.open.length > level) this.closeLevel();
    while (this.open.length < level) {
      const above = this.open[this.open.length - 1]!;
      const toc = makeStruct(this.context, 'TOC');
      (above.item ?? above.toc).add(toc);
      this.open.push({ toc });
    }
    return this.open[this.open.length - 1]!.toc;
  }

  /** Records the entry just made at the deepest open level; it stays open for entries under it. */
  opened(item: StructElement): void {
    const level = this.open[this.open.length - 1]!;
    level.item?.end();
    level.item = item;
  }

  close(): void {
    while (this.open.length > 1) this.closeLevel();
    this.open[0]!.item?.end();
  }

  private closeLevel(): void {
    const level = this.open.pop()!;
    level.item?.end();
    level.toc.end();
  }
}

const LEADER_STEP = 4;

function drawEntry(context: PdfContext, entry: HeadingRecord, nesting: ContentsNesting): void {
  const { doc, theme } = context;
  const indent = entry.level === 1 ? 0 : theme.spacing.list_indent;
  const style = entryStyle(context, entry.level);
  const size = style.size;
  if (entry.level === 1) doc.y += 5;
  const y = doc.y;
  const x = context.left + indent;
  const number = String(entry.page);
  doc.font(fontName(style.font)).fontSize(size);
  const numberWidth = doc.widthOfString(number);
  const titleWidth = Math.min(lineWidth(context, entry.title, style), context.width - indent - numberWidth - 24);
  const toci = makeStruct(context, 'TOCI');
  context.parent.add(toci);
  nesting.opened(toci);
  const link = makeStruct(context, 'Link');
  toci.add(link);
  link.add(() => {
    drawSingleLine(context, entry.title, style, { x, y, width: titleWidth });
    doc.font(fontName(style.font)).fontSize(size).fillColor(style.colour).text(number, context.left + context.width - numberWidth, y, { lineBreak: false });
  });
  // The link annotation is a child of the Link element (an OBJR), so assistive technology can reach it.
  taggedGoTo(doc, { x, y, width: context.width - indent, height: doc.currentLineHeight() }, entry.destination, link, `${entry.title}, page ${number}`);
  link.end();
  drawLeader(context, x + titleWidth + 6, context.left + context.width - numberWidth - 6, y + size * 0.8);
  doc.y = y + entryHeight(context, entry.level) - (entry.level === 1 ? 5 : 0);
}

/**
 * Dots from the title to the page number, 4 pt apart: one dashed line with round caps, whose near-zero dashes
 * print as dots. (A circle per dot was four curves each, several thousand per contents.)
 */
function drawLeader(context: PdfContext, from: number, to: number, y: number): void {
  if (to <= from) return;
  const lastDot = from + Math.floor((to - from) / LEADER_STEP) * LEADER_STEP;
  asArtifact(context, () => {
    const { doc } = context;
    doc.save().strokeColor(context.theme.colours.rule).lineWidth(0.9).lineCap('round');
    doc.dash(0.001, { space: LEADER_STEP - 0.001 }).moveTo(from, y).lineTo(lastDot + 0.001, y).stroke();
    doc.restore();
  });
}
