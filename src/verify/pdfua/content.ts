// PDF/UA rules about a page's content stream: every mark is tagged content or an artifact, never both, never neither.
import { PDFDict, PDFName, PDFNumber, type PDFDocument, type PDFPage } from 'pdf-lib';
import { contentTokens, pageContent } from '../pdf-content.js';
import type { Report } from './findings.js';

/** What a page's content holds: the MCIDs of its tagged runs, and how many artifacts. */
export interface PageContent {
  mcids: Set<number>;
  artifacts: number;
}

// Operators that put marks on the page: text showing, path painting, shadings and XObjects.
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'EI']);

/** The page being read: its marked-content sequences still open, and what it has found so far. */
interface PageReading extends PageContent {
  number: number;
  properties: PDFDict | undefined;
  open: { tag: string; mcid?: number }[];
  report: Report;
}

export function readPageContent(document: PDFDocument, page: PDFPage, number: number, report: Report): PageContent {
  const properties = page.node.Resources()?.lookupMaybe(PDFName.of('Properties'), PDFDict);
  const reading: PageReading = { number, properties, open: [], report, mcids: new Set(), artifacts: 0 };
  let operands: string[] = [];
  for (const token of contentTokens(pageContent(document, page))) {
    if (token.kind === 'operand') {
      operands.push(token.text);
      continue;
    }
    readOperator(reading, token.text, operands);
    operands = [];
  }
  if (reading.open.length) report('7.1', 'marked content left open at the end of the page', `page ${number}`);
  return { mcids: reading.mcids, artifacts: reading.artifacts };
}

function readOperator(reading: PageReading, operator: string, operands: string[]): void {
  const { open, report, number } = reading;
  if (operator === 'BMC' || operator === 'BDC') {
    beginMarkedContent(reading, operator, operands);
  } else if (operator === 'EMC') {
    if (!open.pop()) report('7.1', 'EMC without a matching BMC or BDC', `page ${number}`);
  } else if (PAINTING.has(operator) && !open.some((entry) => entry.tag === 'Artifact' || entry.mcid !== undefined)) {
    report('7.1-3', `content neither tagged nor marked as an artifact ("${operator}")`, `page ${number}`);
  }
}

function beginMarkedContent(reading: PageReading, operator: 'BMC' | 'BDC', operands: string[]): void {
  const { open, report, number, mcids } = reading;
  const tag = operands[0]?.startsWith('/') ? operands[0].slice(1) : '';
  const mcid = operator === 'BDC' ? mcidOf(operands[1] ?? '', reading.properties) : undefined;
  const insideTagged = open.some((entry) => entry.mcid !== undefined);
  const insideArtifact = open.some((entry) => entry.tag === 'Artifact');
  if (tag === 'Artifact') {
    reading.artifacts++;
    if (insideTagged) report('7.1-1', 'an artifact inside tagged content', `page ${number}`);
  } else if (mcid !== undefined) {
    if (insideArtifact) report('7.1-2', 'tagged content inside an artifact', `page ${number}`);
    if (mcids.has(mcid)) report('7.1-3', 'the same MCID used twice on one page', `page ${number}, MCID ${mcid}`);
    mcids.add(mcid);
  }
  open.push({ tag, mcid });
}

/** A BDC's properties are inline (<< /MCID 3 >>) or a name looked up in the page's Properties resources. */
function mcidOf(list: string, properties: PDFDict | undefined): number | undefined {
  const inline = /\/MCID\s+(\d+)/.exec(list)?.[1];
  const named = list.startsWith('/') ? properties?.lookupMaybe(PDFName.of(list.slice(1)), PDFDict)?.get(PDFName.of('MCID')) : undefined;
  return inline !== undefined ? Number(inline) : named instanceof PDFNumber ? named.asNumber() : undefined;
}
