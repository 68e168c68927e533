// PDF/UA rules about the document as a whole: identification, metadata title, title shown, tagged, language, pages.
import { PDFBool, PDFDict, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { streamBytes } from '../pdf-content.js';
import type { Report } from './findings.js';
import { LANGUAGE_TAG, textOf } from './objects.js';

export function checkDocument(document: PDFDocument, report: Report): void {
  const catalog = document.catalog;
  checkMetadata(document, report);
  const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  if (preferences?.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True) report('7.1-10', 'ViewerPreferences does not set DisplayDocTitle true', 'catalog');
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (markInfo?.get(PDFName.of('Marked')) !== PDFBool.True) report('7.1', 'MarkInfo does not say Marked true (not a tagged PDF)', 'catalog');
  if (markInfo?.get(PDFName.of('Suspects')) === PDFBool.True) report('7.1-4', 'MarkInfo says Suspects true', 'catalog');
  const lang = textOf(catalog.lookup(PDFName.of('Lang')));
  if (!lang) report('7.2-33', 'the catalog has no Lang, so the language of the text and metadata is unknown', 'catalog');
  else if (!LANGUAGE_TAG.test(lang)) report('7.2-29', `the catalog's Lang "${lang}" is not a language tag`, 'catalog');
  if (document.getPageCount() === 0) report('7.1', 'the document has no pages', 'document');
}

/** The XMP stream must say PDF/UA part 1 and give the title. */
function checkMetadata(document: PDFDocument, report: Report): void {
  const metadata = document.catalog.lookup(PDFName.of('Metadata'));
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(streamBytes(metadata)).toString('utf8') : undefined;
  if (!xmp) return report('7.1-8', 'the catalog has no metadata stream', 'catalog');
  const part = /pdfuaid:part(?:>|=")\s*(\d+)/.exec(xmp)?.[1];
  if (!part) report('5-1', 'the metadata has no PDF/UA identification (pdfuaid:part)', 'XMP');
  else if (part !== '1') report('5-2', `pdfuaid:part is ${part}, not 1`, 'XMP');
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>\s*[^<\s][^<]*<\/rdf:li>/.test(xmp)) report('7.1-9', 'the metadata has no dc:title', 'XMP');
}
