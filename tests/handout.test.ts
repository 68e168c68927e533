// The screening handout read back from its PDF: what is on the sheet, in what order, and that it stays one sheet.
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { loadGuide } from '../src/content/load.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { ROOT } from './helpers.js';

describe('the Beanpole handout', () => {
  const { guide } = loadGuide(path.join(ROOT, 'content', 'beanpole'));
  let pages: string[];
  let proxy: Awaited<ReturnType<typeof getDocumentProxy>>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    const result = await build({
      contentDir: path.join(ROOT, 'content'),
      outDir: path.join(ROOT, 'output-unused'),
      guides: ['beanpole'],
      editions: ['student', 'teacher'],
      formats: ['handout'],
      paper: 'a4',
      write: false,
    });
    expect(result.files.map((f) => path.basename(f.path))).toEqual(['beanpole-handout.pdf']);
    bytes = result.files[0]!.bytes;
    proxy = await getDocumentProxy(new Uint8Array(bytes));
    pages = ((await extractText(proxy, { mergePages: false })).text as string[]).map((p) => p.replace(/\s+/g, ' '));
  }, 30_000);

  it('fits one sheet, front and back, with no running heads or page numbers', () => {
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(pages.join(' ')).not.toContain('Student edition');
  });

  it('has the facts, the spoiler-free synopsis, the content note and six questions, in that order', () => {
    const text = pages.join(' ');
    const firstSentence = (markdown: string) => markdown.replace(/[*_]/g, '').split(/(?<=\.)\s/)[0]!.replace(/\s+/g, ' ').trim();
    const positions = [
      text.indexOf('Country and year'),
      text.indexOf(firstSentence(guide!.meta.synopsis.spoiler_free)),
      text.indexOf('Before you watch'),
      text.indexOf('Questions for after the film'),
      text.indexOf('The full guide'),
    ];
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const [index, question] of guide!.meta.questions.after.slice(0, 6).entries()) {
      const opening = question.prompt.replace(/[*_]/g, '').split(/\s+/).slice(0, 4).join(' ');
      expect(text).toContain(`${index + 1}. ${opening}`);
    }
    expect(text).not.toMatch(/(^| )7\. [A-Z]/);
    // Nothing for teachers on a sheet handed to an audience.
    expect(text).not.toContain('What a strong answer covers');
  });

  it('prints the guide’s web address beside a QR code tagged as a figure with the address as its alt text', async () => {
    const address = guide!.meta.web_address!;
    expect(pages.join(' ').replace(/\/ /g, '/')).toContain(`type the address: ${address}`);
    const page = await proxy.getPage(pages.findIndex((p) => p.includes('type the address')) + 1);
    const figures: string[] = [];
    const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
      if (node.role === 'Figure') figures.push(node.alt ?? '');
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk((await page.getStructTree()) as never);
    expect(figures).toContain(`QR code for ${address}`);
  });

  it('breaks none of the PDF/UA rules a machine can check; its web address is a described link', async () => {
    const report = await checkPdfUa(bytes);
    expect(report.diagnostics).toEqual([]);
    expect(report.counts.links).toBeGreaterThanOrEqual(1);
  });
});
