// Checks a PDF against the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that a generated guide can break.
//
// No PDF/UA validator can be installed here (veraPDF comes from Maven, which these machines cannot reach), so
// this reads the file back with pdf-lib and applies the rules of veraPDF's PDF/UA-1 profile that concern what
// studyguide writes, one topic a file: identification and metadata (document.ts), content tagged or marked as
// artifact (content.ts), the structure tree (structure.ts) and its parent tree (ownership.ts), standard structure
// types, how they nest, headings and alternative text (elements.ts), links (annotations.ts) and fonts (fonts.ts).
// Rules about features studyguide never writes (forms, media, optional content, encryption, XFA, embedded files,
// Type 1 and simple TrueType fonts) are not checked. Each failure is a Diagnostic naming its clause as its rule.
import { PDFDocument } from 'pdf-lib';
import type { Diagnostic } from '../../diagnostics.js';
import { checkAnnotations } from './annotations.js';
import { readPageContent } from './content.js';
import { checkDocument } from './document.js';
import { Findings } from './findings.js';
import { checkFonts, checkNotdef } from './fonts.js';
import { checkContentOwnership } from './ownership.js';
import { readStructureTree } from './structure.js';

/** What the check walked through, for a summary line. */
export interface PdfUaCounts {
  pages: number;
  structElements: number;
  taggedContent: number;
  artifacts: number;
  links: number;
  fonts: number;
}

export interface PdfUaReport {
  /** One per rule and message broken, each with how often and where first; empty when no rule is broken. */
  diagnostics: Diagnostic[];
  counts: PdfUaCounts;
}

/** `file` names the PDF in the diagnostics: its path, or whatever the caller calls it. */
export async function checkPdfUa(bytes: Uint8Array, file = 'the PDF'): Promise<PdfUaReport> {
  const pdf = await readPdf(bytes);
  const findings = new Findings();
  const report = findings.report;
  const pages = pdf.getPages();
  checkDocument(pdf, report);
  const tree = readStructureTree(pdf, pages, report);
  const content = pages.map((page, index) => readPageContent(pdf, page, index + 1, report));
  const taggedContent = checkContentOwnership(pages, content, tree, report);
  const links = checkAnnotations(pdf, pages, tree, report);
  const fonts = checkFonts(pdf, pages, report);
  checkNotdef(pdf, report);
  const artifacts = content.reduce((sum, c) => sum + c.artifacts, 0);
  return {
    diagnostics: findings.diagnostics(file),
    counts: { pages: pages.length, structElements: tree.elements.size, taggedContent, artifacts, links, fonts },
  };
}

/** A file pdf-lib cannot read (or find the pages of) is reported in words, not as a TypeError from inside it. */
async function readPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    pdf.getPages();
    return pdf;
  } catch (error) {
    throw new Error(`pdf-lib cannot read this file as a PDF, so no rule was checked (${(error as Error).message})`);
  }
}
