// End to end on a small standalone pdfkit document: every script a film's title may need is shaped, drawn, and read back as typed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PDFArray, PDFDict, PDFDocument as PdfLibDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { resolve } from '../src/verify/pdf-content.js';
import { drawnText, notdefGlyphs } from '../src/verify/pdf-glyphs.js';
import { baselineBelow, drawLine } from '../src/render/pdf/text-line.js';
import { breakLines, shapedMeasure } from '../src/text/line-break.js';
import { splitRuns, type StyledText } from '../src/text/runs.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { comparable } from './extracted-text.js';
import { theme } from './helpers.js';

const serif = { family: 'serif' } as const;
const plain = (text: string, lang?: string): StyledText => ({ text, style: serif, lang });

/** One page each; the last is an English paragraph holding an Arabic title (marked as the composer marks it) and a number. */
const SAMPLES: { name: string; parts: StyledText[] }[] = [
  { name: 'Japanese', parts: [plain('千と千尋の神隠し', 'ja')] },
  { name: 'Korean', parts: [plain('기생충', 'ko')] },
  { name: 'Simplified Chinese', parts: [plain('霸王别姬', 'zh-Hans')] },
  { name: 'Arabic', parts: [plain('وجدة', 'ar')] },
  { name: 'Persian', parts: [plain('جدایی نادر از سیمین', 'fa')] },
  { name: 'Hebrew', parts: [plain('הערת שוליים', 'he')] },
  { name: 'Hindi', parts: [plain('लगान: क्षत्रिय प्रेम हिंदी', 'hi')] },
  { name: 'Greek', parts: [plain('Κυνόδοντας', 'el')] },
  { name: 'Vietnamese', parts: [plain('Mùa hè chiều thẳng đứng', 'vi')] },
  { name: 'English with an Arabic title', parts: [plain('The film '), plain('وجدة', 'ar'), plain(' (2012) follows a girl who saves up for a green bicycle.')] },
];
const textOf = (parts: StyledText[]) => parts.map((p) => p.text).join('');

const SIZE = 14;
const WIDTH = 300;

async function renderSamples(): Promise<Uint8Array> {
  const chain = fontChainFor(theme);
  const doc = new PDFDocument({ tagged: true, subset: 'PDF/UA', lang: 'en-GB', size: 'A5', pdfVersion: '1.7', displayTitle: true, info: { Title: 'Scripts' }, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const addStructure = doc as unknown as { addStructure(element: unknown): void; struct(type: string, options?: object): Struct };
  type Struct = { add(child: Struct | (() => void)): Struct; end(): void };
  for (const sample of SAMPLES) {
    doc.addPage();
    const paragraph = addStructure.struct('P');
    addStructure.addStructure(paragraph);
    const runs = splitRuns(sample.parts, chain);
    let top = 60;
    for (const line of breakLines(runs, WIDTH, shapedMeasure(SIZE))) {
      drawLine(doc, runs, line, { x: 50, width: WIDTH, baseline: baselineBelow(line, top, SIZE), size: SIZE }, (_piece, tags, draw) => {
        const span = addStructure.struct('Span', Object.fromEntries(Object.entries(tags).filter(([, v]) => v)));
        paragraph.add(span);
        span.add(draw);
        span.end();
      });
      top += SIZE * 1.5;
    }
    paragraph.end();
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

let bytes: Uint8Array;
let file: string;
const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-scripts-'));

beforeAll(async () => {
  bytes = await renderSamples();
  file = path.join(dir, 'scripts.pdf');
  writeFileSync(file, bytes);
});

describe('text in every script a guide may need', () => {
  it.each(SAMPLES.map((sample, index) => [sample.name, index] as const))('%s reads back as typed in pdftotext', (_, index) => {
    const page = String(index + 1);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', page, '-l', page, file, '-'], { encoding: 'utf8' });
    expect(comparable(text)).toBe(comparable(textOf(SAMPLES[index]!.parts)));
  });

  it('reads back as typed in pdf.js (unpdf), page by page', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: false });
    expect((text as string[]).map(comparable)).toEqual(SAMPLES.map((sample) => comparable(textOf(sample.parts))));
  });

  it('draws no .notdef glyph (code 0) anywhere', async () => {
    const drawn = drawnText(await PdfLibDocument.load(bytes));
    expect(drawn.flatMap((text) => text.codes).length).toBeGreaterThan(100);
    expect(notdefGlyphs(drawn)).toEqual([]);
  });

  it('embeds each face it used, subset, and only those', async () => {
    const pdf = await PdfLibDocument.load(bytes);
    const names = new Set<string>();
    for (const page of pdf.getPages()) {
      const fonts = resolve(pdf, page.node.Resources()?.get(PDFName.of('Font')));
      if (!(fonts instanceof PDFDict)) continue;
      for (const ref of fonts.values()) {
        const font = resolve(pdf, ref) as PDFDict;
        names.add(String(font.get(PDFName.of('BaseFont'))).replace(/^\/[A-Z]{6}\+/, ''));
        expect(resolve(pdf, font.get(PDFName.of('DescendantFonts')))).toBeInstanceOf(PDFArray);
      }
    }
    expect([...names].sort()).toEqual(
      ['NotoNaskhArabic', 'NotoSansDevanagari-Regular', 'NotoSansHans-Regular', 'NotoSansHebrew', 'NotoSansJP-Regular', 'NotoSansKR-Regular', 'NotoSerif-Regular', 'PTSerif-Regular'].sort(),
    );
  });

  it('tags each foreign run as a Span with its /Lang, and runs drawn out of order with their /ActualText', async () => {
    const pdf = await PdfLibDocument.load(bytes);
    const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
    const spans = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('S')) === PDFName.of('Span'))
      .map((span) => ({ lang: text(span.get(PDFName.of('Lang'))), actual: text(span.get(PDFName.of('ActualText'))) }));
    expect(spans).toContainEqual({ lang: 'ar', actual: 'وجدة' });
    expect(spans).toContainEqual({ lang: 'fa', actual: 'جدایی نادر از سیمین' });
    expect(spans).toContainEqual({ lang: 'hi', actual: 'लगान: क्षत्रिय प्रेम हिंदी' });
    // Text drawn in its own order needs no replacement text.
    expect(spans).toContainEqual({ lang: 'ja', actual: undefined });
  });

  it('passes the PDF/UA checks the guides pass', async () => {
    expect((await checkPdfUa(bytes)).diagnostics).toEqual([]);
  });

  it('puts ink on every page where the text goes (rendered at 150 dpi)', () => {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-png', file, prefix]);
    execFileSync('pdftoppm', ['-r', '150', '-gray', file, prefix]);
    for (let page = 1; page <= SAMPLES.length; page++) {
      const pgm = readFileSync(`${prefix}-${String(page).padStart(2, '0')}.pgm`);
      const header = pgm.toString('latin1', 0, 20).split(/\s+/);
      const [width, height] = [Number(header[1]), Number(header[2])];
      const pixels = pgm.subarray(pgm.length - width * height);
      const dark = pixels.filter((value) => value < 128).length;
      expect(dark, SAMPLES[page - 1]!.name).toBeGreaterThan(150);
    }
  });
});
