// Word styles from the theme: the fonts, sizes, colours and spacing of templates/theme.yaml as named styles a teacher can restyle.
import { LevelFormat, LineRuleType, TabStopType, type INumberingOptions, type IStylesOptions } from 'docx';
import { openFont } from '../../font-files.js';
import type { Theme } from '../../theme.js';

/** Points to twentieths of a point (twips), Word's unit for spacing and indents. */
export const twips = (points: number) => Math.round(points * 20);
/** Points to half-points, Word's unit for font sizes. */
const halfPoints = (points: number) => Math.round(points * 2);
const hex = (colour: string) => colour.replace('#', '');

/**
 * Headings and the title are set single-spaced: at the body's line spacing a wrapped title falls apart
 * into two. The rule is said outright, as with the body's: LibreOffice reads a line spacing with no rule as exact.
 */
const SINGLE_LINES = { line: 240, lineRule: LineRuleType.AUTO };
/** The title stands this far down its page, in points (a school's logo takes the place, see logoBlocks). */
export const TITLE_SPACE_BEFORE = 96;

export interface FontFamilies {
  serif: string;
  sans: string;
}

/** The family names inside the theme's font files ("PT Serif"), so the theme stays the one place that names fonts. */
export function fontFamilies(theme: Theme): FontFamilies {
  return { serif: openFont(theme.fonts.serif.regular).familyName, sans: openFont(theme.fonts.sans.regular).familyName };
}

export function documentStyles(theme: Theme, page: PageGeometry, fonts: FontFamilies, language: string): IStylesOptions {
  const { colours, sizes, spacing } = theme;
  const heading = (size: number, extra: object = {}) => ({
    run: { font: fonts.sans, size: halfPoints(size), bold: true, color: hex(colours.heading) },
    paragraph: { spacing: { before: twips(spacing.heading_before), after: twips(spacing.heading_after), ...SINGLE_LINES }, keepNext: true, keepLines: true, ...extra },
  });
  return {
    default: {
      document: {
        run: { font: fonts.serif, size: halfPoints(sizes.body), color: hex(colours.text), language: { value: language } },
        paragraph: { spacing: { after: twips(spacing.paragraph), line: Math.round(240 * theme.line_height), lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: fonts.sans, size: halfPoints(sizes.title), bold: true, color: hex(colours.heading) }, paragraph: { spacing: { before: twips(TITLE_SPACE_BEFORE), after: twips(12), ...SINGLE_LINES } } },
      heading1: heading(sizes.h1, { pageBreakBefore: true, outlineLevel: 0 }),
      heading2: heading(sizes.h2, { outlineLevel: 1 }),
      heading3: heading(sizes.h3, { outlineLevel: 2 }),
      heading4: heading(sizes.body, { outlineLevel: 3 }),
      hyperlink: { run: { color: hex(colours.accent), underline: { type: 'single' } } },
    },
    paragraphStyles: [
      paragraphStyle('Subtitle', 'Subtitle', { font: fonts.sans, size: halfPoints(sizes.subtitle), color: hex(colours.muted) }),
      paragraphStyle('Label', 'Label', { font: fonts.sans, size: halfPoints(sizes.small), bold: true, allCaps: true, color: hex(colours.accent) }, { spacing: { after: twips(2) }, keepNext: true }),
      paragraphStyle('Term', 'Term', { bold: true }, { spacing: { after: 0 }, keepNext: true }),
      paragraphStyle('Definition', 'Definition', {}, { indent: { left: twips(spacing.list_indent) } }),
      paragraphStyle('ListParagraph', 'List Paragraph', {}, { spacing: { after: twips(spacing.paragraph / 2) } }),
      paragraphStyle('Question', 'Question', {}, { spacing: { before: twips(spacing.paragraph), after: twips(spacing.paragraph / 2) }, keepNext: true }),
      paragraphStyle('BoxText', 'Box Text', {}, { spacing: { after: twips(spacing.paragraph / 2) } }),
      // Single spacing, said outright: under the document's line spacing LibreOffice crops a picture to one line.
      paragraphStyle('Figure', 'Figure', {}, { spacing: { before: twips(spacing.paragraph), after: twips(spacing.paragraph / 2), line: 240, lineRule: LineRuleType.AUTO }, keepNext: true }),
      paragraphStyle('Caption', 'caption', { font: fonts.sans, size: halfPoints(sizes.small + 0.5) }, { spacing: { after: twips(spacing.paragraph * 2) } }),
      paragraphStyle('ContentsHeading', 'Contents Heading', { font: fonts.sans, size: halfPoints(sizes.h1), bold: true, color: hex(colours.heading) }, { spacing: { after: twips(spacing.heading_after * 2) } }),
      tocStyle(1, theme, page),
      tocStyle(2, theme, page),
      paragraphStyle('Footer', 'footer', { font: fonts.sans, size: halfPoints(sizes.small), color: hex(colours.muted) }, { spacing: { after: 0 } }),
    ],
  };
}

function paragraphStyle(id: string, name: string, run: object, paragraph: object = {}) {
  return { id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true, run, paragraph };
}

/** Word's own names ("toc 1") so its Update Table uses these looks; right tab with dots for the page number. */
function tocStyle(level: 1 | 2, theme: Theme, page: PageGeometry) {
  const width = contentWidth(page);
  return {
    ...paragraphStyle(`TOC${level}`, `toc ${level}`, level === 1 ? { bold: true } : {}, {
      indent: { left: twips((level - 1) * theme.spacing.list_indent) },
      spacing: { before: level === 1 ? twips(theme.spacing.paragraph) : 0, after: 0 },
      tabStops: [{ type: TabStopType.RIGHT, position: width, leader: 'dot' as const }],
    }),
    quickFormat: false,
  };
}

/** The page the Word edition is set on: the run's paper, from theme.yaml. */
export interface PageGeometry {
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number };
}

/** The width between the margins, in twips: tables and tab stops are sized to it. */
export function contentWidth(page: PageGeometry): number {
  return twips(page.width - page.margins.left - page.margins.right);
}

export type NumberingLevel = INumberingOptions['config'][number]['levels'][number];

/** A numbered level; `start` lets a list of questions begin at its first question's number. */
export function numberedLevel(theme: Theme, level: number, start = 1, bold = false): NumberingLevel {
  const indent = twips(theme.spacing.list_indent * (level + 1) + 8);
  return {
    level,
    format: LevelFormat.DECIMAL,
    text: `%${level + 1}.`,
    start,
    style: { paragraph: { indent: { left: indent, hanging: twips(theme.spacing.list_indent + 8) } }, run: bold ? { bold: true } : {} },
  };
}

export function bulletLevel(theme: Theme, level: number): NumberingLevel {
  const indent = twips(theme.spacing.list_indent * (level + 1));
  return {
    level,
    format: LevelFormat.BULLET,
    text: level % 2 === 0 ? '•' : '–',
    style: { paragraph: { indent: { left: indent, hanging: twips(theme.spacing.list_indent) } } },
  };
}
