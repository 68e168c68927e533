// One line of text in a given width (a contents entry, a running head): cut short with an ellipsis rather than wrapped or overprinted.
import type { PdfContext } from './context.js';
import { drawRuns, measureRunsWidth, needsRuns } from './runs.js';
import { fontName, type TextStyle } from './styles.js';

/** The width `text` takes on one line in `style`, in points. */
export function lineWidth(context: PdfContext, text: string, style: TextStyle): number {
  const fragments = [{ text, style: style.font }];
  if (needsRuns(fragments, context)) return measureRunsWidth(context, fragments, style);
  return context.doc.font(fontName(style.font)).fontSize(style.size).widthOfString(text);
}

/**
 * Draws `text` at (x, y), no wider than `width`: house text ends with "…" where it is cut (pdfkit's own
 * ellipsis); text set in runs keeps what fits on its first line. Untagged: the caller has opened the
 * marked sequence it belongs to (a contents entry's Link, a running head's artifact), and the whole text
 * stays in the tags and bookmarks.
 */
export function drawSingleLine(context: PdfContext, text: string, style: TextStyle, at: { x: number; y: number; width: number; align?: 'left' | 'right' }): void {
  const { doc } = context;
  const fragments = [{ text, style: style.font }];
  if (needsRuns(fragments, context)) {
    const saved = doc.y;
    doc.y = at.y;
    drawRuns(context, fragments, { ...style, align: at.align ?? 'left' }, at.x, at.width, { firstLineOnly: true, untagged: true });
    doc.y = saved;
    return;
  }
  doc.font(fontName(style.font)).fontSize(style.size).fillColor(style.colour);
  doc.text(shortened(context, text, at.width), at.x, at.y, { width: at.width, align: at.align ?? 'left', lineBreak: false });
}

/**
 * The text cut at a word to fit `width` with "…" after it (in the current font). pdfkit's own ellipsis
 * applies only to text it wraps into a height, and with no line breaking it wraps anyway.
 */
function shortened(context: PdfContext, text: string, width: number): string {
  const { doc } = context;
  if (doc.widthOfString(text) <= width) return text;
  const words = text.split(' ');
  for (let count = words.length - 1; count > 0; count--) {
    const candidate = `${words.slice(0, count).join(' ').replace(/[\s,;:–—-]+$/, '')}…`;
    if (doc.widthOfString(candidate) <= width) return candidate;
  }
  let characters = [...text];
  while (characters.length > 1 && doc.widthOfString(`${characters.join('')}…`) > width) characters = characters.slice(0, -1);
  return `${characters.join('')}…`;
}
