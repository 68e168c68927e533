// Inline markup (em, strong, a, span, br) → styled fragments: white space collapsed as a browser does, brackets kept with their words.
import type { DocNode } from '../../compose/tree.js';
import { directionOfLang } from '../../text/scripts.js';
import type { FontStyle } from './styles.js';

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
    // Inside a right-to-left run a bracket would be mirrored and moved; text set in runs never breaks there anyway.
    if (before.text === '\n' || after.text === '\n' || directionOfLang(before.lang) === 'rtl' || directionOfLang(after.lang) === 'rtl') continue;
    const opening = OPENING.exec(before.text)?.[0];
    if (opening && !after.link && /^\S/.test(after.text)) {
      before.text = before.text.slice(0, -opening.length);
      after.text = opening + after.text;
      // A lone space left between two runs (" (" between a Russian word and its italic transliteration)
      // would be set as a text of its own, which pdfkit spaces too widely: it joins the run before it.
      const earlier = fragments[i - 2];
      if (/^ +$/.test(before.text) && earlier && earlier.text !== '\n' && directionOfLang(earlier.lang) !== 'rtl') {
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

/** What a screen reader announces for a link: its words, and for a web link worded otherwise, the address too. */
export function describeLink(fragment: Fragment): string {
  const words = fragment.text.trim();
  const address = fragment.link!;
  if (address.startsWith('#') || words === address || words === address.replace(/^https?:\/\//, '')) return words;
  return `${words} (${address})`;
}
