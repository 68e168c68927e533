// Inline markup of the composed document (em, strong, links, Russian spans, breaks) as Word runs.
import { ExternalHyperlink, InternalHyperlink, TextRun, type ParagraphChild } from 'docx';
import { hasClass, type DocNode, type ElementNode } from '../../compose/tree.js';
import type { Theme } from '../../theme.js';
import { bookmarkName } from './bookmarks.js';

/** How a stretch of text looks and what it is: the properties inline elements add up as the walk goes down. */
interface Look {
  bold?: boolean;
  italics?: boolean;
  language?: string;
  colour?: string;
  href?: string;
}

interface Piece {
  text: string;
  look: Look;
  lineBreak?: boolean;
}

/** Word wants a full language tag (ru-RU) where the document may say only "ru". */
const REGIONS: Record<string, string> = { ru: 'ru-RU', en: 'en-GB', uk: 'uk-UA', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', pl: 'pl-PL' };
export const wordLanguage = (lang: string): string => REGIONS[lang.toLowerCase()] ?? lang;

/**
 * Runs for the inline content of one paragraph. `skip` leaves out elements a block handler draws in its own way
 * (a question's number, which Word numbering draws). Whitespace collapses as a browser would collapse it.
 */
export function inlineRuns(nodes: DocNode[], theme: Theme, skip: (node: ElementNode) => boolean = () => false, base: Look = {}): ParagraphChild[] {
  const pieces: Piece[] = [];
  const walk = (node: DocNode, look: Look) => {
    if (node.type === 'text') return void pieces.push({ text: node.value, look });
    if (skip(node)) return;
    if (node.name === 'br') return void pieces.push({ text: '', look, lineBreak: true });
    const inner = lookOf(node, look, theme);
    for (const child of node.children) walk(child, inner);
  };
  for (const node of nodes) walk(node, base);
  return toRuns(collapseWhitespace(pieces));
}

function lookOf(node: ElementNode, look: Look, theme: Theme): Look {
  const next: Look = { ...look };
  if (node.name === 'em') next.italics = !look.italics;
  if (node.name === 'strong') next.bold = true;
  if (node.attrs.lang) next.language = wordLanguage(node.attrs.lang);
  if (node.name === 'a' && node.attrs.href) next.href = node.attrs.href;
  if (hasClass(node, 'level') || hasClass(node, 'played-by')) next.colour = theme.colours.muted.slice(1);
  return next;
}

function collapseWhitespace(pieces: Piece[]): Piece[] {
  let afterSpace = true; // the start of a paragraph counts as after a space, so leading space goes
  const out = pieces.map((piece) => {
    if (piece.lineBreak) {
      afterSpace = true;
      return piece;
    }
    let text = piece.text.replace(/\s+/g, ' ');
    if (afterSpace) text = text.replace(/^ /, '');
    if (text) afterSpace = text.endsWith(' ');
    return { ...piece, text };
  });
  for (let i = out.length - 1; i >= 0; i--) {
    const piece = out[i]!;
    if (piece.lineBreak) break;
    piece.text = piece.text.replace(/ $/, '');
    if (piece.text) break;
  }
  return out.filter((p) => p.text || p.lineBreak);
}

function textRun(piece: Piece): TextRun {
  const { bold, italics, language, colour, href } = piece.look;
  return new TextRun({
    text: piece.text,
    break: piece.lineBreak ? 1 : undefined,
    bold,
    italics,
    color: colour,
    language: language ? { value: language } : undefined,
    style: href ? 'Hyperlink' : undefined,
  });
}

/** Consecutive pieces under the same link become one hyperlink; links inside the guide go to its bookmarks. */
function toRuns(pieces: Piece[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let i = 0;
  while (i < pieces.length) {
    const href = pieces[i]!.look.href;
    if (!href) {
      out.push(textRun(pieces[i++]!));
      continue;
    }
    const runs: TextRun[] = [];
    while (i < pieces.length && pieces[i]!.look.href === href) runs.push(textRun(pieces[i++]!));
    out.push(href.startsWith('#') ? new InternalHyperlink({ anchor: bookmarkName(href.slice(1)), children: runs }) : new ExternalHyperlink({ link: href, children: runs }));
  }
  return out;
}

/** A run of colour with no text, for a palette swatch; the name beside it carries the meaning. */
export function colourChip(hex: string): TextRun {
  return new TextRun({ text: '\u2003\u2003', shading: { fill: hex.replace('#', ''), color: 'auto', type: 'clear' } });
}
