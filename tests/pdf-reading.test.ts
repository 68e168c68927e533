// Protects what readers of the Beanpole PDF meet in pdf.js and poppler: a nested contents, labels for question numbers, ActualText only where words break, brackets kept with their words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { printSizes } from '../src/theme.js';
import { imposeBooklet } from '../src/render/booklet.js';
import { renderPdf, type PdfResult } from '../src/render/pdf/index.js';
import { composeDocument } from '../src/compose/compose.js';
import { loadGuide } from '../src/content/load.js';
import { beanpoleGuide, composeFixture, templates, theme, tinyGuide } from './helpers.js';

interface StructNode {
  role?: string;
  alt?: string;
  children?: (StructNode & { type?: string; id?: string })[];
}

const date = new Date('2026-11-22T00:00:00Z');

/** Every line poppler reads from the file, page by page. */
function linesOf(bytes: Uint8Array): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'studyguide-reading-')), 'guide.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n');
}

describe('the Beanpole PDFs as pdf.js and poppler read them', () => {
  let student: PdfResult;
  let booklet: Uint8Array;
  let contents: StructNode;
  beforeAll(async () => {
    const document = composeFixture(beanpoleGuide, 'student');
    student = await renderPdf(document, theme, { paper: 'a4', date });
    const a5 = await renderPdf(document, theme, { paper: 'a5', date });
    booklet = await imposeBooklet(a5.bytes, printSizes(theme, 'a4').sheet, { title: 'Beanpole', date });
    const proxy = await getDocumentProxy(new Uint8Array(student.bytes));
    const tree = (await (await proxy.getPage(student.contentsPages[0]!)).getStructTree()) as StructNode;
    const find = (node: StructNode): StructNode | undefined => (node.role === 'TOC' ? node : node.children?.map(find).find(Boolean));
    contents = find(tree)!;
  });

  it('nests each chapter’s sections inside its contents entry (TOCI > TOC > TOCI), as the bookmarks do', () => {
    const entries = (contents.children ?? []).filter((c) => c.role === 'TOCI');
    const nested = entries.filter((entry) => entry.children?.some((c) => c.role === 'TOC'));
    // "The film" holds Facts, Credits, Cast …
    expect(nested.length).toBeGreaterThanOrEqual(8);
    // No section's entry is a sibling of its chapter's.
    expect(entries.length).toBeLessThan(student.headings.filter((h) => h.level <= 2).length / 2);
  });

  it('tags each question number as its list item’s label, before the item’s body', async () => {
    const proxy = await getDocumentProxy(new Uint8Array(student.bytes));
    const page = student.pageMap.get('questions-after')!;
    const items: StructNode[] = [];
    const walk = (node: StructNode) => (node.role === 'LI' ? items.push(node) : node.children?.forEach(walk));
    walk((await (await proxy.getPage(page)).getStructTree()) as StructNode);
    const questions = items.filter((li) => li.children?.[0]?.role === 'Lbl');
    expect(questions.length).toBeGreaterThanOrEqual(3);
    for (const li of questions) expect(li.children!.map((c) => c.role)).toEqual(['Lbl', 'LBody']);
  });

  it('gives ActualText only to runs whose words break at the end of a line (one per hyphenated line break at most)', () => {
    const raw = Buffer.from(student.bytes).toString('latin1');
    const actualTexts = (raw.match(/\/ActualText/g) ?? []).length;
    const hyphenBreaks = linesOf(student.bytes).filter((line) => /\p{L}-$/u.test(line.trimEnd())).length;
    expect(actualTexts).toBeGreaterThan(0);
    expect(actualTexts).toBeLessThanOrEqual(hyphenBreaks);
  });

  it('never ends a line with an opening bracket or starts one with a closing bracket, in print or in the booklet', () => {
    for (const bytes of [student.bytes, booklet]) {
      // The layout text of the booklet sets two pages side by side: each half of a line is a line of its own.
      const lines = linesOf(bytes).flatMap((line) => line.split(/\s{3,}/)).map((part) => part.trim()).filter(Boolean);
      expect(lines.filter((line) => /[(\[]$/.test(line))).toEqual([]);
      expect(lines.filter((line) => /^[)\]]/.test(line))).toEqual([]);
    }
  });

  it('never sets one piece of text over another, on any page of the student PDF or the A5 booklet pages', async () => {
    const a5 = await renderPdf(composeFixture(beanpoleGuide, 'student'), theme, { paper: 'a5', date });
    for (const bytes of [student.bytes, a5.bytes]) expect(await overprinted(bytes)).toEqual([]);
  });

  it('shortens running heads with an ellipsis when a long guide title meets a long chapter title, rather than overprinting', async () => {
    const { guide } = loadGuide(tinyGuide);
    guide!.meta.title = 'The Extraordinarily Long and Winding Title of a Film About Many Things That Happened Once';
    guide!.themes[0]!.title = 'A Very Long Chapter Title That Goes On and On About Colour and Light in the Film';
    const document = composeDocument(guide!, 'student', templates).document!;
    const pdf = await renderPdf(document, theme, { paper: 'a5', date });
    expect(await overprinted(pdf.bytes)).toEqual([]);
    expect(linesOf(pdf.bytes).some((line) => /Title of a\b.*…/.test(line))).toBe(true);
  });
});

/**
 * Pairs of text pieces on a page whose boxes overlap by more than a hair: text set over text (running heads
 * that meet, a word run into the footer). Pieces side by side on one line only touch.
 */
async function overprinted(bytes: Uint8Array): Promise<string[]> {
  const proxy = await getDocumentProxy(new Uint8Array(bytes));
  const found: string[] = [];
  for (let n = 1; n <= proxy.numPages; n++) {
    const items = ((await (await proxy.getPage(n)).getTextContent()).items as { str: string; transform: number[]; width: number; height: number }[])
      .filter((item) => item.str.trim() && item.width > 0)
      .map((item) => ({ text: item.str, left: item.transform[4]!, bottom: item.transform[5]!, right: item.transform[4]! + item.width, top: item.transform[5]! + item.height * 0.8 }));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i]!, items[j]!];
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom);
        if (across > 1 && down > 1) found.push(`page ${n}: "${a.text}" and "${b.text}"`);
      }
    }
  }
  return found;
}
