// Figures end to end: pictures the test makes, checked at load, then read back from every format (the PDF's structure and images, the EPUB package, the web page in Chromium, the Word file), built byte-identical twice.
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, buildPack, type BuiltFile } from '../src/build.js';
import { loadGuide, type Guide } from '../src/content/load.js';
import { checkSvg } from '../src/content/svg.js';
import { SCREEN_LIMITS } from '../src/render/images.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { tinyGuide } from './helpers.js';
import { deepPng, flatPng, jpeg, palettePng, pngWithAlpha, SVG_DIAGRAM, SVG_WITH_FILTER } from './pictures.js';

const ALTS = {
  diagram: 'Iya and Masha, joined by an arrow.',
  soft: 'A soft green circle.',
  still: 'A gradient from red to blue, fading to clear.',
  photo: 'Grainy colour, like a photograph.',
  large: 'A large photograph.',
  turned: 'A photograph taken with the phone on its side.',
  tall: 'A tall green strip.',
  deep: 'A half-clear blue block, stored with 16 bits a channel.',
  palette: 'A half-clear blue block, stored as a palette of four colours.',
};

const FIGURES_YAML = `context:
  sections:
    - id: background
      title: Background
      body: Some history.
      figures:
        - { file: figures/diagram.svg, alt: "${ALTS.diagram}", caption: "Who is who, *drawn* for the tests.", credit: Made by the tests, licence: CC0 }
        - { file: figures/soft.svg, alt: "${ALTS.soft}", credit: Made by the tests, licence: CC0, width: 0.4 }
filmmakers:
  - title: The makers
    body: Who made the film.
    figures:
      - { file: figures/still.png, alt: "${ALTS.still}", caption: A gradient., credit: Made by the tests, licence: CC0, width: 0.5 }
      - { file: figures/photo.jpg, alt: "${ALTS.photo}", credit: Made by the tests, licence: CC BY 4.0 }
      - { file: figures/large.jpg, alt: "${ALTS.large}", credit: Made by the tests, licence: CC0 }
      - { file: figures/turned.jpg, alt: "${ALTS.turned}", credit: Made by the tests, licence: CC0, width: 0.3 }
      - { file: figures/tall.png, alt: "${ALTS.tall}", credit: Made by the tests, licence: CC0 }
      - { file: figures/deep.png, alt: "${ALTS.deep}", credit: Made by the tests, licence: CC0, width: 0.3 }
      - { file: figures/palette.png, alt: "${ALTS.palette}", credit: Made by the tests, licence: CC0, width: 0.3 }
      - { file: figures/ornament.png, decorative: true, credit: Made by the tests, licence: CC0, width: 0.2 }
`;

let project: string;
let guide: Guide;
let first: Map<string, BuiltFile>;
let second: Map<string, BuiltFile>;
const pictures: Record<string, Buffer> = {};

async function buildAll(): Promise<Map<string, BuiltFile>> {
  const result = await build({ contentDir: path.join(project, 'content'), outDir: path.join(project, 'output'), guides: ['tiny'], editions: ['student'], formats: ['pdf', 'epub', 'html', 'docx'], paper: 'a4', write: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(result.files.map((f) => [f.format, f]));
}

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), 'studyguide-figures-'));
  const guideDir = path.join(project, 'content', 'tiny');
  cpSync(tinyGuide, guideDir, { recursive: true });
  mkdirSync(path.join(guideDir, 'figures'));
  Object.assign(pictures, {
    'diagram.svg': Buffer.from(SVG_DIAGRAM),
    'soft.svg': Buffer.from(SVG_WITH_FILTER),
    'still.png': pngWithAlpha(),
    'photo.jpg': await jpeg(),
    'large.jpg': await jpeg(3000, 2000),
    'turned.jpg': await jpeg(160, 120, { orientation: 6 }),
    'tall.png': await flatPng(100, 1500),
    'deep.png': await deepPng(),
    'palette.png': await palettePng(),
    'ornament.png': pngWithAlpha(40, 40),
  });
  for (const [name, bytes] of Object.entries(pictures)) writeFileSync(path.join(guideDir, 'figures', name), bytes);
  writeFileSync(path.join(guideDir, 'figures.yaml'), FIGURES_YAML);
  guide = loadGuide(guideDir).guide!;
  first = await buildAll();
  second = await buildAll();
}, 240_000);

const bytesOf = (format: string) => first.get(format as BuiltFile['format'])!.bytes;

describe('figures: checked at load', () => {
  it('reads each picture once, with the size it shows at and what print does with it', () => {
    const image = (file: string) => guide.images.get(`figures/${file}`)!;
    expect(image('still.png')).toMatchObject({ format: 'png', mediaType: 'image/png', width: 120, height: 80 });
    expect(image('photo.jpg')).toMatchObject({ format: 'jpeg', width: 160, height: 120, orientation: 1 });
    // A phone photo stored on its side shows upright: its shown size is turned.
    expect(image('turned.jpg')).toMatchObject({ width: 120, height: 160, orientation: 6 });
    expect(image('diagram.svg')).toMatchObject({ format: 'svg', mediaType: 'image/svg+xml', width: 400, height: 160, vector: true });
    expect(image('soft.svg').vector).toBe(false);
    expect(image('still.png').name).toMatch(/^figure-[0-9a-f]{16}\.png$/);
  });

  it('lets an SVG link within itself, and refuses one that reaches outside', () => {
    expect(checkSvg('<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="p" d="M0 0"/></defs><use href="#p" style="fill: url(#g)"/></svg>').problem).toBeUndefined();
    expect(checkSvg('<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#p"/></svg>').problem?.message).toMatch(/links <use> to another file/);
    expect(checkSvg('<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>').problem?.message).toMatch(/"javascript:" address/);
    expect(checkSvg('<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="https://example.org"/></svg>').problem?.message).toMatch(/changes "href"/);
  });
});

describe('figures in the PDF', () => {
  async function structure() {
    const proxy = await getDocumentProxy(new Uint8Array(bytesOf('pdf')));
    type Node = { role?: string; alt?: string; children?: Node[] };
    const divs: { page: number; kids: Node[] }[] = [];
    const walk = (node: Node, page: number) => {
      if (node.role === 'Div' && node.children?.some((c) => c.role === 'Figure')) divs.push({ page, kids: node.children });
      node.children?.forEach((c) => walk(c, page));
    };
    for (let page = 1; page <= proxy.numPages; page++) walk((await (await proxy.getPage(page)).getStructTree()) as Node, page);
    return divs;
  }

  it('tags each picture with meaning as a Figure with its alt text, beside its Caption on the same page; the decoration is not tagged', async () => {
    const divs = await structure();
    const figures = divs.map((d) => d.kids.find((k) => k.role === 'Figure')!);
    expect(figures.map((f) => f.alt)).toEqual(Object.values(ALTS));
    for (const div of divs) expect(div.kids.map((k) => k.role)).toEqual(['Figure', 'Caption']);
  });

  it('passes the PDF/UA checks, with the decoration drawn as an artifact', async () => {
    const report = await checkPdfUa(bytesOf('pdf'));
    expect(report.diagnostics).toEqual([]);
  });

  it('embeds the JPEG exactly as given, keeps the PNG’s transparency as a soft mask, and draws the plain SVG as vectors with its words', async () => {
    const pdf = Buffer.from(bytesOf('pdf'));
    expect(pdf.indexOf(pictures['photo.jpg']!)).toBeGreaterThan(0);
    expect(pdf.indexOf(pictures['large.jpg']!)).toBeGreaterThan(0);
    const file = path.join(project, 'figures.pdf');
    writeFileSync(file, pdf);
    const images = pdfImages(file);
    expect(images.filter((i) => i.type === 'smask').length).toBeGreaterThanOrEqual(1);
    expect(images.find((i) => i.type === 'image' && i.width === 120 && i.height === 80)).toBeDefined();
    // The 16-bit interlaced PNG and the palette PNG went in as 8-bit RGB copies, their transparency still a soft mask.
    expect(images.filter((i) => i.width === 90 && i.height === 60).map((i) => [i.type, i.colour, i.bpc])).toEqual([['image', 'rgb', 8], ['smask', 'gray', 8]]);
    expect(images.filter((i) => i.width === 70 && i.height === 50).map((i) => [i.type, i.colour, i.bpc])).toEqual([['image', 'rgb', 8], ['smask', 'gray', 8]]);
    // The diagram is no image at all: its words are text in the page.
    expect(images.find((i) => i.width === 400 && i.height === 160)).toBeUndefined();
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Ия (Iya)');
  });

  it('prints each picture at the width asked, an SVG with a filter from pixels at 300 dpi, and a picture too tall for the page scaled to fit', () => {
    const file = path.join(project, 'figures.pdf');
    const images = pdfImages(file).filter((i) => i.type === 'image');
    const textWidth = 595.28 - 68 - 68;
    const still = images.find((i) => i.width === 120)!;
    // pdfimages rounds the resolution to whole dots per inch.
    expect(Math.abs(still.xppi - 120 / ((textWidth * 0.5) / 72))).toBeLessThanOrEqual(0.5);
    const soft = images.find((i) => i.width > 600 && i.width < 900)!;
    expect(soft.xppi).toBeGreaterThanOrEqual(299);
    const tall = images.find((i) => i.width === 100 && i.height === 1500)!;
    expect((1500 / tall.yppi) * 72).toBeLessThanOrEqual(841.89 - 64 - 64);
  });

  it('lists every figure on the credits page with its page, credit and licence', async () => {
    const text = execFileSync('pdftotext', [path.join(project, 'figures.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Figure 1 \(page \d+\): Made by the tests\. Licence: CC0\./);
    expect(text).toMatch(/Figure 4 \(page \d+\): Made by the tests\. Licence: CC BY 4\.0\./);
    expect(text).toMatch(/A decoration in “The makers” \(page \d+\): Made by the tests\./);
  });
});

describe('figures in the EPUB', () => {
  it('packages each picture once under its hashed name with its media type, in <figure> with the alt text exact', () => {
    const files = unzipSync(bytesOf('epub'));
    const opf = strFromU8(files['OEBPS/content.opf']!);
    for (const image of new Set([...guide.images.values()])) {
      const entry = `OEBPS/images/${image.name}`;
      expect(files[entry], entry).toBeDefined();
      expect(opf).toContain(`href="images/${image.name}" media-type="${image.mediaType}"`);
    }
    const chapters = Object.entries(files).filter(([name]) => name.endsWith('.xhtml')).map(([, data]) => strFromU8(data)).join('\n');
    for (const alt of Object.values(ALTS)) expect(chapters).toContain(`alt="${alt}"`);
    expect(chapters).toMatch(/<figure class="figure" id="decoration-1" role="presentation">\s*<img src="images\/figure-[0-9a-f]+\.png" alt=""/);
    expect(chapters).toMatch(/<figcaption><strong class="figure-number">Figure 1\.<\/strong> Who is who, <em>drawn<\/em> for the tests\./);
  });

  it('scales a large photo down for screens (never the print copy), and turns a sideways one upright', async () => {
    const files = unzipSync(bytesOf('epub'));
    const copy = (file: string) => files[`OEBPS/images/${guide.images.get(`figures/${file}`)!.name}`]!;
    const large = await sharp(copy('large.jpg')).metadata();
    expect(Math.max(large.width!, large.height!)).toBe(SCREEN_LIMITS.side);
    expect(copy('large.jpg').length).toBeLessThan(pictures['large.jpg']!.length);
    const turned = await sharp(copy('turned.jpg')).metadata();
    expect([turned.width, turned.height, turned.orientation ?? 1]).toEqual([120, 160, 1]);
    expect(Buffer.compare(Buffer.from(copy('photo.jpg')), pictures['photo.jpg']!)).toBe(0);
  });

  it('passes epubcheck-ts', async () => {
    const check = await EpubCheck.validate(bytesOf('epub'));
    expect(check.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage')).toEqual([]);
  });
});

describe('figures in the web page and the Word file', () => {
  it('shows every picture in Chromium from inside the one file', async () => {
    const file = path.join(project, 'figures.html');
    writeFileSync(file, bytesOf('html'));
    const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
    expect(executablePath, 'Chromium is needed for this test (apt-get install chromium)').toBeDefined();
    const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const fetched: string[] = [];
      page.on('request', (request) => void (request.url().startsWith('data:') || request.url().startsWith('file:') || fetched.push(request.url())));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const images = await page.$$eval('figure img', (imgs) =>
        (imgs as HTMLImageElement[]).map((img) => ({
          alt: img.getAttribute('alt'),
          loaded: img.complete && img.naturalWidth > 0,
          data: img.src.startsWith('data:image/'),
          drawing: img.src.startsWith('data:image/svg+xml'),
          width: img.getBoundingClientRect().width,
          // A picture fits the phone's width; a drawing may be wider, inside a figure that fits and scrolls sideways.
          fits: img.closest('figure')!.getBoundingClientRect().width <= window.innerWidth,
          scrolls: getComputedStyle(img.closest('figure')!).overflowX === 'auto',
        })),
      );
      expect(images.map((i) => i.alt)).toEqual([...Object.values(ALTS), '']);
      expect(images.every((i) => i.loaded && i.data && i.fits)).toBe(true);
      expect(images.filter((i) => !i.drawing).every((i) => i.width <= 390 && !i.scrolls)).toBe(true);
      // A drawing's labels are text: shrunk to the column they would be a few pixels high.
      expect(images.some((i) => i.drawing)).toBe(true);
      // The full-width drawing keeps about 36em; soft.svg, given 40% of the column, keeps 40% of that and fits.
      expect(images.filter((i) => i.drawing && i.alt === ALTS.diagram).every((i) => i.width >= 560 && i.scrolls)).toBe(true);
      expect(images.filter((i) => i.drawing && i.alt === ALTS.soft).every((i) => i.width < 390 && i.scrolls)).toBe(true);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
      expect(fetched).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('puts each picture in the Word file with its alt text, the decoration marked decorative, and the captions under them', () => {
    const files = unzipSync(bytesOf('docx'));
    const document = strFromU8(files['word/document.xml']!);
    const described = [...document.matchAll(/<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"/g)];
    expect(described.map((m) => m[2])).toEqual([...Object.values(ALTS), '']);
    expect(new Set(described.map((m) => m[1])).size).toBe(described.length);
    expect(document).toContain('<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>');
    expect(document).toMatch(/<w:pStyle w:val="Caption"\/>.*Figure 1\./s);
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/')).length).toBeGreaterThanOrEqual(10);
  });
});

describe('figures in a course pack', () => {
  it('carries each guide’s pictures into the pack’s EPUB', async () => {
    const packFile = path.join(project, 'content', 'packs', 'pictures.yaml');
    mkdirSync(path.dirname(packFile), { recursive: true });
    writeFileSync(packFile, 'title: Pictures\ndate: "2026-01-01"\nguides:\n  - tiny\n');
    const result = await buildPack({ packFile, outDir: path.join(project, 'output'), editions: ['student'], formats: ['epub'], paper: 'a4', write: false });
    const files = unzipSync(result.files[0]!.bytes);
    for (const image of guide.images.values()) expect(files[`OEBPS/images/${image.name}`], image.name).toBeDefined();
    const check = await EpubCheck.validate(result.files[0]!.bytes);
    expect(check.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage')).toEqual([]);
  });
});

describe('figures: reproducible', () => {
  it('gives byte-identical files when built twice', () => {
    for (const format of ['pdf', 'epub', 'html', 'docx'] as const) {
      expect(Buffer.compare(Buffer.from(first.get(format)!.bytes), Buffer.from(second.get(format)!.bytes)), format).toBe(0);
    }
  });
});

/** `pdfimages -list`: every image and soft mask with its pixel size and the resolution it is printed at. */
function pdfImages(file: string): { type: string; width: number; height: number; colour: string; bpc: number; xppi: number; yppi: number }[] {
  const lines = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    return { type: cells[2]!, width: Number(cells[3]), height: Number(cells[4]), colour: cells[5]!, bpc: Number(cells[7]), xppi: Number(cells[12]), yppi: Number(cells[13]) };
  });
}
