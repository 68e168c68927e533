// What a PDF page draws, read from its content stream: each text, fill and XObject with the fill colour, font size and marked-content tag it is drawn under.
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { contentTokens, pageContent, resolve } from '../src/verify/pdf-content.js';

export interface Drawn {
  kind: 'text' | 'fill' | 'xobject';
  /** The fill colour as #rrggbb. */
  colour: string;
  size: number;
  /** The innermost marked-content tag it is drawn under (Figure, H1, P, Artifact …). */
  tag?: string;
  /** For an XObject: its subtype (/Image, /Form) and width. */
  xobject?: { subtype: string; width?: number };
}

const hex = (parts: string[]) => `#${parts.map((p) => Math.round(Number(p) * 255).toString(16).padStart(2, '0')).join('')}`;

/** Everything page `index` (0-based) draws, in order. */
export function drawnOn(document: PDFDocument, index: number): Drawn[] {
  const page = document.getPages()[index]!;
  const found = page.node.Resources()?.lookup(PDFName.of('XObject'));
  const xobjects = found instanceof PDFDict ? found : undefined;
  const drawn: Drawn[] = [];
  const saved: { colour: string }[] = [];
  const tags: string[] = [];
  let state = { colour: '#000000' };
  let size = 0;
  let operands: string[] = [];
  for (const token of contentTokens(pageContent(document, page))) {
    if (token.kind === 'operand') {
      operands.push(token.text);
      continue;
    }
    const op = token.text;
    const tag = tags.findLast((t) => t !== '');
    if (op === 'q') saved.push({ ...state });
    else if (op === 'Q') state = saved.pop() ?? state;
    else if ((op === 'scn' || op === 'sc' || op === 'rg') && operands.length === 3) state.colour = hex(operands);
    else if (op === 'g' && operands.length === 1) state.colour = hex([operands[0]!, operands[0]!, operands[0]!]);
    else if (op === 'Tf') size = Number(operands[1]);
    else if (op === 'Tj' || op === 'TJ') drawn.push({ kind: 'text', colour: state.colour, size, tag });
    else if (op === 'f' || op === 'f*' || op === 'B' || op === 'b') drawn.push({ kind: 'fill', colour: state.colour, size, tag });
    else if (op === 'BDC' || op === 'BMC') tags.push(operands[0]?.slice(1) ?? '');
    else if (op === 'EMC') tags.pop();
    else if (op === 'Do') drawn.push({ kind: 'xobject', colour: state.colour, size, tag, xobject: describeXObject(document, xobjects, operands[0]!) });
    operands = [];
  }
  return drawn;
}

function describeXObject(document: PDFDocument, xobjects: PDFDict | undefined, name: string): Drawn['xobject'] {
  const stream = resolve(document, xobjects?.get(PDFName.of(name.slice(1))));
  if (!(stream instanceof PDFRawStream)) return undefined;
  const width = stream.dict.lookup(PDFName.of('Width'));
  return { subtype: String(stream.dict.lookup(PDFName.of('Subtype'))), width: width instanceof PDFNumber ? width.asNumber() : undefined };
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}
