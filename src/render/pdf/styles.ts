// Every text style the PDF sets, built from the theme in one table: change a size or colour in theme.yaml and this follows.
import type { FontFace, Theme } from '../../theme.js';

export type Family = 'serif' | 'sans';

export interface FontStyle {
  family: Family;
  bold: boolean;
  italic: boolean;
}

export interface TextStyle {
  font: FontStyle;
  size: number;
  colour: string;
  align?: 'left' | 'center' | 'right';
  /** Body text is hyphenated; headings, labels and table headers are not. */
  hyphenate?: boolean;
  /** Display type (the title page's title): line to line as a multiple of the size, closer than reading text. */
  leading?: number;
}

export interface TextStyles {
  body: TextStyle;
  /** Small bold labels over callouts and guidance ("What a strong answer covers"). */
  label: TextStyle;
  /** h1, h2, h3 by their level within their own guide (h4 looks like h3). */
  headings: readonly [TextStyle, TextStyle, TextStyle];
  tableHeader: TextStyle;
  tableBody: TextStyle;
  /** The list marker ("1.", "•"). */
  marker: TextStyle;
  /** A figure's caption and credit, under the picture. */
  caption: TextStyle;
  titlePage: { title: TextStyle; originalTitle: TextStyle; subtitle: TextStyle; edition: TextStyle; credit: TextStyle; swatch: TextStyle };
  /** Contents entries for chapters (level 1) and their sections (level 2). */
  contents: readonly [TextStyle, TextStyle];
  /** Running heads and feet; the page number is set in the bold of the same face. */
  furniture: TextStyle;
}

/** A title of two lines at the theme's reading line height falls apart into two; display type is set close. */
const TITLE_LEADING = 1.15;

const face = (family: Family, bold = false, italic = false): FontStyle => ({ family, bold, italic });

export function textStyles(theme: Theme): TextStyles {
  const { sizes, colours } = theme;
  const heading = (size: number): TextStyle => ({ font: face('sans', true), size, colour: colours.heading });
  const centred = (size: number, family: Family, bold: boolean, colour: string): TextStyle => ({ font: face(family, bold), size, colour, align: 'center' });
  return {
    body: { font: face('serif'), size: sizes.body, colour: colours.text, hyphenate: true },
    label: { font: face('sans', true), size: sizes.small, colour: colours.text },
    headings: [heading(sizes.h1), heading(sizes.h2), heading(sizes.h3)],
    tableHeader: { font: face('sans', true), size: sizes.small + 0.5, colour: colours.heading },
    tableBody: { font: face('serif'), size: sizes.body, colour: colours.text },
    marker: { font: face('serif'), size: sizes.body, colour: colours.text },
    caption: { font: face('sans'), size: sizes.small + 0.5, colour: colours.text },
    titlePage: {
      title: { ...centred(sizes.title, 'sans', true, colours.heading), leading: TITLE_LEADING },
      originalTitle: centred(sizes.title * 0.7, 'serif', false, colours.heading),
      subtitle: centred(sizes.subtitle, 'sans', false, colours.text),
      edition: centred(sizes.subtitle, 'sans', true, colours.accent),
      credit: centred(sizes.body + 1, 'serif', false, colours.muted),
      swatch: { font: face('sans'), size: sizes.small, colour: colours.muted, align: 'center' },
    },
    contents: [
      { font: face('sans', true), size: sizes.body + 0.5, colour: colours.text },
      { font: face('serif'), size: sizes.body, colour: colours.text },
    ],
    furniture: { font: face('sans'), size: sizes.small, colour: colours.muted },
  };
}

/**
 * The space pdfkit adds under each line (`between`) and the space left under the paragraph's last line
 * (`after`), given the face's own line height at the style's size. Reading text follows the theme's line
 * height; display type sets its lines at its `leading`, and keeps the reading space under its last line,
 * so a one-line title sits where it always did.
 */
export function lineGaps(style: TextStyle, themeLineHeight: number, faceLineHeight: number): { between: number; after: number } {
  const after = style.size * (themeLineHeight - 1.15);
  return { between: style.leading ? style.leading * style.size - faceLineHeight : after, after };
}

export function faceOf(style: Pick<FontStyle, 'bold' | 'italic'>): FontFace {
  if (style.bold && style.italic) return 'bold_italic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

/** The name a style's font is registered under in every document, e.g. "sans-bold". */
export function fontName(style: FontStyle): string {
  return `${style.family}-${faceOf(style)}`;
}
