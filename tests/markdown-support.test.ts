// Markdown the guide accepts arrives whole in every format (tables with header cells, nested lists, &…; references), and the templates' own ids are all reserved.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { strFromU8, unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedDocument } from '../src/compose/compose.js';
import { lowerFirst } from '../src/compose/templates.js';
import { DERIVED_PREFIXES, RESERVED_IDS, RESERVED_PATTERNS } from '../src/content/anchors.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { composeFixture, templates, TEMPLATES, theme, tinyGuide } from './helpers.js';

const date = new Date('2024-09-01T00:00:00Z');

const BODY = `A table of colours:

| Colour | Where | Meaning |
| :--- | :---: | ---: |
| Green | the dress | *hope* |
| Red | the walls | [danger](https://example.org/) |

After the table.

- level 1
  - level 2
    - level 3
      - level 4

After the list: caf&eacute;, caf&#233; and caf&#xE9;.`;

const GUIDANCE = `A strong answer names the colours.

| Colour | Mark |
| --- | --- |
| Green | 1 |
| Red | 1 |`;

/** The tiny guide with a theme body and a teacher's note that use tables, a nested list and references, under a title with names in it. */
function guideWithMarkdown(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-markdown-'));
  cpSync(tinyGuide, dir, { recursive: true });
  const indent = (text: string, by: string) => text.split('\n').map((line) => (line ? by + line : line)).join('\n');
  writeFileSync(
    path.join(dir, 'themes', 'colour.yaml'),
    `id: colour\ntitle: Loneliness in Paris and the TGV age\nbody: |\n${indent(BODY, '  ')}\nquestions:\n  - id: colour-one\n    level: analysis\n    prompt: What does green mean here?\n    guidance: |\n${indent(GUIDANCE, '      ')}\n`,
  );
  return dir;
}

describe('Markdown the guide supports', () => {
  let dir: string;
  let student: ComposedDocument;
  let teacher: ComposedDocument;
  beforeAll(() => {
    dir = guideWithMarkdown();
    student = composeFixture(dir, 'student');
    teacher = composeFixture(dir, 'teacher');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The theme chapter alone: the templates have tables of their own elsewhere. */
  const themeChapter = (document: ComposedDocument) => /<section class="chapter" id="theme-colour">[\s\S]*?<\/section>/.exec(document.xhtml)![0];

  it('composes tables with column header cells and no inline style, nested lists whole, and references decoded', () => {
    const xhtml = themeChapter(student);
    expect(xhtml.match(/<th scope="col">/g)).toHaveLength(3);
    expect(xhtml).not.toMatch(/ style=/);
    expect(xhtml).toMatch(/<td><em>hope<\/em><\/td>/);
    // Four lists, one inside the next, each item's text in a paragraph beside the list it holds.
    expect(xhtml).toMatch(/<ul>\s*<li>\s*<p>level 1<\/p>\s*<ul>\s*<li>\s*<p>level 2<\/p>\s*<ul>\s*<li>\s*<p>level 3<\/p>\s*<ul>\s*<li>level 4<\/li>/);
    expect(xhtml).toContain('After the list: café, café and café.');
    expect(themeChapter(teacher).match(/<th scope="col">/g)).toHaveLength(5);
  });

  it('keeps the capitals of a theme title in its questions heading', () => {
    expect(student.xhtml).toContain('>Questions: Loneliness in Paris and the TGV age</h2>');
  });

  it('prints the table as a tagged table with column headers, the nested items on lines of their own, inside the callout, and passes the PDF/UA check', async () => {
    const pdf = await renderPdf(teacher, theme, { paper: 'a4', date });
    const file = path.join(dir, 'teacher.pdf');
    writeFileSync(file, pdf.bytes);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    for (let level = 1; level <= 4; level++) expect(text).toMatch(new RegExp(`^\\s*•\\s+level ${level}\\s*$`, 'm'));
    expect(text).toMatch(/^\s*Colour\s+Where\s+Meaning\s*$/m);
    expect(text).toMatch(/^\s*Green\s+the dress\s+hope\s*$/m);
    const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const headers: string[] = [];
    const visit = (node: { role?: string; children?: unknown[] }) => {
      if (node.role === 'TH') headers.push('TH');
      for (const child of node.children ?? []) visit(child as typeof node);
    };
    for (let page = 1; page <= proxy.numPages; page++) visit((await (await proxy.getPage(page)).getStructTree()) as never);
    // The theme's table (3), the guidance table (2), and the templates' own tables of the tiny guide.
    expect(headers.length).toBeGreaterThanOrEqual(5);
    expect((await checkPdfUa(pdf.bytes)).diagnostics).toEqual([]);
  });

  it('makes an EPUB that passes epubcheck-ts with the table in its chapter, and a web page with it too', async () => {
    const epub = await renderEpub(student, theme, templates, { date });
    const check = await EpubCheck.validate(epub);
    expect(check.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage')).toEqual([]);
    const chapter = strFromU8(unzipSync(epub)['OEBPS/theme-colour.xhtml']!);
    expect(chapter).toMatch(/<table>\s*<thead>\s*<tr>\s*<th scope="col">Colour<\/th>/);
    const html = strFromU8(await renderHtml(student, theme, templates));
    expect(html).toMatch(/<th scope="col">Meaning<\/th>/);
    expect(html).toContain('<p>level 3</p>');
  });
});

describe('the lower helper', () => {
  it('lower-cases only a first letter that starts an ordinary word', () => {
    expect(lowerFirst('Loneliness in Paris and the TGV age')).toBe('loneliness in Paris and the TGV age');
    expect(lowerFirst('TGV journeys')).toBe('TGV journeys');
    expect(lowerFirst('McQueen and colour')).toBe('McQueen and colour');
    expect(lowerFirst('Colour')).toBe('colour');
  });
});

describe('ids the templates write', () => {
  it('are all reserved, or made from a content id, so a content id can never take one', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : []));
    const derived = Object.values(DERIVED_PREFIXES).flat().filter(Boolean);
    const unknown: string[] = [];
    for (const file of files(TEMPLATES)) {
      // The EPUB package's own ids (the OPF manifest, the NCX) live in files of their own, not in the chapters.
      if (/content\.opf|toc\.ncx/.test(file)) continue;
      for (const [, id] of readFileSync(file, 'utf8').matchAll(/\bid="([^"]*)"/g)) {
        const stat = id!.replace(/\{\{[^}]*\}\}/g, '1');
        const reserved = RESERVED_IDS[stat] !== undefined || RESERVED_PATTERNS.some(([pattern]) => pattern.test(stat));
        const fromContent = /^\{\{id\}\}$/.test(id!) || derived.some((prefix) => id === `${prefix}{{id}}`);
        if (!reserved && !fromContent && id !== '{{id}}') unknown.push(`${path.relative(TEMPLATES, file)}: id="${id}"`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
