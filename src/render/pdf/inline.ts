// Inline markup (em, strong, a, span, br) → styled fragments, drawn as one flowing paragraph with continued text.
import { caches } from '../../cache.js';
import type { DocNode } from '../../compose/tree.js';
import { makeStruct, type PdfContext } from './context.js';
import { fontFile } from './fonts.js';
import { hyphenate, SOFT_HYPHEN } from './hyphenate.js';
import { withTaggedAnnotations, type TextOptions } from './pdfkit.js';
import { fontName, type FontStyle, type TextStyle } from './styles.js';

export type { TextStyle } from './styles.js';

export interface Fragment {
  text: string;
  style: FontStyle;
  lang?: string;
  link?: string;
  /** Secondary text, such as a question's level, drawn in the theme's muted colour. */
  muted?: boolean;
}

/** Flattens inline nodes into fragments, collapsing white space the way a browser does. */
export function collectFragments(nodes: DocNode[], style: FontStyle): Fragment[] {
  const fragments: Fragment[] = [];
  const walk = (node: DocNode, current: FontStyle, lang?: string, link?: string, muted?: boolean) => {
    if (node.type === 'text') {
      fragments.push({ text: node.value.replace(/\s+/g, ' '), style: current, lang, link, muted });
      return;
    }
    if (node.name === 'br') return void fragments.push({ text: '\n', style: current, lang, link, muted });
    if (node.attrs['aria-hidden'] === 'true') return;
    // A question's number is set bold so the eye finds it; its level is quieter, in the sans face.
    const classes = (node.attrs.class ?? '').split(' ');
    const isLevel = classes.includes('level') || classes.includes('played-by');
    const next = {
      ...current,
      family: isLevel ? ('sans' as const) : current.family,
      bold: current.bold || node.name === 'strong' || classes.includes('number'),
      italic: current.italic !== (node.name === 'em'),
    };
    const nextLang = node.attrs.lang ?? lang;
    const nextLink = node.name === 'a' ? node.attrs.href : link;
    for (const child of node.children) walk(child, next, nextLang, nextLink, muted || isLevel);
  };
  for (const node of nodes) walk(node, style);
  trimEdges(fragments);
  return fragments.filter((f) => f.text.length > 0);
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
    // Soft hyphens would reach screen readers and copied text as stray characters; ActualText gives the plain words.
    const options: Record<string, string> = {};
    if (fragment.lang) options.lang = fragment.lang;
    if (text.includes(SOFT_HYPHEN)) options.actual = fragment.text;
    if (fragment.link) {
      const link = makeStruct(context, 'Link', options);
      withTaggedAnnotations(doc, link, describeLink(fragment), () => context.parent.add(link.add(draw)));
    } else if (Object.keys(options).length) {
      context.parent.add(makeStruct(context, 'Span', options).add(draw));
    } else {
      context.parent.add(draw);
    }
  });
  doc.x = context.left;
}

/** What a screen reader announces for a link: its words, and for a web link worded otherwise, the address too. */
function describeLink(fragment: Fragment): string {
  const words = fragment.text.trim();
  const address = fragment.link!;
  if (address.startsWith('#') || words === address || words === address.replace(/^https?:\/\//, '')) return words;
  return `${words} (${address})`;
}
