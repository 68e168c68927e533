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
      title: centred(sizes.title, 'sans', true, colours.heading),
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

export function faceOf(style: Pick<FontStyle, 'bold' | 'italic'>): FontFace {
  if (style.bold && style.italic) return 'bold_italic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

/** The name a style's font is registered under in every document, e.g. "sans-bold". */
export function fontName(style: FontStyle): string {
  return `${style.family}-${faceOf(style)}`;
}
