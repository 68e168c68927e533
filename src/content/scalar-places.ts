// Where a character of a YAML value sits in the file, through quotes, escapes, block indentation and folded lines.
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { PathSegment, Position, SourceFile } from './yaml.js';

/**
 * The value's characters matched in order against the scalar's source text: indentation, line folds and
 * quote marks are skipped, and an escape (\n, \u00e9, '') stands for the character it makes. Returns the
 * place of the character at each index of the value; past the end, or when the match is lost, the scalar's start.
 */
export function placesInScalar(source: SourceFile, node: Scalar): (index: number) => Position {
  const value = String(node.value);
  const [start = 0, end = source.text.length] = node.range ?? [];
  const text = source.text;
  const offsets: number[] = new Array(value.length);
  let j = contentStart(text, start, node.type);
  const doubleQuoted = node.type === 'QUOTE_DOUBLE';
  for (let i = 0; i < value.length && j < end; ) {
    if (doubleQuoted && text[j] === '\\') {
      const length = escapeLength(text, j);
      // A backslash before a line break joins the lines and makes no character.
      if (text[j + 1] === '\n' || text[j + 1] === '\r') {
        j += length;
        continue;
      }
      const made = text[j + 1] === 'U' && i + 1 < value.length && /[\uD800-\uDBFF]/.test(value[i]!) ? 2 : 1;
      for (let k = 0; k < made; k++) offsets[i++] = j;
      j += length;
    } else if (node.type === 'QUOTE_SINGLE' && text[j] === "'" && text[j + 1] === "'") {
      offsets[i++] = j;
      j += 2;
    } else if (text[j] === value[i]) {
      offsets[i++] = j++;
    } else {
      j++;
    }
  }
  return (index) => {
    const offset = offsets[index] ?? start;
    const { line, col } = source.lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** Past the opening quote, or past the header line of a block scalar (| or >). */
function contentStart(text: string, start: number, type: Scalar['type']): number {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return start + 1;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start);
    return newline < 0 ? text.length : newline + 1;
  }
  return start;
}

function escapeLength(text: string, at: number): number {
  const kind = text[at + 1];
  if (kind === 'x') return 4;
  if (kind === 'u') return 6;
  if (kind === 'U') return 10;
  if (kind === '\r' && text[at + 2] === '\n') return 3;
  return 2;
}

/** Every string value in a file with its path in the data (keys are not values). */
export function stringValues(source: SourceFile): { node: Scalar; path: PathSegment[] }[] {
  const found: { node: Scalar; path: PathSegment[] }[] = [];
  const walk = (node: unknown, path: PathSegment[]) => {
    if (isScalar(node)) {
      if (typeof node.value === 'string') found.push({ node, path });
    } else if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(source.document.contents as Node | null, []);
  return found;
}
