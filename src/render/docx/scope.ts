// What every Word block handler is given (the theme, the page, list numbering, how to set nested blocks) and what it returns.
import type { IImageOptions, Paragraph, Table } from 'docx';
import type { ElementNode } from '../../compose/tree.js';
import type { Theme } from '../../theme.js';
import type { ListNumbering } from './numbering.js';
import type { PageGeometry } from './styles.js';

export type Block = Paragraph | Table;

export interface Scope {
  theme: Theme;
  /** The page the document is set on, for table and box widths. */
  page: PageGeometry;
  numbering: ListNumbering;
  /** Nesting depth of lists, for indents and numbering levels. */
  listLevel: number;
  /** The id of the section a heading opens, when the heading has none of its own. */
  sectionId?: string;
  /** Inside a shaded box (a one-cell table): no paragraph there may keep with the next, see `notKeptWithNext`. */
  inBox?: boolean;
  /** Unknown elements met on the way, reported once by the caller. */
  unknown: Set<string>;
  /** The figures' pictures, ready for Word, by their <img src>. */
  pictures?: ReadonlyMap<string, WordPicture>;
  /** Sets nested blocks (a box's or a table cell's content) with the same handlers as the document's. */
  blocks: (node: ElementNode, scope: Scope) => Block[];
}

/** A swatch item's colour, from its chip. */
export const swatchColour = (li: ElementNode) => li.children.find((c): c is ElementNode => c.type === 'element' && (c.attrs.class ?? '').split(' ').includes('swatch-chip'))?.attrs['data-colour'] ?? '#ffffff';

/** A picture as Word takes it: its bytes and kind, and the pixel size it is drawn at before scaling. */
export interface WordPicture {
  options: Pick<IImageOptions, 'type' | 'data'> & { fallback?: { type: 'png'; data: Uint8Array } };
  width: number;
  height: number;
}

/**
 * Word and LibreOffice keep a table row with what follows when a paragraph in it keeps with the next, so a Label
 * inside a guidance box chained every question to the next one and the teacher edition broke onto a page per
 * question (108 pages in LibreOffice against 68 in the PDF). Inside a box that property is switched off.
 */
export const notKeptWithNext = (scope: Scope): { keepNext?: false } => (scope.inBox ? { keepNext: false } : {});
