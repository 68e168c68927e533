// Text pdfkit cannot set itself (another script's face, right-to-left words): split into runs, shaped whole, broken into lines, drawn as glyphs.
import { BoundedMap, caches } from '../../cache.js';
import { isIgnorable } from '../../fonts/chain.js';
import { openFont } from '../../font-files.js';
import type { Theme } from '../../theme.js';
import { bidi } from '../../text/runs.js';
import { breakLines, shapedMeasure, type Line } from '../../text/line-break.js';
import { splitRuns, type Paragraph } from '../../text/runs.js';
import { asArtifact, makeStruct, recordContinuation, type PdfContext, type StructElement } from './context.js';
import { ensureSpace } from './flow.js';
import { hyphenate } from './hyphenate.js';
import { describeLink, wordCount, type Fragment } from './fragments.js';
import { taggedGoTo, taggedLink } from './pdfkit.js';
import { fontName, lineGaps, type TextStyle } from './styles.js';
import { baselineBelow, drawLine } from './text-line.js';

interface RunLayout {
  paragraph: Paragraph<Fragment>;
  lines: Line<Fragment>[];
  /** Line to line, as pdfkit spaces lines in the style's house face: the page's rhythm does not change. */
  lineHeight: number;
  /** The face's own line height: what must fit on the page for a line to be set there. */
  faceHeight: number;
  /** Added under the last line: the reading space under a display style's paragraph (see lineGaps). */
  lastLineExtra: number;
}

/**
 * pdfkit sets text word by word in one font and knows no direction, which is right for the house faces:
 * every paragraph whose characters they all have and that holds no right-to-left letter stays on its path
 * (the Beanpole guide never leaves it). Anything else is set here.
 */
export function needsRuns(fragments: Fragment[], context: PdfContext): boolean {
  return fragments.some((fragment) => !context.houseCovers(fragment.text));
}

/**
 * The test needsRuns makes, for one theme: every character in both house faces (or never drawn), none right to
 * left. It runs on every fragment each time a paragraph is measured or drawn, so each character's answer is kept
 * in a table indexed by its code (no string keys to hash).
 */
export function houseTextTest(theme: Theme): (text: string) => boolean {
  const house = [openFont(theme.fonts.serif.regular), openFont(theme.fonts.sans.regular)];
  const UNKNOWN = 0, PLAIN = 1, NOT_PLAIN = 2;
  const basic = new Uint8Array(0x10000);
  const astral = new Map<number, number>();
  const answer = (codePoint: number): number => {
    const type = bidi.getBidiCharTypeName(String.fromCodePoint(codePoint));
    return type !== 'R' && type !== 'AL' && (isIgnorable(codePoint) || house.every((font) => font.hasGlyphForCodePoint(codePoint))) ? PLAIN : NOT_PLAIN;
  };
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      let state: number;
      if (code >= 0xd800 && code <= 0xdbff) {
        code = text.codePointAt(i)!;
        if (code > 0xffff) i++;
      }
      if (code <= 0xffff) {
        state = basic[code]!;
        if (state === UNKNOWN) basic[code] = state = answer(code);
      } else {
        state = astral.get(code) ?? UNKNOWN;
        if (state === UNKNOWN) astral.set(code, (state = answer(code)));
      }
      if (state === NOT_PLAIN) return false;
    }
    return true;
  };
}

function layoutRuns(context: PdfContext, fragments: Fragment[], style: TextStyle, width: number): RunLayout {
  const texts = fragments.map((f) => (style.hyphenate ? hyphenate(f.text, f.lang ?? context.lang) : f.text));
  const key = JSON.stringify([context.chainKey, style, width, context.lang, fragments.map((f, i) => [texts[i], f.style, f.lang])]);
  const known = caches.runLayouts.get(key) as RunLayout | undefined;
  if (known) return known;
  const parts = fragments.map((fragment, i) => ({ text: texts[i]!, style: fragment.style, lang: fragment.lang, data: fragment }));
  const paragraph = splitRuns(parts, context.chain);
  const measure = shapedMeasure(style.size);
  const first = paragraph.runs[0];
  const lines = breakLines(paragraph, width, measure, first ? measure(first, '-') : 0);
  const { doc } = context;
  const faceHeight = doc.font(fontName(style.font)).fontSize(style.size).currentLineHeight(true);
  const { between, after } = lineGaps(style, context.theme.line_height, faceHeight);
  const layout = { paragraph, lines, lineHeight: faceHeight + between, faceHeight, lastLineExtra: after - between };
  caches.runLayouts.set(key, layout);
  return layout;
}

/** The width of the text on one line, however long: for deciding how to share a line between two texts. */
export function measureRunsWidth(context: PdfContext, fragments: Fragment[], style: TextStyle): number {
  return layoutRuns(context, fragments, style, Number.MAX_SAFE_INTEGER).lines[0]?.width ?? 0;
}

/** Height the paragraph takes: whole lines at the page's line spacing. */
export function measureRuns(context: PdfContext, fragments: Fragment[], style: TextStyle, width: number): number {
  const { lines, lineHeight, lastLineExtra } = layoutRuns(context, fragments, style, width);
  return lines.length ? lines.length * lineHeight + lastLineExtra : 0;
}

/**
 * Draws the paragraph line by line from the current y, starting a page where a line does not fit; each
 * piece is tagged as pdfkit's own text is (a Span with /Lang, a Link with its annotation) and carries
 * ActualText where its glyphs are not in the text's order.
 */
/**
 * `firstLineOnly`: one line, for a contents entry or a running head. `untagged`: drawn inside a marked
 * sequence the caller opened (a contents entry's Link, an artifact), so no element of its own.
 */
export function drawRuns(context: PdfContext, fragments: Fragment[], style: TextStyle, x: number, width: number, { firstLineOnly = false, untagged = false } = {}): void {
  const { doc } = context;
  const { paragraph, lines, lineHeight, faceHeight, lastLineExtra } = layoutRuns(context, fragments, style, width);
  const links = new Map<Fragment, StructElement>();
  // The paragraph's words set so far (a word broken at a line end counted once), for a page that begins inside it.
  let setSoFar = '';
  for (const [index, line] of (firstLineOnly ? lines.slice(0, 1) : lines).entries()) {
    const page = doc.bufferedPageRange().count;
    if (!firstLineOnly) ensureSpace(context, faceHeight);
    if (doc.bufferedPageRange().count !== page) recordContinuation(context, wordCount(setSoFar));
    const text = line.pieces.filter((piece) => !piece.run.data!.printOnly).map((piece) => piece.text).join('');
    setSoFar += (index > 0 && !lines[index - 1]!.hyphenated ? ' ' : '') + text;
    const baseline = baselineBelow(line, doc.y, style.size);
    const drawn = drawLine(doc, paragraph, line, { x, width, baseline, size: style.size, align: style.align }, (piece, tags, draw) => {
      const fragment = piece.run.data!;
      doc.fillColor(fragment.muted ? context.theme.colours.muted : style.colour);
      if (untagged) return draw();
      const parent = fragment.label && context.label ? context.label : context.parent;
      const options: Record<string, string> = { ...(tags.lang ? { lang: tags.lang } : {}), ...(tags.actual ? { actual: tags.actual } : {}) };
      if (fragment.link) {
        let link = links.get(fragment);
        if (!link) links.set(fragment, (link = makeStruct(context, 'Link', options)));
        parent.add(link.add(draw));
      } else if (Object.keys(options).length) parent.add(makeStruct(context, 'Span', options).add(draw));
      else parent.add(draw);
    });
    for (const { piece, x: left, width: pieceWidth } of drawn) {
      const fragment = piece.run.data!;
      if (!fragment.link || untagged) continue;
      const box = { x: left, y: baseline - style.size, width: pieceWidth, height: style.size * 1.25 };
      const element = links.get(fragment)!;
      if (fragment.link.startsWith('#')) taggedGoTo(doc, box, fragment.link.slice(1), element, describeLink(fragment));
      else taggedLink(doc, box, fragment.link, element, describeLink(fragment));
      asArtifact(context, () => doc.save().lineWidth(0.5).strokeColor(style.colour).moveTo(left, baseline + 1.5).lineTo(left + pieceWidth, baseline + 1.5).stroke().restore());
    }
    doc.y += lineHeight;
  }
  if (lines.length && !firstLineOnly) doc.y += lastLineExtra;
  for (const link of links.values()) link.end();
  doc.x = context.left;
}
