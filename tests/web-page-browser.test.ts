// The Beanpole web page in Chromium as verify opens it: axe-core finds nothing, and the check does find what it should.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { checkInBrowser } from '../src/verify/browser.js';
import { ROOT } from './helpers.js';

const folder = mkdtempSync(path.join(tmpdir(), 'studyguide-web-'));
let html = '';

beforeAll(async () => {
  const result = await build({
    contentDir: path.join(ROOT, 'content'),
    outDir: path.join(ROOT, 'output-unused'),
    guides: ['beanpole'],
    editions: ['student'],
    formats: ['html'],
    paper: 'a4',
    write: false,
  });
  html = Buffer.from(result.files[0]!.bytes).toString('utf8');
}, 120_000);

/** Runs verify's browser check on a page; the browser's print of it is left beside it as NAME-printed.pdf. */
async function check(page: string) {
  const name = `page-${Math.random().toString(36).slice(2)}`;
  writeFileSync(path.join(folder, `${name}.html`), page);
  const result = await checkInBrowser(path.join(folder, `${name}.html`), { chromium: '/usr/bin/chromium', reports: folder });
  return { ...result, printed: path.join(folder, `${name}-printed.pdf`) };
}

interface Word { text: string; left: number }

/** Words of the first pages of a PDF with their left edges, as poppler places them. */
function wordsOf(pdf: string, lastPage: number): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', String(lastPage), pdf, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ left: Number(m[1]), text: m[2]! }));
}

describe('the Beanpole web page in Chromium', () => {
  it('has no axe-core violation of any kind, and every contents link lands', async () => {
    const result = await check(html);
    expect(result.diagnostics.map((d) => d.message)).toEqual([]);
    expect(result.summary).toMatch(/axe-core: \d+ rules, 0 violations; \d+ contents links land/);
    // Printed from the browser, every contents number is whole and inside the margin, two-digit ones too.
    const words = wordsOf(result.printed, 4);
    const margin = words.find((w) => w.text === 'Contents')!.left;
    const numbers = words.filter((w) => /^\d+\.$/.test(w.text));
    expect(numbers.map((w) => w.text)).toEqual(Array.from({ length: numbers.length }, (_, i) => `${i + 1}.`));
    expect(numbers.length).toBeGreaterThanOrEqual(20);
    for (const number of numbers) expect(number.left, number.text).toBeGreaterThanOrEqual(margin - 0.5);
  }, 180_000);

  it('reports what axe-core finds: a page without its language, a title block outside any landmark', async () => {
    const broken = html.replace(/<html([^>]*) lang="[^"]*"/, '<html$1').replace(/<header[^>]*>/, '<div>').replace('</header>', '</div>');
    const messages = (await check(broken)).diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('axe-core html-has-lang');
    expect(messages).toContain('axe-core region');
  }, 180_000);

  it('keeps the dots between contents links out of what a screen reader reads, while showing them', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.setContent(html, { waitUntil: 'load' });
      const contents = page.locator('nav.contents');
      const shown = await page.$$eval('nav.contents ol ol li + li', (items) => items.map((li) => getComputedStyle(li, '::before').content));
      expect(shown.length).toBeGreaterThan(40);
      for (const content of shown) expect(content).toContain('·');
      const spoken = await contents.ariaSnapshot();
      expect(spoken).toContain('link "Facts"');
      expect(spoken).not.toContain('·');
    } finally {
      await browser.close();
    }
  }, 60_000);
});
