// The imposed booklet read back: which page sits on which half of each sheet side, for several page counts.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { imposeBooklet } from '../src/render/booklet.js';
import { printSizes } from '../src/theme.js';
import { theme } from './helpers.js';

/** The sheets theme.yaml names: two A5 on landscape A4, two half-letter on landscape Letter. */
const A4_SHEET = printSizes(theme, 'a4').sheet;
const LETTER_SHEET = printSizes(theme, 'letter').sheet;

const A5 = [419.53, 595.28] as const;
const date = new Date('2024-09-01T00:00:00Z');

/** A PDF of `count` A5 pages, each saying only "Page N". */
async function numberedPages(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= count; n++) doc.addPage([...A5]).drawText(`Page ${n}`, { x: 150, y: 300, size: 20, font });
  return doc.save();
}

/** For each sheet side of the imposed PDF: the page number printed on its left half and its right half. */
async function readSides(bytes: Uint8Array): Promise<{ size: number[]; sides: [number | null, number | null][] }> {
  const pdf = await getDocumentProxy(bytes);
  const sides: [number | null, number | null][] = [];
  let size: number[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    size = [Math.round(width), Math.round(height)];
    const side: [number | null, number | null] = [null, null];
    for (const item of (await page.getTextContent()).items as { str: string; transform: number[] }[]) {
      const match = /^Page (\d+)$/.exec(item.str);
      if (match) side[item.transform[4]! < width / 2 ? 0 : 1] = Number(match[1]);
    }
    sides.push(side);
  }
  return { size, sides };
}

describe('the booklet imposition', () => {
  it('puts 8 pages on two A4 sheets in saddle-stitch order', async () => {
    const { size, sides } = await readSides(await imposeBooklet(await numberedPages(8), A4_SHEET, { title: 'Test', date }));
    expect(size).toEqual([842, 595]); // A4 landscape
    expect(sides).toEqual([
      [8, 1], // sheet 1 front
      [2, 7], // sheet 1 back
      [6, 3], // sheet 2 front
      [4, 5], // sheet 2 back
    ]);
  });

  it('pads 10 pages to 12 with blanks after the last page, never between pages', async () => {
    const { sides } = await readSides(await imposeBooklet(await numberedPages(10), A4_SHEET, { title: 'Test', date }));
    expect(sides).toEqual([
      [null, 1],
      [2, null],
      [10, 3],
      [4, 9],
      [8, 5],
      [6, 7],
    ]);
  });

  it('imposes 28 pages on 7 sheets so that folded and nested they read 1 to 28', async () => {
    const { sides } = await readSides(await imposeBooklet(await numberedPages(28), LETTER_SHEET, { title: 'Test', date }));
    expect(sides).toHaveLength(14);
    // Unfold the stack: sheet k's front right and back left are pages 2k+1 and 2k+2; facing them, 28−2k and 27−2k.
    sides.forEach(([left, right], index) => {
      const sheet = Math.floor(index / 2);
      if (index % 2 === 0) expect([left, right]).toEqual([28 - 2 * sheet, 2 * sheet + 1]);
      else expect([left, right]).toEqual([2 * sheet + 2, 27 - 2 * sheet]);
    });
    expect(sides.flat().sort((a, b) => a! - b!)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });

  it('is the same bytes when imposed twice', async () => {
    const pages = await numberedPages(8);
    const [a, b] = [await imposeBooklet(pages, A4_SHEET, { title: 'Test', date }), await imposeBooklet(pages, A4_SHEET, { title: 'Test', date })];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
