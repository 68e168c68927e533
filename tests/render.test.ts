// Protects the rendered outputs by reading them back: PDF text and tags via unpdf, the EPUB unzipped and validated.
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComposedDocument } from '../src/compose/compose.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { composeFixture, templates, theme, tinyGuide } from './helpers.js';

const date = new Date('2024-09-01T00:00:00Z');
const epubOptions = { date };

describe('PDF', () => {
  let document: ComposedDocument;
  let pages: string[];
  let pdf: Awaited<ReturnType<typeof renderPdf>>;
  beforeAll(async () => {
    document = composeFixture(tinyGuide, 'student');
    pdf = await renderPdf(document, theme, { paper: 'a4', date });
    const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
    pages = (await extractText(proxy, { mergePages: false })).text;
  });

  it('has the Cyrillic title as text and the headings in reading order', () => {
    const all = pages.join('\n');
    expect(pages[0]).toContain('Test Film');
    expect(pages[0]).toContain('Проверка');
    const order = ['The film', 'Facts', 'Cast', 'Content advisory', 'Before viewing', 'Synopsis (no spoilers)', 'After viewing', 'Colour', 'Glossary', 'Sources, credits and licence'];
    const positions = order.map((heading) => all.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(all).toContain('The second paragraph, with bold words and the word Дылда inside.');
  });

  it('returns a page map that agrees with the text on each page', () => {
    const colourPage = pdf.pageMap.get('theme-colour')!;
    expect(pages[colourPage - 1]).toContain('The first paragraph about colour.');
    expect(pdf.pageMap.get('q-first')).toBe(pdf.pageMap.get('before-viewing'));
    expect(pdf.pageCount).toBe(pages.length);
  });

  it('is tagged, titled, in the guide language, with the fonts embedded', async () => {
    const text = Buffer.from(pdf.bytes).toString('latin1');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toContain('/Marked true');
    expect(text).toContain('/DisplayDocTitle true');
    expect(text).toMatch(/\/Lang \(en-GB\)/);
    expect(text).toMatch(/\/FontFile2/);
    const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const { info } = (await proxy.getMetadata()) as unknown as { info: { Title: string; Author: string } };
    // The window's title names the edition; the running heads keep the plain title.
    expect(info.Title).toBe('Test Film: a study guide, student edition');
    expect(info.Author).toBe('A. Teacher, B. Teacher');
    expect(pages[2]).toMatch(/^Test Film: a study guide/m);
  });
});

describe('EPUB', () => {
  let bytes: Uint8Array;
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    bytes = await renderEpub(composeFixture(tinyGuide, 'teacher'), theme, templates, epubOptions);
    files = unzipSync(bytes);
  });

  it('starts with an uncompressed mimetype entry with no extra field', () => {
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(0)).toBe(0x04034b50);
    expect(view.readUInt16LE(8)).toBe(0); // stored
    expect(view.readUInt16LE(28)).toBe(0); // no extra field
    expect(view.subarray(30, 38).toString()).toBe('mimetype');
    expect(view.subarray(38, 58).toString()).toBe('application/epub+zip');
  });

  it('has a package document, a nav with the contents, and one chapter per section', () => {
    const opf = strFromU8(files['OEBPS/content.opf']!);
    // Two editions on one e-reader shelf: the title says which is which, and the guide's authors and publisher replace the tool's name.
    expect(opf).toContain('<dc:title>Test Film: a study guide, teacher edition</dc:title>');
    expect(opf).toContain('<dc:creator id="creator-0">A. Teacher</dc:creator>\n<meta refines="#creator-0" property="role" scheme="marc:relators">aut</meta>');
    expect(opf).toContain('<dc:creator id="creator-1">B. Teacher</dc:creator>');
    expect(opf).toContain('<dc:publisher>Test School</dc:publisher>');
    expect(opf).not.toContain('studyguide');
    expect(opf).toContain('<dc:language>en-GB</dc:language>');
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    expect(opf).toContain('properties="nav"');
    const nav = strFromU8(files['OEBPS/nav.xhtml']!);
    expect(nav).toContain('epub:type="toc"');
    expect(nav).toContain('<a href="theme-colour.xhtml">Colour</a>');
    const chapters = Object.keys(files).filter((f) => f.endsWith('.xhtml') && !f.endsWith('nav.xhtml') && !f.endsWith('cover.xhtml'));
    expect(chapters.sort()).toEqual(
      ['about-this-guide', 'activities', 'after-viewing', 'before-viewing', 'content-advisory', 'contents', 'glossary', 'palette', 'the-film', 'theme-colour', 'title-page'].map((c) => `OEBPS/${c}.xhtml`),
    );
    // A cross-reference points into the chapter file that holds its target.
    expect(strFromU8(files['OEBPS/after-viewing.xhtml']!)).toContain('<a href="glossary.xhtml">the glossary</a>');
    const film = strFromU8(files['OEBPS/the-film.xhtml']!);
    expect(film).toContain('<th scope="col">Actor</th>');
    expect(film).toContain('Проверка');
  });

  it('passes epubcheck-ts with no error or warning', async () => {
    const result = await EpubCheck.validate(bytes);
    const problems = result.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage');
    expect(problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is byte-identical when built twice from the same content', async () => {
    const again = await renderEpub(composeFixture(tinyGuide, 'teacher'), theme, templates, epubOptions);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
