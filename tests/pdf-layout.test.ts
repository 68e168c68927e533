// Protects the PDF's print layout, read back from the file: contents numbers, bookmarks, headings never stranded, tagging.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComposedDocument } from '../src/compose/compose.js';
import { elementChildren, findElement, linkTargets, textContent, type ElementNode } from '../src/compose/tree.js';
import { build } from '../src/build.js';
import { EDITIONS } from '../src/compose/compose.js';
import { withPageNumbers } from '../src/render/pdf/cross-references.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { layOut } from '../src/render/pdf/layout.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { beanpoleGuide, composeFixture, ROOT, temporaryProject, theme } from './helpers.js';

interface Line {
  y: number;
  text: string;
}

type Proxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Text lines of a page, top to bottom, with running heads and feet (outside the margins) left out. */
async function bodyLines(proxy: Proxy, pageNumber: number, margins: { top: number; bottom: number }): Promise<Line[]> {
  const page = await proxy.getPage(pageNumber);
  const height = page.view[3]!;
  const content = await page.getTextContent();
  const lines = new Map<number, string[]>();
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const y = Math.round(height - item.transform[5]!);
    if (y < margins.top || y > height - margins.bottom + 4) continue;
    const key = [...lines.keys()].find((k) => Math.abs(k - y) <= 3) ?? y;
    lines.set(key, [...(lines.get(key) ?? []), item.str]);
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([y, parts]) => ({ y, text: parts.join(' ').replace(/\s+/g, ' ').trim() }));
}

async function countOutline(items: { items: unknown[] }[] | null): Promise<number> {
  if (!items) return 0;
  let count = 0;
  for (const item of items) count += 1 + (await countOutline(item.items as { items: unknown[] }[]));
  return count;
}

// A5 is the booklet's page: its numbers, contents and bookmarks are checked as its own, student edition only.
for (const paper of ['a4', 'letter', 'a5'] as const) {
  for (const edition of paper === 'a5' ? (['student'] as const) : (['student', 'teacher'] as const)) {
    describe(`Beanpole ${edition} PDF on ${paper}`, () => {
      let proxy: Proxy;
      let result: Awaited<ReturnType<typeof renderPdf>>;
      let pages: Line[][];
      let document: ComposedDocument;
      beforeAll(async () => {
        document = composeFixture(beanpoleGuide, edition);
        result = await renderPdf(document, theme, { paper, date: new Date('2026-11-22T00:00:00Z') });
        proxy = await getDocumentProxy(new Uint8Array(result.bytes));
        pages = [];
        for (let p = 1; p <= proxy.numPages; p++) pages.push(await bodyLines(proxy, p, theme.pages[paper].margins));
      });

      // The first layout of a build with no page numbers from an earlier one only measures (see renderPdf).
      it('is measured onto the same pages without writing anything', () => {
        const targets = linkTargets(document.root);
        const root = withPageNumbers(document.root, new Map([...targets].map((id) => [id, result.pageMap.get(id)!])));
        const measured = layOut(document, root, theme, { page: theme.pages[paper], date: new Date('2026-11-22T00:00:00Z'), measureOnly: true });
        expect(measured.pageMap.size).toBeGreaterThan(100);
        expect([...measured.pageMap]).toEqual([...result.pageMap]);
        return expect(measured.finish()).rejects.toThrow('only to measure');
      });

      it('lists every chapter in the contents with the page its heading is on', () => {
        const firstChapter = result.pageMap.get('the-film')! - 1;
        const contents = pages.slice(1, firstChapter).flat().filter((l) => /\s\d+$/.test(l.text));
        expect(contents.length).toBeGreaterThanOrEqual(5);
        for (const line of contents) {
          const [, title, number] = /^(.*?)\s+(\d+)$/.exec(line.text)!;
          const target = pages[Number(number) - 1]!;
          // A long heading may wrap on a narrow page, so look for it in the page's running text.
          expect(target.map((l) => l.text).join(' '), `"${title}" on page ${number}`).toContain(title!);
        }
      });

      it('prints each cross-reference with the page its target is on', () => {
        const links = new Map<string, string>();
        const visit = (node: ElementNode) => {
          if (node.name === 'a' && node.attrs.href?.startsWith('#')) links.set(node.attrs.href.slice(1), textContent(node));
          for (const child of elementChildren(node)) visit(child);
        };
        visit(document.root);
        expect(links.size).toBeGreaterThanOrEqual(edition === 'teacher' ? 6 : 3);
        const text = pages.map((p) => p.map((l) => l.text).join(' ')).join(' ');
        for (const [id, linkText] of links) {
          const page = result.pageMap.get(id)!;
          // The target's heading (or a figure's caption) is on that page...
          const target = findElement(document.root, (n) => n.attrs.id === id)!;
          const heading = target.name.startsWith('h') ? target : findElement(target, (n) => /^h[1-3]$/.test(n.name) || n.name === 'figcaption')!;
          expect(pages[page - 1]!.some((l) => l.text.startsWith(textContent(heading).trim().slice(0, 20))), `#${id} on page ${page}`).toBe(true);
          // ...and the printed reference says so.
          expect(text, linkText).toContain(`${linkText.split(' ').at(-1)} (page ${page})`);
        }
      });

      it('never leaves a single line alone on a page', () => {
        pages.forEach((lines, index) => expect(lines.length, `page ${index + 1}: ${lines[0]?.text}`).not.toBe(1));
      });

      it('has one bookmark per heading', async () => {
        const headings = result.headings.length;
        expect(headings).toBeGreaterThan(10);
        expect(await countOutline((await proxy.getOutline()) as never)).toBe(headings);
      });

      it('never ends a page with a heading', () => {
        for (const heading of result.headings) {
          const lines = pages[heading.page - 1]!;
          const last = lines[lines.length - 1];
          expect(last?.text, `page ${heading.page} ends with the heading "${heading.title}"`).not.toBe(heading.title);
        }
      });

      it('keeps the spaces between words in extracted text', () => {
        const all = pages.flat().map((l) => l.text).join('\n');
        expect(all).toContain('The war is over before the first shot');
        expect(all).not.toMatch(/[a-z]{25,}/);
        // hyphenation points that were not used leave no trace in the text
        expect(all).not.toContain('\u00AD');
        expect(all).not.toContain('hos pit al');
      });

      it('breaks none of the PDF/UA rules a machine can check, and every link is tagged and described', async () => {
        const report = await checkPdfUa(result.bytes);
        expect(report.diagnostics).toEqual([]);
        // The contents entries and the cross-references in the text are all links a screen reader can reach.
        expect(report.counts.links).toBeGreaterThan(result.headings.length);
        expect(report.counts.artifacts).toBeGreaterThanOrEqual(result.pageCount - 1);
      });

      it('is tagged with a title shown in the window and PDF/UA identification', async () => {
        const raw = Buffer.from(result.bytes).toString('latin1');
        expect(raw).toContain('/StructTreeRoot');
        expect(raw).toContain('/DisplayDocTitle true');
        expect(raw).toContain('pdfuaid:part');
        expect(raw).toMatch(/\/S \/TOCI/);
        expect(raw).toMatch(/\/Type \/OBJR/);
        // The first page after the contents starts a chapter with its H1.
        const tree = await (await proxy.getPage(result.pageMap.get('the-film')!)).getStructTree();
        expect(JSON.stringify(tree)).toContain('"role":"H1"');
      });
    });
  }
}

// Parsed fonts, shaped words, hyphenation and paragraph heights are kept for the whole process (see fonts.ts,
// hyphenate.ts, inline.ts). Whatever this process laid out before, a layout must not depend on it.
describe('Beanpole PDF after other layouts in the same process', () => {
  it('is byte-identical to the one a fresh process makes', async () => {
    const project = temporaryProject(path.join(ROOT, 'content'));
    // The loop above laid out A4 first, so the caches hold A4's measurements when Letter is laid out here.
    const inProcess = await build({ contentDir: path.join(project, 'content'), outDir: path.join(project, 'output'), guides: ['beanpole'], editions: EDITIONS, formats: ['pdf'], paper: 'letter', write: false });
    const warm = inProcess.files.find((f) => f.edition === 'student')!.bytes;
    const fresh = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'studyguide.js'), 'build', 'beanpole', '--edition', 'student', '--format', 'pdf', '--paper', 'letter'], { cwd: project, encoding: 'utf8' });
    expect(fresh.status, fresh.stderr).toBe(0);
    const cold = readFileSync(path.join(project, 'output', 'beanpole', 'beanpole-student-letter.pdf'));
    expect(Buffer.from(warm).equals(cold)).toBe(true);
  });
});
