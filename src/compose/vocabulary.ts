// The fixed set of elements, attributes and classes that every renderer understands; anything else is an error.
import type { ElementNode } from './tree.js';

const COMMON = ['id', 'class', 'lang', 'xml:lang'];

/** Element → the attributes it may carry besides id, class and lang. */
export const ELEMENTS: Record<string, string[]> = {
  html: ['xmlns', 'xmlns:epub'],
  head: [],
  title: [],
  meta: ['name', 'content'],
  body: [],
  section: ['aria-labelledby', 'epub:type', 'role'],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  p: [],
  ul: ['aria-label'],
  ol: ['start'],
  // data-level: the question's level (recall, analysis, …) for exports that carry it as a tag.
  li: ['data-level'],
  dl: [],
  dt: [],
  dd: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['scope'],
  td: [],
  aside: ['role', 'aria-label', 'epub:type'],
  div: ['data-lines', 'data-href', 'role', 'aria-label'],
  em: [],
  strong: [],
  a: ['href'],
  span: ['data-colour', 'role', 'aria-hidden'],
  br: [],
  // data-width: the share of the text width the picture takes ("0.5"); src names a picture the document carries (images/figure-<hash>.png).
  figure: ['data-width', 'role'],
  img: ['src', 'alt', 'width', 'height'],
  figcaption: [],
};

/** Classes with a meaning in the renderers; a class outside this list is a typo or an unstyled invention. */
export const CLASSES = new Set([
  'title-page',
  'part',
  'handout',
  'qr',
  'full-guide',
  'chapter',
  'title',
  'original-title',
  'subtitle',
  'credit-line',
  'edition',
  'palette',
  'swatch',
  'swatch-chip',
  'facts',
  'cast',
  'callout',
  'content-note',
  'guidance',
  'label',
  'questions',
  'question',
  'number',
  'level',
  'write-in',
  'colophon',
  'lesson-plan',
  'advisory',
  'spoiler-gate',
  'characters',
  'played-by',
  'timeline',
  'moments',
  'motifs',
  'swatch-list',
  'glossary',
  'curriculum',
  'further',
  'sources',
  'figure',
  'figure-number',
  'figure-credit',
  'picture-credits',
  // A school's logo (theme.yaml's logo), on the title page and the handout.
  'logo',
]);

export interface VocabularyProblem {
  message: string;
  line: number;
}

/** Every element, attribute and class in the composed tree, checked against the vocabulary. */
export function checkVocabulary(root: ElementNode): VocabularyProblem[] {
  const problems: VocabularyProblem[] = [];
  const visit = (node: ElementNode) => {
    problems.push(...checkElement(node.name, Object.keys(node.attrs), node.attrs.class ?? '', node.line));
    for (const child of node.children) if (child.type === 'element') visit(child);
  };
  visit(root);
  return problems;
}

export function checkElement(name: string, attributes: string[], classList: string, line: number): VocabularyProblem[] {
  const allowed = ELEMENTS[name];
  if (!allowed) return [{ message: `element <${name}> is not in the document vocabulary`, line }];
  const problems: VocabularyProblem[] = [];
  for (const attr of attributes) {
    if (!COMMON.includes(attr) && !allowed.includes(attr)) problems.push({ message: `attribute "${attr}" is not allowed on <${name}>`, line });
  }
  for (const cls of classList.split(/\s+/).filter(Boolean)) {
    if (!CLASSES.has(cls)) problems.push({ message: `class "${cls}" is not in the document vocabulary`, line });
  }
  return problems;
}
