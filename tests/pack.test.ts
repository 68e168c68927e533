// Protects course packs: `studyguide pack` on two fixture guides, read back from the PDF and EPUB it writes, and its error for a guide that does not exist.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXhtml, type ElementNode } from '../src/compose/tree.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { occurrences, timesExtracted } from './extracted-text.js';
import { FIXTURES, ROOT, theme } from './helpers.js';
import { epubcheck, epubcheckMessages } from './outside-tools.js';

const BIN = path.join(ROOT, 'bin', 'studyguide.js');
const PACK = path.join(FIXTURES, 'content', 'packs', 'two-films.yaml');
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

interface Page {
  /** Text between the margins, in reading order. */
  body: string;
  /** The running head and the page foot. */
  head: string;
  foot: string;
}

type Proxy = Awaited<ReturnType<typeof getDocumentProxy>>;
type OutlineItem = { title: string; items: OutlineItem[] };

async function readPages(proxy: Proxy): Promise<Page[]> {
  const { top, bottom } = theme.pages.a4.margins;
  const pages: Page[] = [];
  for (let number = 1; number <= proxy.numPages; number++) {
    const page = await proxy.getPage(number);
    const height = page.view[3]!;
    const parts = { body: [] as string[], head: [] as string[], foot: [] as string[] };
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = height - item.transform[5]!;
      (y < top ? parts.head : y > height - bottom + 4 ? parts.foot : parts.body).push(item.str);
    }
    // pdf.js gives an italic run and the words after it as two items: no space goes before a comma.
    const join = (list: string[]) => list.join(' ').replace(/\s+/g, ' ').replace(/ ,/g, ',').trim();
    pages.push({ body: join(parts.body), head: join(parts.head), foot: join(parts.foot) });
  }
  return pages;
}

describe('studyguide pack', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'studyguide-pack-'));
  const file = (name: string) => path.join(out, 'packs', 'two-films', name);
  let result: ReturnType<typeof run>;
  let pages: Page[];
  let outline: OutlineItem[];

  beforeAll(async () => {
    result = run('pack', PACK, '--out', out);
    const proxy = await getDocumentProxy(new Uint8Array(readFileSync(file('two-films-student.pdf'))));
    pages = await readPages(proxy);
    outline = (await proxy.getOutline()) as OutlineItem[];
  });

  it('writes one PDF and one EPUB per edition and prints one line per file', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const name of ['two-films-student.pdf', 'two-films-student.epub', 'two-films-teacher.pdf', 'two-films-teacher.epub']) {
      expect(existsSync(file(name)), name).toBe(true);
      expect(lines.some((line) => line.includes(`packs/two-films/${name}  `))).toBe(true);
    }
  });

  it('opens with the pack’s title page and one contents for the whole pack', () => {
    expect(pages[0]!.body).toBe('Two Test Films A course pack for the tests Test Film, a film by A. Director, 2001 Second Test Film, a film by C. Director, 2005 Compiled by The studyguide tests Student edition');
    expect(pages[1]!.body).toMatch(/^Contents About this pack 3 The films 3 Test Film 4 The film 5 /);
    // Both guides' chapters are listed, each with the page it is on (both guides have a Glossary).
    const entries = [...pages[1]!.body.matchAll(/([A-Z][^\d]*?) (\d+)(?= |$)/g)].map((m) => ({ title: m[1]!.replace(/^Contents /, ''), page: Number(m[2]) }));
    expect(entries.filter((e) => e.title === 'Glossary')).toHaveLength(2);
    expect(entries.length).toBe(20);
    for (const entry of entries) expect(pages[entry.page - 1]!.body, `"${entry.title}" on page ${entry.page}`).toContain(entry.title);
  });

  it('numbers the pages straight through, and heads each page of a part with its guide', () => {
    pages.slice(1).forEach((page, index) => expect(page.foot).toBe(`Student edition ${index + 2}`));
    const secondPart = pages.findIndex((p) => p.body.startsWith('Second Test Film Le Second Essai'));
    expect(secondPart).toBeGreaterThan(4);
    // A part's opening page is a title page: no running head. Its chapters carry the guide's title and their own.
    expect(pages[secondPart]!.head).toBe('');
    expect(pages[secondPart + 1]!.head).toBe('Second Test Film The film');
    expect(pages[secondPart - 1]!.head).toMatch(/^Test Film /);
    expect(pages[2]!.head).toBe('Two Test Films: a course pack About this pack');
  });

  it('keeps each guide’s credits and licence, and each guide’s cross-references point into its own part', () => {
    const text = (from: number, to: number) => pages.slice(from, to).map((p) => p.body).join(' ');
    const secondPart = pages.findIndex((p) => p.body.startsWith('Second Test Film Le Second Essai'));
    const first = text(3, secondPart);
    const second = text(secondPart, pages.length);
    expect(first).toContain('Free to copy for teaching.');
    expect(first).toContain('Student edition, version 1.0, 2024-09-01');
    expect(first).toContain('Written by A. Teacher, B. Teacher');
    expect(second).toContain('The second test licence allows copying for tests.');
    expect(second).toContain('Student edition, version 2.0, 2025-03-01');
    expect(second).toContain('Published by Second Test School');
    const glossaryPage = (from: number, to: number) => from + 1 + pages.slice(from, to).findIndex((p) => p.body.startsWith('Glossary'));
    expect(first).toContain(`Words are explained in the glossary (page ${glossaryPage(3, secondPart)})`);
    expect(second).toContain(`The French words are in the glossary (page ${glossaryPage(secondPart, pages.length)})`);
  });

  it('nests each guide’s chapters under its title in the bookmarks', () => {
    expect(outline.map((o) => o.title)).toEqual(['Two Test Films', 'Contents', 'About this pack', 'Test Film', 'Second Test Film']);
    expect(outline[3]!.items.map((o) => o.title)).toEqual(['The film', 'Content advisory', 'Before viewing', 'After viewing', 'Colour', 'The colour palette', 'Activities', 'Glossary', 'Sources, credits and licence']);
    expect(outline[4]!.items[0]!.items.map((o) => o.title)).toEqual(['Facts', 'Credits', 'Cast']);
  });

  it('breaks none of the PDF/UA rules a machine can check, in either edition (parts, a second language, links into each part)', async () => {
    for (const edition of ['student', 'teacher']) {
      const report = await checkPdfUa(readFileSync(file(`two-films-${edition}.pdf`)));
      expect(report.diagnostics, edition).toEqual([]);
      expect(report.counts.links).toBeGreaterThan(20);
    }
  });

  it('makes an EPUB that passes epubcheck-ts, with the parts in its navigation and each guide’s language kept', async () => {
    const bytes = new Uint8Array(readFileSync(file('two-films-student.epub')));
    const check = await EpubCheck.validate(bytes);
    expect(check.messages.filter((m) => m.severity !== 'info' && m.severity !== 'usage')).toEqual([]);
    const files = unzipSync(bytes);
    const nav = parseXhtml(strFromU8(files['OEBPS/nav.xhtml']!));
    const toc = (function find(node: ElementNode): ElementNode {
      if (node.name === 'ol') return node;
      return node.children.flatMap((c) => (c.type === 'element' ? [c] : [])).map(find).find(Boolean)!;
    })(nav);
    const topLevel = toc.children.flatMap((li) => (li.type === 'element' ? [li] : []));
    const titles = topLevel.map((li) => (li.children[0] as ElementNode).children.map((c) => (c.type === 'text' ? c.value : '')).join(''));
    expect(titles).toEqual(['Two Test Films', 'About this pack', 'Test Film', 'Second Test Film']);
    expect(strFromU8(files['OEBPS/nav.xhtml']!)).toContain('<li><a href="second--glossary.xhtml">Glossary</a>');
    // The second guide is written in American English; its chapters say so.
    expect(strFromU8(files['OEBPS/second--the-film.xhtml']!)).toContain('<body class="in-part" lang="en-US" xml:lang="en-US">');
    expect(strFromU8(files['OEBPS/second.xhtml']!)).toContain('lang="en-US"');
    // One page-list entry per printed page but the contents, whose entries live in the nav.
    const opf = strFromU8(files['OEBPS/content.opf']!);
    // The edition in the title tells the two apart on a shelf; the compiler is the author, the guides' publishers publish it.
    expect(opf).toContain('<dc:title>Two Test Films: a course pack, student edition</dc:title>');
    expect(opf).toContain('<dc:creator id="creator-0">The studyguide tests</dc:creator>');
    expect(opf).toContain('<dc:publisher>Test School, Second Test School</dc:publisher>');
    expect(strFromU8(files['OEBPS/nav.xhtml']!).match(/<a href="[^"]*#page-\d+">/g)).toHaveLength(pages.length);
  });

  it('gives the teacher edition the guidance the student edition leaves out', async () => {
    const teacher = await readPages(await getDocumentProxy(new Uint8Array(readFileSync(file('two-films-teacher.pdf')))));
    expect(teacher.map((p) => p.body).join(' ')).toContain('Any reasoned answer.');
    expect(pages.map((p) => p.body).join(' ')).not.toContain('Any reasoned answer.');
  });

  it('names the pack file, line and column of every guide it cannot find, writes nothing and exits 1', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'studyguide-pack-'));
    const broken = run('pack', 'tests/fixtures/broken/packs/unknown-guides.yaml', '--content', 'tests/fixtures/content', '--out', empty);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('tests/fixtures/broken/packs/unknown-guides.yaml:6:5: error: there is no guide "seconde" in tests/fixtures/content/ (no seconde/guide.yaml)\n');
    expect(broken.stderr).toContain('hint: did you mean "second"?');
    expect(broken.stderr).toContain('tests/fixtures/broken/packs/unknown-guides.yaml:7:5: error: there is no guide "beanpole" in tests/fixtures/content/ (no beanpole/guide.yaml)\n');
    expect(broken.stderr).toContain('hint: the guides there are: second, tiny');
    expect(broken.stderr).toContain('tests/fixtures/broken/packs/unknown-guides.yaml:8:5: error: the guide "tiny" is listed twice\n');
    expect(broken.stderr).toContain('3 errors, 0 warnings');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(empty, 'unknown-guides'))).toBe(false);
  });
});

describe('studyguide pack with guides in other scripts', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'studyguide-pack-world-'));
  const file = (name: string) => path.join(out, 'packs', 'two-scripts', name);
  const typed = { ja: '紙の灯籠', ar: 'الباب الأزرق' };
  let result: ReturnType<typeof run>;

  beforeAll(() => {
    result = run('pack', path.join(FIXTURES, 'content', 'world', 'packs', 'two-scripts.yaml'), '--out', out);
  });

  it('builds, and its PDF gives back the Japanese and the Arabic title as typed, each as often as its guide alone', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdf = file('two-scripts-student.pdf');
    const fromPdftotext = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf))), { mergePages: true });
    for (const [guide, title] of Object.entries(typed)) {
      // At least wherever the guide's own file has it (the pack's title page names each film in English).
      const dir = path.join(FIXTURES, 'content', 'world', guide);
      const sources = ['guide.yaml', ...readdirSync(path.join(dir, 'themes')).map((name) => path.join('themes', name))].map((name) => readFileSync(path.join(dir, name), 'utf8'));
      const alone = sources.reduce((sum, source) => sum + occurrences(source, title), 0);
      expect(alone).toBeGreaterThan(3);
      expect(timesExtracted(fromPdftotext, title), `${guide} in pdftotext`).toBeGreaterThanOrEqual(alone);
      expect(timesExtracted(text as string, title), `${guide} in pdf.js`).toBeGreaterThanOrEqual(alone);
    }
  });

  it('makes an EPUB that the Java EPUBCheck passes with no error or warning, the Japanese and Arabic faces embedded', async () => {
    const report = (await epubcheck([file('two-scripts-student.epub')])).get(file('two-scripts-student.epub'))!;
    expect(epubcheckMessages(report)).toEqual([]);
    expect(report.checker).toMatchObject({ nFatal: 0, nError: 0, nWarning: 0 });
    expect(report.publication.embeddedFonts).toEqual(expect.arrayContaining(['Noto Sans JP', 'Noto Naskh Arabic']));
  });
});
