// The document's framed parts as Word tables: shaded boxes (advisory, guidance), ruled write-in lines, data tables with header rows, palette swatches.
import { BorderStyle, HeightRule, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType, type IBorderOptions } from 'docx';
import { elementChildren, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import { swatchColour, type Block, type Scope } from './scope.js';
import { colourChip, inlineRuns } from './inline.js';
import { contentWidth, twips } from './styles.js';

const hex = (colour: string) => colour.replace('#', '');
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const line = (colour: string, eighths = 4): IBorderOptions => ({ style: BorderStyle.SINGLE, size: eighths, color: hex(colour) });
const fill = (colour: string) => ({ fill: hex(colour), type: ShadingType.CLEAR, color: 'auto' });

/** Inside a list item a box lines up with the item's text, not with the number. */
function indentOf(scope: Scope): number {
  return scope.listLevel > 0 ? twips(scope.theme.spacing.list_indent * scope.listLevel + 8) : 0;
}

function fixedTable(rows: TableRow[], columnWidths: number[], scope: Scope, borders: Record<string, IBorderOptions>): Table {
  const indent = indentOf(scope);
  return new Table({
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    indent: indent ? { size: indent, type: WidthType.DXA } : undefined,
    layout: TableLayoutType.FIXED,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE, ...borders },
  });
}

/** A shaded box with a coloured rule down its left side: the content advisory and callouts, or the teacher's guidance. */
export function box(kind: 'callout' | 'guidance', blocks: Block[], scope: Scope): Table {
  const { colours, spacing } = scope.theme;
  const width = contentWidth(scope.page) - indentOf(scope);
  const padding = twips(spacing.callout_padding);
  const cell = new TableCell({
    children: blocks.length ? blocks : [new Paragraph({})],
    shading: fill(kind === 'guidance' ? colours.guidance_background : colours.callout_background),
    margins: { top: padding, bottom: Math.max(0, padding - twips(spacing.paragraph)), left: padding, right: padding },
    borders: { top: NONE, bottom: NONE, right: NONE, left: line(colours.callout_border, 24) },
  });
  // The row does not split, which keeps a box's label with its text now that the label no longer keeps with the next.
  return fixedTable([new TableRow({ cantSplit: true, children: [cell] })], [width], scope, {});
}

/** Ruled lines to write on, as many as the document asks for; a table so that every word processor draws each rule. */
export function ruledLines(count: number, scope: Scope): Table {
  const { colours, spacing } = scope.theme;
  const width = contentWidth(scope.page) - indentOf(scope);
  const rows = Array.from({ length: Math.max(1, count) }, () => new TableRow({ height: { value: twips(spacing.write_in_line), rule: HeightRule.EXACT }, children: [new TableCell({ children: [new Paragraph({})] })] }));
  return fixedTable(rows, [width], scope, { bottom: line(colours.rule), insideHorizontal: line(colours.rule) });
}

/** Columns share the width by how much text they hold, none narrower than an eighth. */
function columnWidths(rows: ElementNode[][], total: number): number[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const weights = Array.from({ length: columns }, (_, i) => Math.sqrt(Math.max(4, ...rows.map((r) => (r[i] ? textContent(r[i]).trim().length : 0)))));
  const sum = weights.reduce((a, b) => a + b, 0);
  const floor = total / (columns * 8);
  const raw = weights.map((w) => Math.max(floor, (w / sum) * total));
  const scale = total / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.round(w * scale));
}

function cellBlocks(cell: ElementNode, scope: Scope): Block[] {
  const hasBlocks = elementChildren(cell).some((c) => ['p', 'ul', 'ol', 'dl'].includes(c.name));
  if (hasBlocks) return elementChildren(cell).flatMap((c) => scope.blocks(c, scope));
  return [new Paragraph({ style: 'BoxText', children: inlineRuns(cell.children, scope.theme) })];
}

/** A data table: its head rows repeat on every page (Word's "header row") and are set in bold on a tint. */
export function dataTable(node: ElementNode, scope: Scope): Table {
  const { colours, spacing } = scope.theme;
  const sections = elementChildren(node).filter((c) => ['thead', 'tbody', 'tr'].includes(c.name));
  const rows = sections.flatMap((s) => (s.name === 'tr' ? [{ row: s, head: false }] : elementChildren(s).map((row) => ({ row, head: s.name === 'thead' }))));
  const cells = rows.map(({ row }) => elementChildren(row).filter((c) => c.name === 'td' || c.name === 'th'));
  const widths = columnWidths(cells, contentWidth(scope.page) - indentOf(scope));
  const pad = twips(spacing.paragraph / 2);
  const tableRows = rows.map(({ row, head }, r) => {
    const children = cells[r]!.map((cell, c) => {
      const blocks = cell.name === 'th' ? [new Paragraph({ style: 'BoxText', children: inlineRuns(cell.children, scope.theme, undefined, { bold: true }) })] : cellBlocks(cell, scope);
      return new TableCell({ children: blocks, width: { size: widths[c]!, type: WidthType.DXA }, margins: { top: pad, bottom: 0, left: pad, right: pad }, shading: head ? fill(colours.callout_background) : undefined });
    });
    return new TableRow({ children, tableHeader: head || undefined, cantSplit: true });
  });
  return fixedTable(tableRows, widths, scope, { top: line(colours.rule), bottom: line(colours.rule), insideHorizontal: line(colours.rule) });
}

/** Palette swatches: a square of the colour beside its name and notes; the name carries the meaning, the colour shows it. */
export function swatchTable(items: ElementNode[], scope: Scope): Table {
  const chipWidth = twips(42);
  const textWidth = contentWidth(scope.page) - indentOf(scope) - chipWidth;
  const pad = twips(scope.theme.spacing.paragraph);
  const rows = items.map((li) => {
    const chip = new TableCell({ children: [new Paragraph({ children: [colourChip(swatchColour(li))] })], shading: fill(swatchColour(li)), width: { size: chipWidth, type: WidthType.DXA } });
    const words = elementChildren(li).filter((c) => !hasClass(c, 'swatch-chip'));
    const body = words.length ? words.flatMap((c) => scope.blocks(c, scope)) : [new Paragraph({ children: inlineRuns(li.children, scope.theme) })];
    return new TableRow({ cantSplit: true, children: [chip, new TableCell({ children: body, width: { size: textWidth, type: WidthType.DXA }, margins: { left: pad, right: 0, top: 0, bottom: 0 } })] });
  });
  return fixedTable(rows, [chipWidth, textWidth], scope, { insideHorizontal: { style: BorderStyle.SINGLE, size: 24, color: 'FFFFFF' } });
}
