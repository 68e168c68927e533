// Typographic quotes, dashes and ellipses in plain text fields (Markdown fields get the same from markdown-it's typographer).
import type { ElementNode } from './tree.js';

const RULES: [RegExp, string][] = [
  [/(^|[\s([{\u2014\u2013-])"/g, '$1“'],
  [/"/g, '”'],
  [/(^|[\s([{\u2014\u2013-])'/g, '$1‘'],
  [/'/g, '’'],
  [/---/g, '—'],
  [/ -- /g, ' – '],
  [/\.\.\./g, '…'],
];

export function typeset(text: string): string {
  return RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Rewrites every text node in place (attributes, <title> and <meta> stay as written). */
export function applyTypography(node: ElementNode): void {
  if (node.name === 'head') return;
  for (const child of node.children) {
    if (child.type === 'text') child.value = typeset(child.value);
    else applyTypography(child);
  }
}
