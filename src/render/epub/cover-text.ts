// Cover lines the house faces cannot set, drawn as glyph outlines: resvg keeps a whole text in one face and has no Arabic or Japanese of its own.
import type { DocNode } from '../../compose/tree.js';
import type { FaceStyle, FontChain } from '../../fonts/chain.js';
import { breakLines, shapedMeasure, shapePiece, visualOrder } from '../../text/line-break.js';
import { splitRuns, type StyledText } from '../../text/runs.js';

/** The text of a title-page line as styled parts: each span keeps its language and direction, as the PDF sets it. */
export function styledParts(node: DocNode, style: FaceStyle, lang?: string, dir?: 'ltr' | 'rtl'): StyledText[] {
  if (node.type === 'text') return node.value ? [{ text: node.value.replace(/\s+/g, ' '), style, lang, dir }] : [];
  const own = node.attrs.dir === 'rtl' || node.attrs.dir === 'ltr' ? node.attrs.dir : dir;
  const inner = { ...style, italic: Boolean(style.italic) !== (node.name === 'em'), bold: Boolean(style.bold) || node.name === 'strong' };
  return node.children.flatMap((child) => styledParts(child, inner, node.attrs.lang ?? lang, own));
}

/** Whether the parts need faces beyond the house ones (or set right to left), and so outlines on the cover. */
export function needsOutlines(parts: StyledText[], chain: FontChain): boolean {
  const paragraph = splitRuns(parts, chain);
  return paragraph.runs.some((run) => run.face.chainFont.origin !== 'house' || run.level % 2 === 1);
}

/**
 * The line as SVG paths, its left end at `x` and baseline at `y`, shaped and ordered as the PDF sets it;
 * with its width, so a caller can shrink a line too wide for the cover.
 */
export function outlinedLine(parts: StyledText[], chain: FontChain, size: number, x: number, y: number): { svg: string; width: number } {
  const paragraph = splitRuns(parts, chain);
  const measure = shapedMeasure(size);
  const [line] = breakLines(paragraph, Number.MAX_SAFE_INTEGER, measure);
  if (!line) return { svg: '', width: 0 };
  let pen = x;
  const paths: string[] = [];
  for (const piece of visualOrder(paragraph, line)) {
    const shaped = shapePiece(piece);
    const font = piece.run.face.font;
    const unit = size / font.unitsPerEm;
    for (const glyph of shaped.glyphs) {
      const left = pen + ((glyph.x + glyph.xOffset) * size) / 1000;
      const baseline = y - (glyph.yOffset * size) / 1000;
      const d = font.getGlyph(glyph.id).path.toSVG();
      if (d) paths.push(`<path transform="translate(${round(left)} ${round(baseline)}) scale(${round(unit, 5)} ${round(-unit, 5)})" d="${d}"/>`);
    }
    pen += (shaped.width * size) / 1000;
  }
  return { svg: paths.join(''), width: pen - x };
}

const round = (n: number, places = 2) => Number(n.toFixed(places));
