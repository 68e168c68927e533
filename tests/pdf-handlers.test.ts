// One test per PDF element handler: a document holding just that element, rendered by the real renderer and read back with pdf.js.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { headerFor, type ComposedDocument } from '../src/compose/compose.js';
import { parseXhtml } from '../src/compose/tree.js';
import { HANDLERS } from '../src/render/pdf/handlers/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { readImage } from '../src/content/images.js';
import { theme } from './helpers.js';
import { pngWithAlpha } from './pictures.js';
import { drawnOn, loadPdf } from './pdf-drawing.js';

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: StructNode[];
}

/** A composed document whose body is `body`, as compose would make it, carrying the pictures its figures show. */
function documentOf(body: string, images?: ComposedDocument['images']): ComposedDocument {
  const xhtml = `<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"><head><title>Handler test</title></head><body>${body}</body></html>`;
  return { guideId: 'handler', edition: 'student', root: parseXhtml(xhtml), xhtml, templateFile: 'document.hbs', title: 'Handler test', lang: 'en-GB', header: headerFor('handler', 'student', 'Handler test', 'A test.', '2026-01-01', { authors: ['A. Tester'], publisher: 'Test School' }), fontSources: [], images };
}

/** Renders the body and reads back every page's text items (with their positions) and the structure tree's roles in order. */
async function rendered(body: string, images?: ComposedDocument['images']) {
  const pdf = await renderPdf(documentOf(body, images), theme, { paper: 'a4', date: new Date('2026-01-01T00:00:00Z') });
  const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
  const items: { text: string; x: number; y: number; page: number }[] = [];
  const nodes: StructNode[] = [];
  const walk = (node: StructNode) => {
    if (node.role && node.role !== 'Root') nodes.push(node);
    node.children?.forEach(walk);
  };
  for (let n = 1; n <= proxy.numPages; n++) {
    const page = await proxy.getPage(n);
    for (const item of (await page.getTextContent()).items as { str: string; transform: number[] }[]) {
      if (item.str.trim()) items.push({ text: item.str, x: item.transform[4]!, y: item.transform[5]!, page: n });
    }
    walk((await page.getStructTree()) as StructNode);
  }
  const text = items.map((i) => i.text).join(' ');
  return { pdf, items, text, roles: nodes.map((n) => n.role!), nodes };
}

const chapter = (inner: string) => `<section class="chapter" id="chapter"><h1>Chapter</h1>${inner}</section>`;

describe('PDF handlers, one element each', () => {
  it('has a test here for every handler in the map', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(['aside', 'div', 'div.qr', 'div.write-in', 'dl', 'figure', 'h1', 'h2', 'h3', 'h4', 'ol', 'p', 'p.logo', 'section', 'section.part', 'section.title-page', 'table', 'ul', 'ul.swatch-list']);
  });

  it('section: a chapter on a page of its own, tagged Sect, with its page in the map', async () => {
    const { roles, text, pdf } = await rendered(`${chapter('<p>First.</p>')}<section class="chapter" id="second"><h1>Second</h1><p>Next.</p></section>`);
    expect(roles.filter((r) => r === 'Sect')).toHaveLength(2);
    expect(text).toContain('Second Next.');
    expect(pdf.pageMap.get('second')).toBe(pdf.pageMap.get('chapter')! + 1);
  });

  it('section.title-page: the title as H1 and the lines under it as P, followed by the contents', async () => {
    const { roles, items } = await rendered(`<section class="title-page" id="title-page"><h1 class="title">Film</h1><p class="subtitle">A study guide</p></section>${chapter('<p>Body.</p>')}`);
    expect(roles.slice(0, 4)).toEqual(['Document', 'Sect', 'H1', 'P']);
    expect(items.find((i) => i.text === 'Film')?.page).toBe(1);
    expect(items.find((i) => i.text === 'Contents')?.page).toBe(2);
    expect(roles).toContain('TOC');
  });

  it('section.part: a course pack part tagged Part with its own language, its chapter inside it', async () => {
    const { nodes, text } = await rendered('<section class="part" id="part" lang="en-US"><h2 class="title">A guide</h2><section class="chapter" id="in-part"><h2>Its chapter</h2><p>Inside.</p></section></section>');
    const part = nodes.find((n) => n.role === 'Part');
    expect(part?.lang).toBe('en-US');
    expect(text).toContain('A guide');
    expect(text).toContain('Its chapter Inside.');
  });

  for (const level of [1, 2, 3, 4] as const) {
    it(`h${level}: tagged H${level}, its text drawn, recorded for the bookmarks`, async () => {
      const { roles, text, pdf } = await rendered(chapter(`<h${level} id="heading">A heading</h${level}><p>Under it.</p>`));
      expect(roles).toContain(`H${level}`);
      expect(text).toContain('A heading Under it.');
      expect(pdf.headings.map((h) => h.title)).toContain('A heading');
    });
  }

  it('p: tagged P, its words with their spaces', async () => {
    const { roles, text } = await rendered(chapter('<p>A paragraph of <em>several</em> words.</p>'));
    expect(roles).toContain('P');
    expect(text).toContain('A paragraph of several words.');
  });

  it('ul and ol: L, LI, Lbl and LBody, numbered from the start attribute', async () => {
    const { roles, text } = await rendered(chapter('<ul><li>One thing</li></ul><ol start="3"><li>Third</li><li>Fourth</li></ol>'));
    expect(roles.filter((r) => r === 'L')).toHaveLength(2);
    expect(roles.filter((r) => r === 'LI')).toHaveLength(3);
    expect(roles.filter((r) => r === 'Lbl')).toHaveLength(3);
    expect(text).toMatch(/• One thing/);
    expect(text).toMatch(/3\. Third 4\. Fourth/);
  });

  it('ul.swatch-list: each colour a list item with its name beside the chip', async () => {
    const { roles, text } = await rendered(chapter('<ul class="swatch-list"><li class="swatch"><span class="swatch-chip" data-colour="#2e6b4a" aria-hidden="true"></span><p><strong>Green</strong> (#2e6b4a)</p></li></ul>'));
    expect(roles).toEqual(expect.arrayContaining(['L', 'LI', 'LBody', 'P']));
    expect(text).toContain('Green (#2e6b4a)');
  });

  it('aside: a callout whose text is tagged inside a Div, the box an artifact', async () => {
    const { roles, text } = await rendered(chapter('<aside class="callout content-note"><p class="label">Before you watch</p><p>A note.</p></aside>'));
    expect(roles).toContain('Div');
    expect(text).toContain('Before you watch A note.');
  });

  it('div: a plain division draws its children', async () => {
    const { text } = await rendered(chapter('<div><p>Inside a division.</p></div>'));
    expect(text).toContain('Inside a division.');
  });

  it('div.write-in: ruled space that pushes what follows down by its lines, with no text or tag of its own', async () => {
    const without = await rendered(chapter('<p>Before.</p><p>After.</p>'));
    const withLines = await rendered(chapter('<p>Before.</p><div class="write-in" data-lines="4"></div><p>After.</p>'));
    const after = (r: typeof without) => r.items.find((i) => i.text === 'After.')!.y;
    expect(after(without) - after(withLines)).toBeCloseTo(4 * theme.spacing.write_in_line + theme.spacing.paragraph, 0);
    expect(withLines.roles).toEqual(without.roles);
  });

  it('div.qr: a Figure whose alt text is the address, with the words beside it', async () => {
    const { nodes, text } = await rendered(chapter('<div class="qr" data-href="https://films.example/guide"><p>Scan the code.</p></div>'));
    expect(nodes.find((n) => n.role === 'Figure')?.alt).toBe('QR code for https://films.example/guide');
    expect(text).toContain('Scan the code.');
  });

  it('p.logo: a school’s logo tagged Figure with its alt text, its picture drawn inside the Figure; over the title on a title page', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-logo-'));
    writeFileSync(path.join(dir, 'crest.png'), pngWithAlpha());
    const read = readImage(dir, 'crest.png');
    if (!('image' in read)) throw new Error(read.problem);
    const images = new Map([['images/logo-crest.png', read.image]]);
    const logo = '<p class="logo"><img src="images/logo-crest.png" alt="The school crest" width="120" height="80"/></p>';
    const inChapter = await rendered(chapter(`${logo}<p>Below.</p>`), images);
    expect(inChapter.nodes.find((n) => n.role === 'Figure')?.alt).toBe('The school crest');
    const drawn = drawnOn(await loadPdf(inChapter.pdf.bytes), 0);
    expect(drawn).toContainEqual(expect.objectContaining({ kind: 'xobject', tag: 'Figure', xobject: { subtype: '/Image', width: 120 } }));
    const onTitlePage = await rendered(`<section class="title-page" id="title-page">${logo}<h1 class="title">Film</h1></section>${chapter('<p>Body.</p>')}`, images);
    expect(onTitlePage.roles.slice(0, 4)).toEqual(['Document', 'Sect', 'Figure', 'H1']);
    // Without its picture the logo is left out with a warning, and the page is still made.
    const missing = await rendered(chapter(`${logo}<p>Below.</p>`));
    expect(missing.roles).not.toContain('Figure');
    expect(missing.pdf.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining("the logo's picture is missing"));
  });

  it('figure: the picture tagged Figure with its alt text, beside a Caption with the caption’s words', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-figure-'));
    writeFileSync(path.join(dir, 'still.png'), pngWithAlpha());
    const read = readImage(dir, 'still.png');
    if (!('image' in read)) throw new Error(read.problem);
    const images = new Map([['images/still.png', read.image]]);
    const { nodes, text } = await rendered(chapter('<figure class="figure" id="figure-1" data-width="0.5"><img src="images/still.png" alt="A gradient fading to clear." width="120" height="80"/><figcaption><strong>Figure 1.</strong> A gradient.</figcaption></figure>'), images);
    const div = nodes.find((n) => n.role === 'Div' && n.children?.some((c) => c.role === 'Figure'));
    expect(div?.children?.map((c) => c.role)).toEqual(['Figure', 'Caption']);
    expect(div?.children?.[0]?.alt).toBe('A gradient fading to clear.');
    expect(text).toContain('Figure 1. A gradient.');
  });

  it('dl: a fact list as a table, each term a row header', async () => {
    const { roles, text } = await rendered(chapter('<dl class="facts"><dt>Country</dt><dd>Russia</dd><dt>Year</dt><dd>2019</dd></dl>'));
    expect(roles.filter((r) => r === 'TR')).toHaveLength(2);
    expect(roles.filter((r) => r === 'TH')).toHaveLength(2);
    expect(text).toMatch(/Country\s+Russia\s+Year\s+2019/);
  });

  it('table: header cells and body cells in rows', async () => {
    const { roles, text } = await rendered(chapter('<table class="cast"><thead><tr><th scope="col">Actor</th><th scope="col">Role</th></tr></thead><tbody><tr><td>Viktoria Miroshnichenko</td><td>Iya</td></tr></tbody></table>'));
    expect(roles).toEqual(expect.arrayContaining(['Table', 'TR', 'TH', 'TD']));
    expect(text).toMatch(/Actor\s+Role\s+Viktoria Miroshnichenko\s+Iya/);
  });
});
