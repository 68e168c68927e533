// Marks runs of Cyrillic text as Russian (lang="ru"), so readers' voices and hyphenation switch language.
import type { DocNode, ElementNode } from './tree.js';

// A Cyrillic word, possibly several joined by spaces or hyphens, with no Latin letters in between.
const CYRILLIC_RUN = /[\u0400-\u04FF]+(?:[\s\-‐–][\u0400-\u04FF]+)*/gu;

/** Rewrites the tree in place; text already inside an element with a lang attribute is left alone. */
export function markRussian(node: ElementNode, inheritedLang = ''): void {
  const lang = node.attrs.lang ?? inheritedLang;
  if (lang.startsWith('ru')) return;
  node.children = node.children.flatMap((child): DocNode[] => {
    if (child.type === 'element') {
      markRussian(child, lang);
      return [child];
    }
    // Text in <title> or <meta> cannot hold elements.
    if (node.name === 'title' || node.name === 'head') return [child];
    return splitRussian(child.value, node.line);
  });
}

function splitRussian(text: string, line: number): DocNode[] {
  const out: DocNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CYRILLIC_RUN)) {
    if (match.index! > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    out.push({ type: 'element', name: 'span', attrs: { lang: 'ru', 'xml:lang': 'ru' }, children: [{ type: 'text', value: match[0] }], line });
    last = match.index! + match[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}
