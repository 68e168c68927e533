// The Beanpole EPUB and HTML as a reader gets them: nav, landmarks, print page-list, metadata, cover, fidelity, reproducibility.
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { parseXhtml, type ElementNode } from '../src/compose/tree.js';
import { renderEpub } from '../src/render/epub/index.js';
import { ROOT, composeFixture, templates, theme, tinyGuide } from './helpers.js';

const options = {
  contentDir: path.join(ROOT, 'content'),
  outDir: path.join(ROOT, 'output-unused'),
  guides: ['beanpole'],
  editions: ['student', 'teacher'] as const,
  formats: ['pdf', 'epub', 'html'] as const,
  paper: 'a4' as const,
  write: false,
};

function fileOf(result: BuildResult, edition: string, format: string): Uint8Array {
  const file = result.files.find((f) => f.edition === edition && f.format === format);
  if (!file) throw new Error(`no ${edition} ${format} was built`);
  return file.bytes;
}

/** Every element of a parsed XHTML file, with its ancestors' lang. */
function* elements(node: ElementNode, lang = ''): Generator<{ node: ElementNode; lang: string }> {
  const own = node.attrs.lang ?? lang;
  yield { node, lang: own };
  for (const child of node.children) if (child.type === 'element') yield* elements(child, own);
}

const text = (node: ElementNode): string => node.children.map((c) => (c.type === 'text' ? c.value : text(c))).join('');
const normalise = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

describe('the Beanpole EPUB', () => {
  let result: BuildResult;
  let files: Record<string, Uint8Array>;
  let pdfPages: string[];
  const read = (name: string) => strFromU8(files[`OEBPS/${name}`]!);
  const parsed = (name: string) => parseXhtml(read(name));

  beforeAll(async () => {
    result = await build(options);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    files = unzipSync(fileOf(result, 'student', 'epub'));
    const proxy = await getDocumentProxy(new Uint8Array(fileOf(result, 'student', 'pdf')));
    pdfPages = ((await extractText(proxy, { mergePages: false })).text as string[]).map(normalise);
  }, 60_000);

  it('has a contents nav to the third heading level whose every link lands on an id', () => {
    const nav = parsed('nav.xhtml');
    const toc = [...elements(nav)].find((e) => e.node.attrs['epub:type'] === 'toc')!.node;
    expect(toc.attrs.role).toBe('doc-toc');
    const depth = (node: ElementNode): number => Math.max(0, ...node.children.filter((c): c is ElementNode => c.type === 'element').map((c) => depth(c) + (c.name === 'ol' ? 1 : 0)));
    expect(depth(toc)).toBe(3);
    const links = [...elements(toc)].filter((e) => e.node.name === 'a').map((e) => e.node.attrs.href!);
    expect(links.length).toBeGreaterThan(60);
    for (const href of links) expectTarget(href);
    expect(links).toContain('historical-context.xhtml#timeline-1');
  });

  it('has landmarks for the cover, title page, contents, start of the guide and glossary', () => {
    const landmarks = [...elements(parsed('nav.xhtml'))].find((e) => e.node.attrs['epub:type'] === 'landmarks')!.node;
    const entries = [...elements(landmarks)].filter((e) => e.node.name === 'a').map((e) => [e.node.attrs['epub:type'], e.node.attrs.href]);
    expect(entries).toEqual([
      ['cover', 'cover.xhtml'],
      ['titlepage', 'title-page.xhtml'],
      ['toc', 'nav.xhtml#toc'],
      ['bodymatter', 'using-this-guide.xhtml'],
      ['glossary', 'glossary.xhtml'],
    ]);
    for (const [, href] of entries) expectTarget(href!);
  });

  it('lists every print page, each marked where that page begins in the PDF', () => {
    const pageList = [...elements(parsed('nav.xhtml'))].find((e) => e.node.attrs['epub:type'] === 'page-list')!.node;
    const entries = [...elements(pageList)].filter((e) => e.node.name === 'a').map((e) => ({ label: text(e.node), href: e.node.attrs.href! }));
    expect(entries.map((e) => e.label)).toEqual(pdfPages.map((_, i) => String(i + 1)));
    const spine = [...read('content.opf').matchAll(/<itemref idref="([^"]+)"/g)].map((m) => (m[1] === 'nav' ? 'nav.xhtml' : `${m[1]}.xhtml`));
    let lastPosition = -1;
    for (const { label, href } of entries) {
      const [file, id] = href.split('#') as [string, string];
      const source = read(file);
      const marker = new RegExp(`<span id="${id}" epub:type="pagebreak" role="doc-pagebreak" aria-label="${label}"></span>`).exec(source);
      expect(marker, `marker for page ${label}`).not.toBeNull();
      // Markers come in page order through the book.
      const position = spine.indexOf(file) * 1e7 + marker!.index;
      expect(position).toBeGreaterThan(lastPosition);
      lastPosition = position;
      if (file === 'nav.xhtml') {
        expect(pdfPages[Number(label) - 1]).toContain('Contents');
        continue;
      }
      // The words after the marker are printed on that page.
      const after = normalise(source.slice(marker!.index + marker![0].length).replace(/<span id="page-\d+"[^>]*><\/span>/g, '').replace(/<[^>]+>/g, ' '));
      const firstWords = after.split(' ').slice(0, 2).join(' ');
      expect(pdfPages[Number(label) - 1], `page ${label} should begin with "${firstWords}"`).toContain(firstWords);
    }
  });

  it('names the print edition as the source of the page numbers, and carries accessibility metadata', () => {
    const opf = read('content.opf');
    expect(opf).toMatch(/<dc:source id="print-source">Beanpole: a study guide, student edition, printed on A4 \(beanpole-student\.pdf\)<\/dc:source>/);
    expect(opf).toContain('<meta refines="#print-source" property="source-of">pagination</meta>');
    for (const property of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary']) {
      expect(opf).toContain(`<meta property="schema:${property}">`);
    }
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageBreakMarkers</meta>');
    expect(strFromU8(files['OEBPS/toc.ncx']!)).toContain(`<meta name="dtb:totalPageCount" content="${pdfPages.length}"/>`);
  });

  it('has a cover drawn from the guide, marked cover-image, with alt text naming everything on it', () => {
    expect(read('content.opf')).toContain('<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>');
    const png = Buffer.from(files['OEBPS/images/cover.png']!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 2560]);
    // The picture sits in an SVG box that scales to any screen; the box is an image labelled with everything on it.
    const svg = [...elements(parsed('cover.xhtml'))].find((e) => e.node.name === 'svg')!.node;
    expect(svg.attrs.viewBox).toBe('0 0 1600 2560');
    expect(svg.attrs.preserveAspectRatio).toBe('xMidYMid meet');
    expect(svg.attrs.role).toBe('img');
    const label = svg.attrs['aria-label']!;
    expect(label).toContain('Beanpole');
    expect(label).toContain('Дылда');
    expect(label).toMatch(/Student edition/);
    expect(label).toMatch(/emerald green \(#2e6b4a\)/);
  });

  it('tags every Russian word with lang="ru", and keeps Cyrillic as UTF-8 text', () => {
    const chapters = Object.keys(files).filter((f) => f.endsWith('.xhtml')).map((f) => f.slice('OEBPS/'.length));
    let russian = 0;
    for (const name of chapters) {
      expect(read(name)).not.toMatch(/&#x[0-9a-f]+;/i);
      for (const { node, lang } of elements(parsed(name))) {
        for (const child of node.children) {
          if (child.type !== 'text' || !/[\u0400-\u04ff]/.test(child.value)) continue;
          russian++;
          expect(lang, `"${child.value.trim()}" in ${name}`).toMatch(/^ru/);
          expect(node.attrs['xml:lang'] ?? findXmlLang(parsed(name), node)).toMatch(/^ru/);
        }
      }
    }
    expect(russian).toBeGreaterThan(10);
  });

  it('keeps every id and header scope of the composed document', () => {
    const document = composeFixture(path.join(ROOT, 'content', 'beanpole'), 'student');
    const epubText = Object.entries(files).filter(([n]) => n.endsWith('.xhtml')).map(([, b]) => strFromU8(b)).join('\n');
    const ids = [...document.xhtml.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    for (const id of ids) expect(epubText).toContain(` id="${id}"`);
    const scopes = (s: string) => [...s.matchAll(/ scope="(row|col)"/g)].length;
    expect(scopes(epubText)).toBe(scopes(document.xhtml));
    expect(scopes(epubText)).toBeGreaterThan(5);
    expect(epubText).not.toContain('image-placeholder');
  });

  it('stays under 2 MB and uses only CSS that Kindle, Kobo and Apple Books accept', () => {
    expect(fileOf(result, 'student', 'epub').length).toBeLessThan(2 * 1024 * 1024);
    expect(fileOf(result, 'teacher', 'epub').length).toBeLessThan(2 * 1024 * 1024);
    const css = read('style.css');
    expect(css).not.toMatch(/display:\s*(flex|grid|inline-flex|inline-grid)/);
    expect(css).not.toMatch(/position:\s*(fixed|sticky)/);
    // Editions differ by what is in them, never by text hidden with CSS.
    expect(css).not.toMatch(/display:\s*none|visibility:\s*hidden/);
    // Every face the stylesheet can ask for, the sans italics (a transliteration in a glossary term) among them.
    expect(Object.keys(files).filter((f) => f.startsWith('OEBPS/fonts/'))).toHaveLength(8);
  });

  /** A link target must be a file in the book and, with a fragment, an id in that file. */
  function expectTarget(href: string): void {
    const [file, id] = href.split('#') as [string, string | undefined];
    expect(files[`OEBPS/${file}`], href).toBeDefined();
    if (id) expect(read(file), href).toContain(` id="${id}"`);
  }
});

/** xml:lang of the nearest ancestor that has one. */
function findXmlLang(root: ElementNode, target: ElementNode): string {
  const walk = (node: ElementNode, inherited: string): string | undefined => {
    const own = node.attrs['xml:lang'] ?? inherited;
    if (node === target) return own;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const found = walk(child, own);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, '') ?? '';
}

describe('EPUB reproducibility', () => {
  it('is byte-identical across builds, and SOURCE_DATE_EPOCH sets its dates', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = '1700000000'; // 2023-11-14T22:13:20Z
      const tiny = { ...options, contentDir: path.dirname(tinyGuide), guides: ['tiny'], editions: ['student'] as const, formats: ['epub'] as const };
      const [first, second] = [await build(tiny), await build(tiny)];
      const a = fileOf(first, 'student', 'epub');
      expect(Buffer.from(a).equals(Buffer.from(fileOf(second, 'student', 'epub')))).toBe(true);
      expect(strFromU8(unzipSync(a)['OEBPS/content.opf']!)).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
      // The zip entries carry the same date (DOS time in the local header of the first entry).
      const view = Buffer.from(a);
      const dosDate = view.readUInt16LE(12);
      expect([1980 + (dosDate >> 9), (dosDate >> 5) & 0x0f, dosDate & 0x1f]).toEqual([2023, 11, 14]);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('passes markup through untouched: alt="" stays empty, start and scope survive', async () => {
    const document = composeFixture(tinyGuide, 'student');
    const body = document.root.children.find((c): c is ElementNode => c.type === 'element' && c.name === 'body')!;
    const chapter = parseXhtml(
      '<section xmlns="http://www.w3.org/1999/xhtml" class="chapter" id="extra"><h1>Extra</h1><ol start="3"><li>Third</li></ol>' +
        '<table><tr><th scope="row">Row</th><td>Cell</td></tr></table><p><img src="images/cover.png" alt=""/></p></section>',
    );
    body.children.push(chapter);
    const files = unzipSync(await renderEpub(document, theme, templates, { date: new Date('2024-09-01T00:00:00Z') }));
    const extra = strFromU8(files['OEBPS/extra.xhtml']!);
    expect(extra).toContain('<ol start="3">');
    expect(extra).toContain('<th scope="row">Row</th>');
    expect(extra).toContain('<img src="images/cover.png" alt=""/>');
  });
});

describe('the Beanpole web page', () => {
  let html: string;
  beforeAll(async () => {
    const result = await build({ ...options, editions: ['student'], formats: ['html'] });
    html = strFromU8(fileOf(result, 'student', 'html'));
  }, 30_000);

  it('is one self-contained file: stylesheet inline, fonts as data, nothing fetched from elsewhere', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).not.toMatch(/<link [^>]*rel="stylesheet"/);
    expect(html).not.toMatch(/<(img|script|iframe)\b[^>]* src="(?!data:)/);
    expect(html).not.toMatch(/url\("(?!data:)/);
    expect([...html.matchAll(/src: url\("data:font\/woff2;base64,/g)]).toHaveLength(16);
    expect(html.length).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('has a contents whose every link names an id on the page, and no EPUB-only markup', () => {
    const nav = html.slice(html.indexOf('<nav class="contents"'), html.indexOf('</nav>'));
    const hrefs = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(60);
    for (const id of hrefs) expect(html).toContain(` id="${id}"`);
    expect(html).not.toContain('epub:type');
    expect(html).not.toContain('xml:lang');
    // Russian words keep their language for screen readers.
    expect(html).toMatch(/<[a-z]+ [^>]*lang="ru"[^>]*>Дылда/);
  });

  it('keeps the write-in lines for printing only, and names every palette colour in words', () => {
    expect(html).toMatch(/<div class="write-in" aria-hidden="true"><span class="rule"><\/span>/);
    expect(html).toMatch(/@media print \{[^]*div\.write-in \{ display: block/);
    for (const name of ['Emerald green', 'Rust red', 'Ochre']) expect(html).toContain(name);
  });
});
