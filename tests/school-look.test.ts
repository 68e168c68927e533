// A school's own look, read back from every output: the Northfield fixture (theme.yaml with other colours, sizes and a logo; its own colophon) against the same guide in the house look.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookJsonSchema } from '../src/look/override.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { ROOT } from './helpers.js';
import { buildOutputs, SCHOOL, structureRoles } from './school-fixture.js';
import { drawnOn, loadPdf } from './pdf-drawing.js';

const ALT = 'Northfield Academy crest, a lighthouse on a navy shield';
const NAVY = '#123a6b';
const HOUSE_HEADING = '#6b1d17';
const OWN_COLOPHON = 'Written for the Northfield Academy film club';
const HOUSE_COLOPHON = 'Sources, credits and licence';

type Outputs = Map<string, Uint8Array>;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return (text as string).replace(/\s+/g, ' ');
}

/** Pixels of the cover's top strip (under the band, above the words) within a small distance of `colour`. */
function pixelsNear(png: PNG, colour: string, rows: [number, number]): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let count = 0;
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i]! - r!) + Math.abs(png.data[i + 1]! - g!) + Math.abs(png.data[i + 2]! - b!) < 24) count++;
    }
  }
  return count;
}

const pixelAt = (png: PNG, x: number, y: number) => `#${[0, 1, 2].map((c) => png.data[(y * png.width + x) * 4 + c]!.toString(16).padStart(2, '0')).join('')}`;

describe('a school’s own look (the Northfield fixture)', () => {
  let school: Outputs;
  let house: Outputs;
  const project = mkdtempSync(path.join(tmpdir(), 'studyguide-school-'));

  beforeAll(async () => {
    school = await buildOutputs(SCHOOL, ['northfield']);
    // The same guide without its theme.yaml and templates/: what the house look makes of it.
    cpSync(path.join(SCHOOL, 'northfield'), path.join(project, 'content', 'plain'), { recursive: true });
    for (const own of ['theme.yaml', 'templates', 'logo.svg']) rmSync(path.join(project, 'content', 'plain', own), { recursive: true });
    house = await buildOutputs(path.join(project, 'content'), ['plain']);
  }, 120_000);

  it('puts the logo on the PDF title page: a Figure with its alt text, drawn in the crest’s navy on page 1', async () => {
    const pdf = school.get('northfield-student.pdf')!;
    expect(await structureRoles(pdf, 1)).toContainEqual({ role: 'Figure', alt: ALT });
    const drawn = drawnOn(await loadPdf(pdf), 0);
    expect(drawn.filter((d) => d.kind === 'fill' && d.tag === 'Figure' && d.colour === NAVY).length).toBeGreaterThan(0);
    // The house look has no logo: no Figure on its title page.
    expect((await structureRoles(house.get('plain-student.pdf')!, 1)).map((n) => n.role)).not.toContain('Figure');
  });

  it('uses the override’s colours and sizes: the title in navy at 40 pt, chapter headings at 23 pt; the house red nowhere', async () => {
    const document = await loadPdf(school.get('northfield-student.pdf')!);
    const pages = document.getPages().map((_, index) => drawnOn(document, index));
    expect(pages[0]!.filter((d) => d.kind === 'text' && d.tag === 'H1').map((d) => [d.colour, d.size])).toContainEqual([NAVY, 40]);
    expect(pages.flat().some((d) => d.kind === 'text' && d.tag === 'H1' && d.colour === NAVY && d.size === 23)).toBe(true);
    expect(pages.flat().filter((d) => d.colour === HOUSE_HEADING)).toEqual([]);
    const houseTitle = drawnOn(await loadPdf(house.get('plain-student.pdf')!), 0).filter((d) => d.kind === 'text' && d.tag === 'H1');
    expect(houseTitle.map((d) => [d.colour, d.size])).toContainEqual([HOUSE_HEADING, 36]);
  });

  it('draws the EPUB cover anew: the crest above the words, on the theme’s own ground; its alt text names the logo', async () => {
    const files = unzipSync(school.get('northfield-student.epub')!);
    const cover = PNG.sync.read(Buffer.from(files['OEBPS/images/cover.png']!));
    const houseCover = PNG.sync.read(Buffer.from(unzipSync(house.get('plain-student.epub')!)['OEBPS/images/cover.png']!));
    expect(Buffer.from(cover.data).equals(Buffer.from(houseCover.data))).toBe(false);
    // Between the band (36 px) and the first line of words (about 280 px): the crest, and nothing in the house cover.
    expect(pixelsNear(cover, NAVY, [60, 270])).toBeGreaterThan(3000);
    expect(pixelsNear(houseCover, NAVY, [60, 270])).toBe(0);
    expect([pixelAt(cover, 800, 1500), pixelAt(houseCover, 800, 1500)]).toEqual(['#eef2f8', '#f3f0e7']);
    expect(strFromU8(files['OEBPS/cover.xhtml']!)).toContain(`Logo: ${ALT}.`);
    const titlePage = strFromU8(files['OEBPS/title-page.xhtml']!);
    const src = /<p class="logo"><img src="(images\/logo-[0-9a-f]+\.svg)" alt="([^"]+)"/.exec(titlePage);
    expect(src?.[2]).toBe(ALT);
    expect(files[`OEBPS/${src![1]}`]).toBeDefined();
    expect(strFromU8(files['OEBPS/content.opf']!)).toContain(`href="${src![1]}" media-type="image/svg+xml"`);
  });

  it('makes an EPUB that EPUBCheck passes', async () => {
    const check = await EpubCheck.validate(school.get('northfield-student.epub')!);
    expect(check.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage')).toEqual([]);
  });

  it('shows the logo in the web page’s title block, above the title, with its alt text (Chromium)', async () => {
    const file = path.join(project, 'northfield.html');
    writeFileSync(file, school.get('northfield-student.html')!);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.goto(`file://${file}`);
      const logo = page.getByRole('img', { name: ALT });
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const [logoBox, titleBox] = [await logo.boundingBox(), await page.locator('.title-page h1.title').boundingBox()];
      expect(logoBox!.height).toBeGreaterThan(50);
      expect(logoBox!.y + logoBox!.height).toBeLessThanOrEqual(titleBox!.y);
      expect(Math.abs(logoBox!.x + logoBox!.width / 2 - (titleBox!.x + titleBox!.width / 2))).toBeLessThan(2);
    } finally {
      await browser.close();
    }
  });

  it('heads the handout with the logo, a Figure with its alt text drawn on its first page', async () => {
    const handout = school.get('northfield-handout.pdf')!;
    expect(await structureRoles(handout, 1)).toContainEqual({ role: 'Figure', alt: ALT });
    expect(drawnOn(await loadPdf(handout), 0).some((d) => d.kind === 'fill' && d.tag === 'Figure' && d.colour === NAVY)).toBe(true);
    expect(await structureRoles(house.get('plain-handout.pdf')!, 1)).not.toContainEqual(expect.objectContaining({ role: 'Figure', alt: ALT }));
  });

  it('prints the overriding colophon instead of the built-in one, in the PDF, the EPUB and the Word file', async () => {
    for (const edition of ['student', 'teacher']) {
      expect(await pdfText(school.get(`northfield-${edition}.pdf`)!)).toContain(OWN_COLOPHON);
      expect(await pdfText(school.get(`northfield-${edition}.pdf`)!)).not.toContain(HOUSE_COLOPHON);
    }
    expect(await pdfText(house.get('plain-student.pdf')!)).toContain(HOUSE_COLOPHON);
    const colophon = strFromU8(unzipSync(school.get('northfield-student.epub')!)['OEBPS/about-this-guide.xhtml']!);
    expect(colophon).toContain(OWN_COLOPHON);
    expect(colophon).not.toContain(HOUSE_COLOPHON);
    const word = strFromU8(unzipSync(school.get('northfield-student.docx')!)['word/document.xml']!);
    expect(word).toContain(OWN_COLOPHON);
    expect(word).not.toContain(HOUSE_COLOPHON);
  });

  it('puts the logo on the Word file’s title page, described for screen readers', () => {
    const files = unzipSync(school.get('northfield-student.docx')!);
    const word = strFromU8(files['word/document.xml']!);
    expect(word).toContain(`name="Logo" descr="${ALT}"`);
    // Before the title: the logo's drawing is the first in the document.
    expect(word.indexOf('name="Logo"')).toBeLessThan(word.indexOf('The Lighthouse Field'));
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).not.toEqual([]);
  });

  it('has a JSON Schema for editors that is up to date, named on the first line of the fixture’s theme.yaml', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'look.schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(lookJsonSchema())));
    const first = readFileSync(path.join(SCHOOL, 'northfield', 'theme.yaml'), 'utf8').split('\n')[0]!;
    const target = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
    expect(path.resolve(SCHOOL, 'northfield', target ?? 'none')).toBe(path.join(ROOT, 'schema', 'look.schema.json'));
  });

  it('still passes the PDF/UA check with the logo in both PDFs and the handout', async () => {
    for (const name of ['northfield-student.pdf', 'northfield-teacher.pdf', 'northfield-handout.pdf']) {
      const errors = (await checkPdfUa(school.get(name)!)).diagnostics.filter((d) => d.severity === 'error');
      expect(errors, name).toEqual([]);
    }
  });
});
