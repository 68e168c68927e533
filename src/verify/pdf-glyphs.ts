// The glyph codes a PDF's text operators draw, on each page and in the forms a page places (the booklet's pages are forms): to find .notdef.
import { PDFDict, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { contentTokens, pageContent, resolve, streamBytes } from './pdf-content.js';

/** One text-showing operator: the page it is on, the font's BaseFont (subset prefix kept) and the codes it shows. */
export interface DrawnText {
  page: number;
  font: string;
  codes: number[];
}

interface Font {
  name: string;
  /** Composite fonts (Type0, Identity-H as pdfkit writes them) take two bytes a code. */
  bytesPerCode: 1 | 2;
}

const SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const NO_FONT: Font = { name: '(no font set)', bytesPerCode: 1 };

/** Every text-showing operator of every page, in content order. */
export function drawnText(document: PDFDocument): DrawnText[] {
  const drawn: DrawnText[] = [];
  document.getPages().forEach((page, index) => {
    readContent(document, pageContent(document, page), page.node.Resources(), index + 1, drawn, new Set());
  });
  return drawn;
}

/** Codes equal to 0 draw the .notdef glyph: in an embedded subset, glyph 0 is always .notdef. */
export function notdefGlyphs(drawn: DrawnText[]): DrawnText[] {
  return drawn.filter((text) => text.codes.includes(0));
}

function readContent(document: PDFDocument, source: string, resources: PDFDict | undefined, page: number, drawn: DrawnText[], forms: Set<PDFRawStream>): void {
  const saved: Font[] = [];
  let font = NO_FONT;
  let operands: string[] = [];
  for (const token of contentTokens(source)) {
    if (token.kind === 'operand') {
      operands.push(token.text);
      continue;
    }
    const operator = token.text;
    if (operator === 'q') saved.push(font);
    else if (operator === 'Q') font = saved.pop() ?? font;
    else if (operator === 'Tf') font = fontNamed(document, resources, operands[0] ?? '');
    else if (SHOWING.has(operator)) drawn.push({ page, font: font.name, codes: codesOf(operands.at(-1) ?? '', font.bytesPerCode) });
    else if (operator === 'Do') readForm(document, resources, operands[0] ?? '', page, drawn, forms);
    operands = [];
  }
}

/** A form XObject placed with Do: its own content, read with its own resources (or the page's). */
function readForm(document: PDFDocument, resources: PDFDict | undefined, name: string, page: number, drawn: DrawnText[], forms: Set<PDFRawStream>): void {
  const form = resolve(document, resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.get(PDFName.of(name.slice(1))));
  if (!(form instanceof PDFRawStream) || form.dict.get(PDFName.of('Subtype')) !== PDFName.of('Form') || forms.has(form)) return;
  const own = resolve(document, form.dict.get(PDFName.of('Resources')));
  // A form placed inside itself would never end.
  forms.add(form);
  readContent(document, Buffer.from(streamBytes(form)).toString('latin1'), own instanceof PDFDict ? own : resources, page, drawn, forms);
  forms.delete(form);
}

function fontNamed(document: PDFDocument, resources: PDFDict | undefined, name: string): Font {
  const font = resolve(document, resources?.lookupMaybe(PDFName.of('Font'), PDFDict)?.get(PDFName.of(name.slice(1))));
  if (!(font instanceof PDFDict)) return { name: `${name} (not in the resources)`, bytesPerCode: 1 };
  const baseFont = font.get(PDFName.of('BaseFont'));
  return { name: baseFont instanceof PDFName ? baseFont.decodeText() : name, bytesPerCode: font.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? 2 : 1 };
}

/** The codes in an operand: a string, or a TJ array of strings and spacing numbers. */
function codesOf(operand: string, bytesPerCode: 1 | 2): number[] {
  return stringsIn(operand).flatMap((bytes) => {
    const codes: number[] = [];
    for (let i = 0; i + bytesPerCode <= bytes.length; i += bytesPerCode) codes.push(bytesPerCode === 2 ? bytes[i]! * 256 + bytes[i + 1]! : bytes[i]!);
    return codes;
  });
}

/** The bytes of each <hex> and (literal) string in an operand, in order. */
function stringsIn(operand: string): number[][] {
  const strings: number[][] = [];
  for (let i = 0; i < operand.length; i++) {
    if (operand[i] === '<') {
      const end = operand.indexOf('>', i);
      if (end < 0) break;
      strings.push(hexBytes(operand.slice(i + 1, end)));
      i = end;
    } else if (operand[i] === '(') {
      const { bytes, end } = literalBytes(operand, i + 1);
      strings.push(bytes);
      i = end;
    }
  }
  return strings;
}

function hexBytes(hex: string): number[] {
  const digits = hex.replace(/\s/g, '');
  const padded = digits.length % 2 ? `${digits}0` : digits;
  return Array.from({ length: padded.length / 2 }, (_, i) => parseInt(padded.slice(i * 2, i * 2 + 2), 16));
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };

/** A literal string's bytes from just after its "(" to the ")" that balances it, and where that ")" is. */
function literalBytes(text: string, from: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 1;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0];
      if (octal) bytes.push(parseInt(octal, 8) & 255);
      else if (text[i + 1] !== '\n' && text[i + 1] !== '\r') bytes.push(ESCAPES[text[i + 1]!] ?? text.charCodeAt(i + 1));
      i += octal?.length ?? 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
    bytes.push(c.charCodeAt(0));
  }
  return { bytes, end: i };
}
