// The fallback faces an e-book or web page of one document embeds (cut to the characters it uses) and its CSS font stacks in the PDF's order.
import type { ComposedDocument } from '../compose/compose.js';
import type { DocNode } from '../compose/tree.js';
import type { Theme } from '../theme.js';
import type { FaceStyle, FontChain } from './chain.js';
import { fontChainFor } from './theme-chain.js';
import { cssFontStacks, subsetFallbackFaces, type TextSample, type WebFace } from './web-subset.js';

export interface DocumentFaces {
  /** The fallback faces the text needs, subset; none for a guide the house faces cover. */
  faces: WebFace[];
  /** CSS font-family lists: the house face, the embedded fallbacks in the chain's order, the reader's own. */
  serif: string;
  sans: string;
  /** `:lang()` rules that put a language's preferred face first (Japanese before Chinese for Han characters). */
  byLang: { selector: string; serif: string; sans: string }[];
}

/** Body text, italics, headings and labels, and a glossary term's italic transliteration (dt em): every style the stylesheet sets text in. */
const STYLES: FaceStyle[] = [
  { family: 'serif' },
  { family: 'serif', italic: true },
  { family: 'serif', bold: true },
  { family: 'sans' },
  { family: 'sans', bold: true },
  { family: 'sans', italic: true },
  { family: 'sans', bold: true, italic: true },
];

/** The reader's own faces after ours: what the stylesheet has always fallen back to. */
const SYSTEM = { serif: 'Georgia, serif', sans: 'Helvetica, Arial, sans-serif' } as const;

export async function documentFaces(document: ComposedDocument, theme: Theme, format: 'sfnt' | 'woff2'): Promise<DocumentFaces> {
  const chain = fontChainFor(theme, document.fontSources);
  const samples = textSamples(document.root, document.lang);
  const faces = await subsetFallbackFaces(samples, chain, STYLES, format);
  const embedded = new Set(faces.map((face) => face.family));
  const stacks = cssFontStacks(chain);
  const keep = (stack: string, family: 'serif' | 'sans') => `${names(stack).filter((name) => name === houseName(chain, family) || embedded.has(name)).map((name) => `"${name}"`).join(', ')}, ${SYSTEM[family]}`;
  const byLang = stacks.byLang.filter((rule) => names(rule.serif).some((name) => embedded.has(name)) || names(rule.sans).some((name) => embedded.has(name)));
  return {
    faces,
    serif: keep(stacks.serif, 'serif'),
    sans: keep(stacks.sans, 'sans'),
    byLang: byLang.map((rule) => ({ selector: rule.selector, serif: keep(rule.serif, 'serif'), sans: keep(rule.sans, 'sans') })),
  };
}

const names = (stack: string) => [...stack.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
const houseName = (chain: FontChain, family: 'serif' | 'sans') => chain.fonts.find((font) => font.origin === 'house' && font.family === family)?.name;

/** Every text node with the language it is in, as a reader's browser will meet it. */
function textSamples(root: DocNode, lang: string): TextSample[] {
  const samples: TextSample[] = [];
  const walk = (node: DocNode, current: string) => {
    if (node.type === 'text') {
      if (node.value.trim()) samples.push({ text: node.value, lang: current });
      return;
    }
    for (const child of node.children) walk(child, node.attrs.lang ?? current);
  };
  walk(root, lang);
  return samples;
}
