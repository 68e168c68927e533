// A paragraph's fragments measured and drawn: by pdfkit's own text (continued runs) in the house faces, by shaped runs otherwise.
import { caches } from '../../cache.js';
import { themeKey } from '../../theme.js';
import { makeStruct, recordContinuation, type PdfContext } from './context.js';
import { fontFile } from './fonts.js';
import { describeLink, wordCount, type Fragment } from './fragments.js';
import { hyphenate, SOFT_HYPHEN } from './hyphenate.js';
import { setActualText, textSetBy, withTaggedAnnotations, type TextOptions } from './pdfkit.js';
import { drawRuns, measureRuns, needsRuns } from './runs.js';
import { fontName, lineGaps, type TextStyle } from './styles.js';

export type { TextStyle } from './styles.js';
export { collectFragments, type Fragment } from './fragments.js';

export function lineGap(context: PdfContext, size: number): number {
  return size * (context.theme.line_height - 1.15);
}

/** The style's gaps between lines and under the last (see lineGaps); sets the document's font to the style's. */
function gapsOf(context: PdfContext, style: TextStyle): { between: number; after: number } {
  const faceHeight = context.doc.font(fontName(style.font)).fontSize(style.size).currentLineHeight(true);
  return lineGaps(style, context.theme.line_height, faceHeight);
}

/**
 * Height the fragments will take in the current column (measured in the base font; styles differ little).
 * Keep-together and orphan rules measure the same paragraphs again and again (a block, then its question,
 * then its heading's keep-with-next; and in every layout pass): each measurement is made once per process.
 */
export function measureFragments(context: PdfContext, fragments: Fragment[], style: TextStyle, width = context.width): number {
  if (needsRuns(fragments, context)) return measureRuns(context, fragments, style, width);
  // Hyphenated as it will be drawn, so the line count (and the orphan and widow rules) match the page.
  const text = fragments.map((f) => (style.hyphenate ? hyphenate(f.text, f.lang ?? context.lang) : f.text)).join('');
  if (!text) return 0;
  const { between, after } = gapsOf(context, style);
  const key = `${themeKey(context.theme)}|${fontFile(context.theme, style.font)}|${style.size}|${width}|${between}|${text}`;
  let height = caches.paragraphHeights.get(key);
  if (height === undefined) {
    height = context.doc.heightOfString(text, { width, lineGap: between });
    caches.paragraphHeights.set(key, height);
  }
  return height + after - between;
}

/**
 * Draws fragments as one paragraph starting at the current y, tagged under the current parent; runs in
 * another language become Span elements with /Lang, so a screen reader switches voice.
 */
export function drawFragments(context: PdfContext, fragments: Fragment[], style: TextStyle, x = context.left, width = context.width): void {
  const { doc } = context;
  if (fragments.length === 0) return;
  if (needsRuns(fragments, context)) return drawRuns(context, fragments, style, x, width);
  // pdfkit centres each `continued` run on its own, so mixed runs (an italic title in a line) overlap.
  // A centred line of several runs is set left-aligned at the x that centres it; several lines of them
  // are set in one style, since pdfkit cannot centre them at all.
  if (style.align === 'center' && fragments.length > 1) {
    const widths = fragments.map((f) => doc.font(fontName(f.style)).fontSize(style.size).widthOfString(f.text));
    const total = widths.reduce((sum, w) => sum + w, 0);
    if (total <= width) return drawFragments(context, fragments, { ...style, align: 'left' }, x + (width - total) / 2, total + 1);
    return drawFragments(context, [{ text: fragments.map((f) => f.text).join(''), style: style.font }], style, x, width);
  }
  doc.x = x;
  doc.fillColor(style.colour);
  const { between, after } = gapsOf(context, style);
  // A page that begins inside this paragraph: how many of its words were set before it (print-only text left out).
  let wordsBefore = 0;
  let current: { fragment: Fragment; pieces: string[] } | undefined;
  const onPage = () => recordContinuation(context, wordsBefore + (current && !current.fragment.printOnly ? wordCount(current.pieces.join('')) : 0));
  if (context.paragraph) doc.on('pageAdded', onPage);
  fragments.forEach((fragment, index) => {
    const lang = fragment.lang ?? context.lang;
    const text = style.hyphenate ? hyphenate(fragment.text, lang) : fragment.text;
    const draw = () => {
      doc.font(fontName(fragment.style)).fontSize(style.size).fillColor(fragment.muted ? context.theme.colours.muted : style.colour);
      doc.text(text, {
        width,
        align: style.align ?? 'left',
        lineGap: between,
        continued: index < fragments.length - 1,
        // A link to an id in the guide jumps to its named destination; any other is a web link.
        link: fragment.link && !fragment.link.startsWith('#') ? fragment.link : null,
        goTo: fragment.link?.startsWith('#') ? fragment.link.slice(1) : undefined,
        underline: Boolean(fragment.link),
      } as TextOptions);
    };
    current = { fragment, pieces: [] };
    drawTagged(context, fragment, text, draw, fragments.length === 1, current.pieces);
    if (!fragment.printOnly) wordsBefore += wordCount(current.pieces.join(''));
  });
  doc.removeListener('pageAdded', onPage);
  doc.y += after - between;
  doc.x = context.left;
}

/**
 * Tags one fragment: a link as a Link, a run in another language as a Span with /Lang, plain text in the
 * parent. A word broken at the end of a line prints with a hyphen that is not in the text, so whatever
 * holds a broken word gets ActualText with the words as written; words not broken need none, and only
 * the lines pdfkit actually set tell which (the paragraph's own element carries it when the fragment is all of it).
 */
function drawTagged(context: PdfContext, fragment: Fragment, text: string, draw: () => void, wholeParagraph: boolean, pieces: string[]): void {
  const { doc } = context;
  // A question's number goes in its list item's label, the rest of the line in the item's body.
  const parent = fragment.label && context.label ? context.label : context.parent;
  const hyphenated = text.includes(SOFT_HYPHEN);
  const options: Record<string, string> = fragment.lang ? { lang: fragment.lang } : {};
  const element = fragment.link ? makeStruct(context, 'Link', options) : fragment.lang || (hyphenated && !wholeParagraph) ? makeStruct(context, 'Span', options) : undefined;
  const shown = textSetBy(doc, pieces, () => {
    if (fragment.link && element) withTaggedAnnotations(doc, element, describeLink(fragment), () => parent.add(element.add(draw)));
    else if (element) parent.add(element.add(draw));
    else parent.add(draw);
  });
  const broken = hyphenated && shown.join('').replace(/\s+/g, '') !== fragment.text.replace(/\s+/g, '');
  if (broken) setActualText(element ?? parent, fragment.text);
}
