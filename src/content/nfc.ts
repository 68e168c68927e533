// Unicode normalisation at load: decomposed letters pasted from the web become the composed ones (NFC).
import { visit, type Document, type Node } from 'yaml';

/**
 * A letter pasted from the web may come decomposed (o + U+0308 for ö); every string value and key is
 * made NFC, so it is the same letter as the composed one for fonts, links and comparisons. Only the
 * parsed values change: `text` and the nodes' ranges stay those of the file as saved, so every line
 * and column still points into the file the teacher sees (see `offsetInScalar` for finding a letter).
 */
export function normaliseToNfc(document: Document.Parsed): void {
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      const composed = node.value.normalize('NFC');
      if (composed !== node.value) node.value = composed;
    },
  });
}

/**
 * The file offset of `character` (an NFC string, as the values are) within a scalar's source text, which
 * may hold it decomposed; the scalar's start when it cannot be found (an escape such as \u00F6).
 */
export function offsetInScalar(source: { text: string }, node: Node, character: string): number {
  const [start = 0, end = start] = node.range ?? [];
  const raw = source.text.slice(start, end);
  for (const form of [character, character.normalize('NFD')]) {
    const found = raw.indexOf(form);
    if (found >= 0) return start + found;
  }
  return start;
}

