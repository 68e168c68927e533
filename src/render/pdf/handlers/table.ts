// Fact lists (dl) and tables (table): rows kept whole, a table kept with its heading where it fits, tagged Table/TR/TH/TD with header scope.
import { elementChildren, type ElementNode } from '../../../compose/tree.js';
import { asArtifact, recordStart, withStruct, type PdfContext } from '../context.js';
import { directlyUnderHeading, ensureSpace, keepLimit, twoLines } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { collectFragments, drawFragments, measureFragments, type Fragment } from '../inline.js';
import { fontName, type TextStyle } from '../styles.js';

interface Cell {
  fragments: Fragment[];
  header: boolean;
  scope?: string;
  /** The element it came from (th, td, dt, dd): a row that starts a page marks the page's start there. */
  node: ElementNode;
}

const LABEL_SHARE = 0.3;
const CELL_GAP = 10;
const ROW_PADDING = 4;

function styles(context: PdfContext): { header: TextStyle; body: TextStyle } {
  return { header: context.styles.tableHeader, body: context.styles.tableBody };
}

/** Rows and column shares of a fact list or a table, measured once and drawn from the same numbers. */
interface TableLayout {
  rows: Cell[][];
  shares: number[];
}

function layoutOf(node: ElementNode, context: PdfContext): TableLayout {
  if (node.name === 'dl') {
    const rows = factRows(node, context);
    for (const row of rows) if (row[0]?.header) putBracketOnItsOwnLine(row[0], LABEL_SHARE * context.width - CELL_GAP, context);
    return { rows, shares: [LABEL_SHARE, 1 - LABEL_SHARE] };
  }
  const rows = tableRows(node, context);
  return { rows, shares: columnShares(rows, context) };
}

/**
 * A definition list becomes a two-column table (the term a row header, the definition its cell); a table
 * keeps its columns as wide as their content needs. Under a heading, a table that fits on a page goes
 * whole with it; a longer one only needs its first rows.
 */
export const table: ElementHandler = {
  // The rows, and the space drawRows leaves under the table.
  measure: (node, context) => measureRows(context, layoutOf(node, context)) + 2 * context.theme.spacing.paragraph,
  keepWithHeading(node, context) {
    const layout = layoutOf(node, context);
    const whole = measureRows(context, layout);
    return whole <= 2.5 * keepLimit(context) ? whole : Math.max(twoLines(context) * 1.5, measureFirstRow(node, context, layout));
  },
  draw: (node, context) => drawRows(node, context, layoutOf(node, context)),
};

function factRows(node: ElementNode, context: PdfContext): Cell[][] {
  const rows: Cell[][] = [];
  for (const child of elementChildren(node)) {
    const header = child.name === 'dt';
    const cell: Cell = { fragments: collectFragments(child.children, styles(context)[header ? 'header' : 'body'].font), header, scope: header ? 'Row' : undefined, node: child };
    if (header || rows.length === 0) rows.push([cell]);
    else rows[rows.length - 1]!.push(cell);
  }
  return rows;
}

/**
 * A term with its transliteration, "Дорога жизни (Doroga zhizni)", that does not fit its column on one line
 * breaks before the bracket, so the transliteration has a line of its own rather than splitting anywhere.
 */
function putBracketOnItsOwnLine(cell: Cell, width: number, context: PdfContext): void {
  const style = styles(context).header;
  const text = cell.fragments.map((f) => f.text).join('');
  context.doc.font(fontName(style.font)).fontSize(style.size);
  if (context.doc.widthOfString(text) <= width) return;
  const bracket = cell.fragments.findIndex((f, i) => i > 0 && f.text.startsWith('(') && / $/.test(cell.fragments[i - 1]!.text));
  // A term too long for one line itself wraps anyway, and the bracket goes with the word after it.
  if (bracket < 0 || context.doc.widthOfString(text.slice(0, text.indexOf(cell.fragments[bracket]!.text))) > width) return;
  // pdfkit ends a line at a newline that starts a text, not at one that ends the text before it.
  const before = cell.fragments[bracket - 1]!;
  cell.fragments[bracket - 1] = { ...before, text: before.text.slice(0, -1) };
  cell.fragments[bracket] = { ...cell.fragments[bracket]!, text: `\n${cell.fragments[bracket]!.text}` };
}

/**
 * Columns as wide as their content needs: a column whose longest entry fits in less than an equal
 * share (minutes, dates, names) keeps just that width, and the others share what is left.
 */
function columnShares(rows: Cell[][], context: PdfContext): number[] {
  const { doc } = context;
  const columns = Math.max(...rows.map((r) => r.length));
  const natural = Array.from({ length: columns }, (_, i) =>
    Math.max(
      ...rows.map((row) => {
        const cell = row[i];
        if (!cell) return 0;
        const style = styles(context)[cell.header ? 'header' : 'body'];
        doc.font(fontName(style.font)).fontSize(style.size);
        return doc.widthOfString(cell.fragments.map((f) => f.text).join('')) + CELL_GAP + 2;
      }),
    ),
  );
  const shares = new Array<number>(columns).fill(0);
  let open = Array.from({ length: columns }, (_, i) => i);
  let left = context.width;
  // Fix the narrow columns one round at a time until every remaining column needs more than its share.
  for (;;) {
    const fair = left / open.length;
    const narrow = open.filter((i) => natural[i]! <= fair);
    if (narrow.length === 0 || narrow.length === open.length) break;
    for (const i of narrow) {
      shares[i] = natural[i]! / context.width;
      left -= natural[i]!;
    }
    open = open.filter((i) => !narrow.includes(i));
  }
  for (const i of open) shares[i] = left / open.length / context.width;
  return shares;
}

function tableRows(node: ElementNode, context: PdfContext): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (element: ElementNode) => {
    for (const child of elementChildren(element)) {
      if (child.name === 'tr') {
        rows.push(
          elementChildren(child).map((cell) => ({
            fragments: collectFragments(cell.children, styles(context)[cell.name === 'th' ? 'header' : 'body'].font),
            header: cell.name === 'th',
            scope: cell.name === 'th' ? (cell.attrs.scope === 'row' ? 'Row' : 'Column') : undefined,
            node: cell,
          })),
        );
      } else visit(child);
    }
  };
  visit(node);
  return rows;
}

/** Height of a whole fact list or table, so it can be kept on one page (and its heading with it). */
function measureRows(context: PdfContext, { rows, shares }: TableLayout): number {
  return rowHeights(context, rows, shares).reduce((a, b) => a + b, 0);
}

/** Height of the first row alone: the least of a long table that must follow its heading. */
function measureFirstRow(node: ElementNode, context: PdfContext, { rows, shares }: TableLayout): number {
  // A header row does not count alone: the first body row goes with it.
  const needed = rows[0]?.every((cell) => cell.header) && rows.length > 1 && node.name !== 'dl' ? 2 : 1;
  return rowHeights(context, rows.slice(0, needed), shares).reduce((a, b) => a + b, 0);
}

function rowHeights(context: PdfContext, rows: Cell[][], shares: number[]): number[] {
  const widths = shares.map((share) => share * context.width - CELL_GAP);
  return rows.map(
    (row) => Math.max(...row.map((cell, i) => measureFragments(context, cell.fragments, styles(context)[cell.header ? 'header' : 'body'], widths[i]))) + 2 * ROW_PADDING,
  );
}

function drawRows(node: ElementNode, context: PdfContext, { rows, shares }: TableLayout): void {
  const { doc, theme } = context;
  const widths = shares.map((share) => share * context.width - CELL_GAP);
  const heights = rowHeights(context, rows, shares);
  // The whole table moves to the next page when it would fit there; a longer one breaks between rows.
  // Right under its heading it stays: the heading already kept it company as far as the page allowed.
  if (!directlyUnderHeading(context)) ensureSpace(context, heights.reduce((a, b) => a + b, 0));
  recordStart(context, node);
  withStruct(context, 'Table', (table) => {
    rows.forEach((row, rowIndex) => {
      const height = heights[rowIndex]!;
      ensureSpace(context, height);
      if (row[0]) recordStart(context, row[0].node);
      const top = doc.y;
      withStruct(table, 'TR', (tr) => {
        let x = context.left;
        row.forEach((cell, i) => {
          doc.y = top + ROW_PADDING;
          const options: Record<string, string> = cell.scope ? { scope: cell.scope } : {};
          withStruct(tr, cell.header ? 'TH' : 'TD', (td) => drawFragments(td, cell.fragments, styles(context)[cell.header ? 'header' : 'body'], x, widths[i]), options);
          x += widths[i]! + CELL_GAP;
        });
      });
      doc.y = top + height;
      asArtifact(context, () => {
        doc.save().lineWidth(0.4).strokeColor(theme.colours.rule).moveTo(context.left, doc.y).lineTo(context.left + context.width, doc.y).stroke().restore();
      });
    });
  });
  doc.y += theme.spacing.paragraph * 2;
}
