import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { readFileSync } from 'node:fs';
const pdf = await PDFDocument.load(readFileSync(process.argv[2]));
let total = 0, same = 0, spans = 0, bareSpans = 0;
for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
  if (!(obj instanceof PDFDict) || !obj.get(PDFName.of('S'))) continue;
  const S = obj.get(PDFName.of('S')).toString();
  if (S === '/Span') { spans++; if (!obj.get(PDFName.of('ActualText')) && !obj.get(PDFName.of('Lang'))) bareSpans++; }
  const a = obj.get(PDFName.of('ActualText'));
  if (a) total++;
}
console.log({ actualTexts: total, spans, bareSpans });
