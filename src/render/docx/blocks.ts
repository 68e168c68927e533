// The composed document's block elements as Word paragraphs and tables: one handler per element kind, in one map.
import { Bookmark, HeadingLevel, Paragraph, type ParagraphChild } from 'docx';
import { elementChildren, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import { bookmarkName } from './bookmarks.js';
import { box, dataTable, ruledLines, swatchTable } from './boxes.js';
import { figureBlocks, logoBlocks } from './figures.js';
import { colourChip, inlineRuns } from './inline.js';
import { notKeptWithNext, swatchColour, type Block, type Scope } from './scope.js';
import { twips } from './styles.js';

export type { Block, Scope } from './scope.js';

type Handler = (node: ElementNode, scope: Scope) => Block[];

const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3, h4: HeadingLevel.HEADING_4 };

const PARAGRAPH_STYLES: Record<string, string> = { label: 'Label', 'original-title': 'Subtitle', subtitle: 'Subtitle', 'credit-line': 'Subtitle', edition: 'Label' };

/** Runs wrapped in a bookmark when the element has an id, so links and the contents can find it. */
export function anchored(id: string | undefined, runs: ParagraphChild[]): ParagraphChild[] {
  return id ? [new Bookmark({ id: bookmarkName(id), children: runs })] : runs;
}

/** Under a school's logo the title stands close to it, in points; the logo has taken the title's place down the page. */
const TITLE_UNDER_LOGO = 14;

const heading = (node: ElementNode, scope: Scope, underLogo = false): Block[] => {
  const id = node.attrs.id ?? (node.name === 'h1' ? scope.sectionId : undefined);
  const runs = anchored(id, inlineRuns(node.children, scope.theme));
  if (hasClass(node, 'title')) return [new Paragraph({ heading: HeadingLevel.TITLE, ...(underLogo ? { spacing: { before: twips(TITLE_UNDER_LOGO) } } : {}), children: runs })];
  return [new Paragraph({ heading: HEADINGS[node.name], ...notKeptWithNext(scope), children: runs })];
};

const paragraph: Handler = (node, scope) => {
  if (hasClass(node, 'logo')) return logoBlocks(node, scope);
  const cls = (node.attrs.class ?? '').split(/\s+/).find((c) => PARAGRAPH_STYLES[c]);
  return [new Paragraph({ style: cls ? PARAGRAPH_STYLES[cls] : undefined, ...notKeptWithNext(scope), children: anchored(node.attrs.id, inlineRuns(node.children, scope.theme)) })];
};

/** A list item's own text goes on the numbered paragraph; any further blocks follow it, indented to the text. */
function listItem(item: ElementNode, scope: Scope, numbering: { reference: string; level: number }): Block[] {
  const blockChildren = elementChildren(item).filter((c) => BLOCK_NAMES.has(c.name));
  const firstParagraph = blockChildren[0]?.name === 'p' ? blockChildren[0] : undefined;
  const inline = firstParagraph ? firstParagraph.children : item.children.filter((c) => c.type === 'text' || !BLOCK_NAMES.has(c.name));
  const skipNumber = (n: ElementNode) => hasClass(n, 'number');
  const lead = new Paragraph({ style: hasClass(item, 'question') ? 'Question' : 'ListParagraph', numbering, ...notKeptWithNext(scope), children: anchored(item.attrs.id, inlineRuns(inline, scope.theme, skipNumber)) });
  const rest = blockChildren.filter((c) => c !== firstParagraph);
  const inner = { ...scope, listLevel: scope.listLevel + 1 };
  return [lead, ...rest.flatMap((child) => blocksOf(child, inner))];
}

/** The numbers a question list shows, read from the document; Word numbering reproduces them only if they run on by one. */
function questionNumbers(list: ElementNode): number[] | undefined {
  const numbers = elementChildren(list).map((li) => {
    const label = elementChildren(li).flatMap(elementChildren).find((n) => hasClass(n, 'number'));
    return label ? Number.parseInt(textContent(label), 10) : Number.NaN;
  });
  return numbers.every((n, i) => n === numbers[0]! + i) ? numbers : undefined;
}

const list: Handler = (node, scope) => {
  const items = elementChildren(node).filter((c) => c.name === 'li');
  if (hasClass(node, 'swatch-list')) return [swatchTable(items, scope)];
  if (hasClass(node, 'palette')) return items.map((li) => new Paragraph({ children: [colourChip(swatchColour(li)), ...inlineRuns([{ type: 'text', value: ' ' }, ...li.children], scope.theme)] }));
  const level = Math.min(scope.listLevel, 3);
  let reference = 'bullets';
  if (node.name === 'ol') {
    const numbers = hasClass(node, 'questions') ? questionNumbers(node) : undefined;
    const start = numbers?.[0] ?? Number(node.attrs.start ?? 1);
    reference = scope.numbering.numbered(start, { questions: hasClass(node, 'questions') });
  }
  return items.flatMap((li) => listItem(li, scope, { reference, level }));
};


const definitions: Handler = (node, scope) =>
  elementChildren(node).map((item) => new Paragraph({ style: item.name === 'dt' ? 'Term' : 'Definition', ...notKeptWithNext(scope), children: anchored(item.attrs.id, inlineRuns(item.children, scope.theme)) }));

const aside: Handler = (node, scope) => {
  const kind = hasClass(node, 'guidance') ? 'guidance' : 'callout';
  return [box(kind, elementChildren(node).flatMap((child) => blocksOf(child, { ...scope, listLevel: 0, inBox: true })), scope)];
};

const division: Handler = (node, scope) => {
  if (hasClass(node, 'write-in')) return [ruledLines(Number(node.attrs['data-lines'] ?? 3), scope)];
  return containerBlocks(node, scope);
};

const containerBlocks: Handler = (node, scope) => {
  const children = elementChildren(node);
  const underLogo = (child: ElementNode, index: number) => child.name === 'h1' && hasClass(child, 'title') && index > 0 && hasClass(children[index - 1]!, 'logo');
  return children.flatMap((child, index) => (underLogo(child, index) ? heading(child, scope, true) : blocksOf(child, scope)));
};

const HANDLERS: Record<string, Handler> = {
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  p: paragraph,
  ul: list,
  ol: list,
  dl: definitions,
  table: (node, scope) => [dataTable(node, scope)],
  aside,
  div: division,
  section: (node, scope) => containerBlocks(node, { ...scope, sectionId: node.attrs.id }),
  figure: figureBlocks,
};

const BLOCK_NAMES = new Set(Object.keys(HANDLERS));

/** The Word blocks for one element; an element no handler knows is reported, and its text kept as a paragraph. */
export function blocksOf(node: ElementNode, scope: Scope): Block[] {
  const handler = HANDLERS[node.name];
  if (handler) return handler(node, scope);
  scope.unknown.add(node.name);
  return [new Paragraph({ children: inlineRuns([node], scope.theme) })];
}
