// Reads a PDF page's content: its streams decoded and joined, split into operands and operators; and follows references.
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

export function streamBytes(stream: PDFRawStream): Uint8Array {
  // zlib is much faster than pdf-lib's own inflate, and nearly every stream here is Flate-compressed.
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode') && !stream.dict.get(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

export function resolve(document: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? document.context.lookup(object) : object;
}

export function pageContent(document: PDFDocument, page: PDFPage): string {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = resolve(document, contents);
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((item) => resolve(document, item)) : [resolved];
  return streams
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => Buffer.from(streamBytes(stream)).toString('latin1'))
    .join('\n');
}

export interface Token {
  kind: 'operand' | 'operator';
  text: string;
}

/** Splits a content stream into operands (numbers, names, strings, arrays, dictionaries, whole) and operators. */
export function* contentTokens(source: string): Generator<Token> {
  let i = skipBlank(source, 0);
  while (i < source.length) {
    const { token, end } = readToken(source, i);
    yield token;
    i = skipBlank(source, end);
  }
}

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';
const isDelimiter = (c: string) => '()<>[]{}/%'.includes(c);

/** Past whitespace and % comments, to where the next token starts (or the end). */
function skipBlank(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source[i]!;
    if (isSpace(c)) i++;
    else if (c === '%') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else break;
  }
  return i;
}

/** The token starting at `i` (not blank) and where it ends. */
function readToken(source: string, i: number): { token: Token; end: number } {
  const c = source[i]!;
  if (c === '(' || c === '[' || c === '<') {
    const end = c === '(' ? skipString(source, i) : skipBalanced(source, i);
    return { token: { kind: 'operand', text: source.slice(i, end) }, end };
  }
  let j = c === '/' ? i + 1 : i;
  while (j < source.length && !isSpace(source[j]!) && !isDelimiter(source[j]!)) j++;
  if (c === '/') return { token: { kind: 'operand', text: source.slice(i, j) }, end: j };
  if (j === i) j++;
  const word = source.slice(i, j);
  const isOperand = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null';
  // An inline image's data is binary up to "EI"; the operator that paints it is EI.
  return { token: { kind: isOperand ? 'operand' : 'operator', text: word }, end: word === 'ID' ? skipInlineImage(source, j) : j };
}

/** Where the EI that ends an inline image's data starts. */
function skipInlineImage(source: string, from: number): number {
  const end = /\sEI(?=[\s]|$)/g;
  end.lastIndex = from;
  return end.exec(source) ? end.lastIndex - 2 : source.length;
}

/** The end of an [array], <<dictionary>> or <hex string> starting at `start`; strings inside are skipped whole. */
function skipBalanced(source: string, start: number): number {
  const n = source.length;
  let depth = 0;
  let j = start;
  while (j < n) {
    const c = source[j]!;
    if (c === '(') {
      j = skipString(source, j);
      continue;
    }
    if (c === '[' || (c === '<' && source[j + 1] === '<')) depth++;
    else if (c === ']' || (c === '>' && source[j + 1] === '>')) depth--;
    else if (c === '<') {
      j = source.indexOf('>', j) + 1 || n;
      if (depth === 0) return j;
      continue;
    }
    j += c === '<' || c === '>' ? 2 : 1;
    if (depth === 0) return j;
  }
  return n;
}

/** The end of a (literal string) starting at `start`, past balanced parentheses and escapes. */
function skipString(source: string, start: number): number {
  let depth = 0;
  let j = start;
  while (j < source.length) {
    const c = source[j]!;
    if (c === '\\') j += 2;
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
      j++;
    }
  }
  return source.length;
}
