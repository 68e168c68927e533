// A title that wraps stays one title: its lines set close in the PDF, on the web page and in Word (as LibreOffice lays it out), the school's logo close above it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from '../src/build.js';
import type { Paper } from '../src/theme.js';
import { NORTHFIELD, SCHOOL } from './school-fixture.js';
import { libreOfficeConvert } from './outside-tools.js';

const TITLE = 'The Lighthouse Field';
const TITLE_SIZE = (parse(readFileSync(path.join(NORTHFIELD, 'theme.yaml'), 'utf8')) as { sizes: { title: number } }).sizes.title;

async function northfield(format: 'pdf' | 'html' | 'docx', paper: Paper): Promise<Uint8Array> {
  const result = await build({ contentDir: SCHOOL, outDir: path.join(SCHOOL, '..', 'output'), guides: ['northfield'], editions: ['student'], formats: [format], paper, write: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.files[0]!.bytes;
}

/** The baselines (from the page's top, in points) of page 1's lines, by their text. */
async function titlePageLines(bytes: Uint8Array): Promise<{ text: string; y: number }[]> {
  const page = await (await getDocumentProxy(new Uint8Array(bytes))).getPage(1);
  const height = page.view[3]!;
  const { items } = await page.getTextContent();
  return (items as { str: string; transform: number[] }[]).filter((i) => i.str.trim()).map((i) => ({ text: i.str.trim(), y: height - i.transform[5]! }));
}

describe('a title of two lines in the PDF', () => {
  it('sets them close, and what follows the title as far below it as under a title of one line', async () => {
    const [a5, a4] = [await titlePageLines(await northfield('pdf', 'a5')), await titlePageLines(await northfield('pdf', 'a4'))];
    const at = (lines: typeof a5, text: string) => lines.find((l) => l.text === text)?.y ?? Number.NaN;
    // On the narrower A5 page the title takes two lines; on A4 one.
    expect(a5.map((l) => l.text)).toEqual(expect.arrayContaining(['The Lighthouse', 'Field']));
    expect(a4.map((l) => l.text)).toContain(TITLE);
    const pitch = at(a5, 'Field') - at(a5, 'The Lighthouse');
    expect(pitch / TITLE_SIZE).toBeGreaterThan(1.05);
    expect(pitch / TITLE_SIZE).toBeLessThan(1.2);
    const credit = (lines: typeof a5) => lines.find((l) => l.text.startsWith('A film by'))!.y;
    expect(credit(a5) - at(a5, 'Field')).toBeCloseTo(credit(a4) - at(a4, TITLE), 1);
  });
});

describe('a title of two lines on the web page, on a phone', () => {
  it('keeps its lines close and sits close under the logo', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'studyguide-title-')), 'northfield.html');
    writeFileSync(file, await northfield('html', 'a4'));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`file://${file}`);
      const box = await page.evaluate(() => {
        const title = document.querySelector('.title-page h1.title')!;
        const logo = document.querySelector('.title-page p.logo img')!;
        const range = document.createRange();
        range.selectNodeContents(title);
        const lines = [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))];
        return { lines, size: parseFloat(getComputedStyle(title).fontSize), top: title.getBoundingClientRect().top, logoBottom: logo.getBoundingClientRect().bottom };
      });
      expect(box.lines).toHaveLength(2);
      expect((box.lines[1]! - box.lines[0]!) / box.size).toBeLessThan(1.25);
      expect(box.top - box.logoBottom).toBeLessThan(box.size * 0.6);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('a title of two lines in Word, as LibreOffice lays it out', () => {
  it('does not set one line over the other', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-title-docx-'));
    writeFileSync(path.join(dir, 'northfield.docx'), await northfield('docx', 'a5'));
    libreOfficeConvert(dir, 'pdf', [path.join(dir, 'northfield.docx')]);
    const lines = await titlePageLines(readFileSync(path.join(dir, 'northfield.pdf')));
    const words = TITLE.split(' ');
    const titleLines = lines.filter((l) => words.some((w) => l.text.split(' ').includes(w)));
    const baselines = [...new Set(titleLines.map((l) => Math.round(l.y)))].sort((a, b) => a - b);
    expect(baselines.length).toBeGreaterThanOrEqual(2);
    // Apart by at least the size (no overlap), and not by a whole body line spacing more.
    expect(baselines[1]! - baselines[0]!).toBeGreaterThanOrEqual(TITLE_SIZE);
    expect(baselines[1]! - baselines[0]!).toBeLessThan(TITLE_SIZE * 1.4);
  }, 180_000);
});
