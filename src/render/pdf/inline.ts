// Inline markup (em, strong, a, span, br) → styled fragments, drawn as one flowing paragraph with continued text.
import { caches } from '../../cache.js';
import type { DocNode } from '../../compose/tree.js';
import { makeStruct, type PdfContext } from './context.js';
import { fontFile } from './fonts.js';
import { hyphenate, SOFT_HYPHEN } from './hyphenate.js';
import { setActualText, textSetBy, withTaggedAnnotations, type TextOptions } from './pdfkit.js';
import { fontName, type FontStyle, type TextStyle } from './styles.js';

export type { TextStyle } from './styles.js';

export interface Fragment {
  text: string;
  style: FontStyle;
  lang?: string;
  link?: string;
  /** Secondary text, such as a question's level, drawn in the theme's muted colour. */
  muted?: boolean;
  /** A list label written in the text (a question's number): tagged Lbl where the list gives it a place. */
  label?: boolean;
}

type Inherited = Omit<Fragment, 'text'>;

/** Flattens inline nodes into fragments, collapsing white space the way a browser does. */
export function collectFragments(nodes: DocNode[], style: FontStyle): Fragment[] {
  const fragments: Fragment[] = [];
  const walk = (node: DocNode, run: Inherited) => {
    if (node.type === 'text') return void fragments.push({ ...run, text: node.value.replace(/\s+/g, ' ') });
    if (node.name === 'br') return void fragments.push({ ...run, text: '\n' });
    if (node.attrs['aria-hidden'] === 'true') return;
    // A question's number is set bold so the eye finds it; its level is quieter, in the sans face.
    const classes = (node.attrs.class ?? '').split(' ');
    const isLevel = classes.includes('level') || classes.includes('played-by');
    const isNumber = classes.includes('number');
    const next: Inherited = {
      style: { ...run.style, family: isLevel ? 'sans' : run.style.family, bold: run.style.bold || node.name === 'strong' || isNumber, italic: run.style.italic !== (node.name === 'em') },
      lang: node.attrs.lang ?? run.lang,
      link: node.name === 'a' ? node.attrs.href : run.link,
      muted: run.muted || isLevel || undefined,
      label: run.label || isNumber || undefined,
    };
    for (const child of node.children) walk(child, next);
  };
  for (const node of nodes) walk(node, { style });
  trimEdges(fragments);
  keepBracketsWithWords(fragments);
  return fragments.filter((f) => f.text.length > 0);
}

const OPENING = /[(\[{«„“‘]$/;
const CLOSING = /^[)\]}»”.,;:!?]+|^’(?=\s|$)/;

/**
 * pdfkit may break a line between two fragments set in different styles, which leaves "(" at the end of a
 * line or ")" at the start of one ("Великая Отечественная война (" / "Velikaya …"). A bracket that ends a
 * fragment goes to the start of the next, and closing punctuation that starts one goes to the end of the
 * one before, so each is set with the word it belongs to (in that word's style).
 */
function keepBracketsWithWords(fragments: Fragment[]): void {
  for (let i = 1; i < fragments.length; i++) {
    const before = fragments[i - 1]!;
    const after = fragments[i]!;
    if (before.text === '\n' || after.text === '\n') continue;
    const opening = OPENING.exec(before.text)?.[0];
    if (opening && !after.link && /^\S/.test(after.text)) {
      before.text = before.text.slice(0, -opening.length);
      after.text = opening + after.text;
      // A lone space left between two runs (" (" between a Russian word and its italic transliteration)
      // would be set as a text of its own, which pdfkit spaces too widely: it joins the run before it.
      const earlier = fragments[i - 2];
      if (/^ +$/.test(before.text) && earlier && earlier.text !== '\n') {
        earlier.text += before.text;
        before.text = '';
      }
    }
    const closing = CLOSING.exec(after.text)?.[0];
    if (closing && !before.link && /\S$/.test(before.text)) {
      before.text += closing;
      after.text = after.text.slice(closing.length);
    }
  }
}

function trimEdges(fragments: Fragment[]): void {
  if (fragments[0]) fragments[0].text = fragments[0].text.trimStart();
  const last = fragments[fragments.length - 1];
  if (last) last.text = last.text.trimEnd();
  for (let i = 1; i < fragments.length; i++) {
    if (fragments[i - 1]!.text.endsWith(' ') && fragments[i]!.text.startsWith(' ')) fragments[i]!.text = fragments[i]!.text.slice(1);
  }
}

export function lineGap(context: PdfContext, size: number): number {
  return size * (context.theme.line_height - 1.15);
}

/**
 * Height the fragments will take in the current column (measured in the base font; styles differ little).
 * Keep-together and orphan rules measure the same paragraphs again and again (a block, then its question,
 * then its heading's keep-with-next; and in every layout pass): each measurement is made once per process.
 */
export function measureFragments(context: PdfContext, fragments: Fragment[], style: TextStyle, width = context.width): number {
  // Hyphenated as it will be drawn, so the line count (and the orphan and widow rules) match the page.
  const text = fragments.map((f) => (style.hyphenate ? hyphenate(f.text, f.lang ?? context.lang) : f.text)).join('');
  if (!text) return 0;
  const gap = lineGap(context, style.size);
  const key = `${fontFile(context.theme, style.font)}|${style.size}|${width}|${gap}|${text}`;
  let height = caches.paragraphHeights.get(key);
  if (height === undefined) {
    context.doc.font(fontName(style.font)).fontSize(style.size);
    height = context.doc.heightOfString(text, { width, lineGap: gap });
    caches.paragraphHeights.set(key, height);
  }
  return height;
}

/**
 * Draws fragments as one paragraph starting at the current y, tagged under the current parent; runs in
 * another language become Span elements with /Lang, so a screen reader switches voice.
 */
export function drawFragments(context: PdfContext, fragments: Fragment[], style: TextStyle, x = context.left, width = context.width): void {
  const { doc } = context;
  if (fragments.length === 0) return;
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
  fragments.forEach((fragment, index) => {
    const lang = fragment.lang ?? context.lang;
    const text = style.hyphenate ? hyphenate(fragment.text, lang) : fragment.text;
    const draw = () => {
      doc.font(fontName(fragment.style)).fontSize(style.size).fillColor(fragment.muted ? context.theme.colours.muted : style.colour);
      doc.text(text, {
        width,
        align: style.align ?? 'left',
        lineGap: lineGap(context, style.size),
        continued: index < fragments.length - 1,
        // A link to an id in the guide jumps to its named destination; any other is a web link.
        link: fragment.link && !fragment.link.startsWith('#') ? fragment.link : null,
        goTo: fragment.link?.startsWith('#') ? fragment.link.slice(1) : undefined,
        underline: Boolean(fragment.link),
      } as TextOptions);
    };
    drawTagged(context, fragment, text, draw, fragments.length === 1);
  });
  doc.x = context.left;
}

/**
 * Tags one fragment: a link as a Link, a run in another language as a Span with /Lang, plain text in the
 * parent. A word broken at the end of a line prints with a hyphen that is not in the text, so whatever
 * holds a broken word gets ActualText with the words as written; words not broken need none, and only
 * the lines pdfkit actually set tell which (the paragraph's own element carries it when the fragment is all of it).
 */
function drawTagged(context: PdfContext, fragment: Fragment, text: string, draw: () => void, wholeParagraph: boolean): void {
  const { doc } = context;
  // A question's number goes in its list item's label, the rest of the line in the item's body.
  const parent = fragment.label && context.label ? context.label : context.parent;
  const hyphenated = text.includes(SOFT_HYPHEN);
  const options: Record<string, string> = fragment.lang ? { lang: fragment.lang } : {};
  const element = fragment.link ? makeStruct(context, 'Link', options) : fragment.lang || (hyphenated && !wholeParagraph) ? makeStruct(context, 'Span', options) : undefined;
  const shown = textSetBy(doc, () => {
    if (fragment.link && element) withTaggedAnnotations(doc, element, describeLink(fragment), () => parent.add(element.add(draw)));
    else if (element) parent.add(element.add(draw));
    else parent.add(draw);
  });
  const broken = hyphenated && shown.join('').replace(/\s+/g, '') !== fragment.text.replace(/\s+/g, '');
  if (broken) setActualText(element ?? parent, fragment.text);
}

/** What a screen reader announces for a link: its words, and for a web link worded otherwise, the address too. */
function describeLink(fragment: Fragment): string {
  const words = fragment.text.trim();
  const address = fragment.link!;
  if (address.startsWith('#') || words === address || words === address.replace(/^https?:\/\//, '')) return words;
  return `${words} (${address})`;
}
