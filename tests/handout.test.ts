// The screening handout read back from its PDF: what is on the sheet, in what order, its question numbers, its web address or none.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { isReservedExampleAddress } from '../src/compose/web-address.js';
import { loadGuide } from '../src/content/load.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { ROOT, temporaryProject } from './helpers.js';

type Proxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Builds the handout of the Beanpole guide in `contentDir`, in memory, and reads its pages back. */
async function buildHandout(contentDir: string): Promise<{ bytes: Uint8Array; proxy: Proxy; pages: string[]; warnings: string[] }> {
  const result = await build({ contentDir, outDir: path.join(contentDir, '..', 'output-unused'), guides: ['beanpole'], editions: ['student', 'teacher'], formats: ['handout'], paper: 'a4', write: false });
  expect(result.files.map((f) => path.basename(f.path))).toEqual(['beanpole-handout.pdf']);
  const bytes = result.files[0]!.bytes;
  const proxy = await getDocumentProxy(new Uint8Array(bytes));
  // Words hyphenated at a line end are joined again, so sentences can be looked for whole.
  const pages = ((await extractText(proxy, { mergePages: false })).text as string[]).map((p) => p.replace(/\s+/g, ' ').replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2'));
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${path.basename(d.file)}:${d.line}: ${d.code}: ${d.message}`);
  return { bytes, proxy, pages, warnings };
}

/** The handout's figures: the QR code is one, with its address as alt text. */
async function figures(proxy: Proxy): Promise<string[]> {
  const found: string[] = [];
  for (let p = 1; p <= proxy.numPages; p++) {
    const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
      if (node.role === 'Figure') found.push(node.alt ?? '');
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk((await (await proxy.getPage(p)).getStructTree()) as never);
  }
  return found;
}

/** A copy of the project's content with a web address set in the Beanpole guide.yaml. */
function contentWithAddress(address: string): string {
  const project = temporaryProject(path.join(ROOT, 'content'));
  appendFileSync(path.join(project, 'content', 'beanpole', 'guide.yaml'), `web_address: ${address}\n`);
  return path.join(project, 'content');
}

describe('the Beanpole handout', () => {
  const { guide } = loadGuide(path.join(ROOT, 'content', 'beanpole'));
  const meta = guide!.meta;
  let handout: Awaited<ReturnType<typeof buildHandout>>;
  beforeAll(async () => {
    handout = await buildHandout(path.join(ROOT, 'content'));
  }, 30_000);

  it('fits one sheet, front and back, with no running heads or page numbers', () => {
    expect(handout.pages.length).toBeLessThanOrEqual(2);
    expect(handout.pages.join(' ')).not.toContain('Student edition');
  });

  it('has the facts, the spoiler-free synopsis, the content note, six questions, the full guide and a feedback line, in that order', () => {
    const text = handout.pages.join(' ');
    const firstSentence = (markdown: string) => markdown.replace(/[*_]/g, '').split(/(?<=\.)\s/)[0]!.replace(/\s+/g, ' ').trim();
    const positions = [
      text.indexOf('Country and year'),
      text.indexOf(firstSentence(meta.synopsis.spoiler_free)),
      text.indexOf('Before you watch'),
      text.indexOf('Questions for after the film'),
      text.indexOf('The full guide'),
      text.indexOf('Your view'),
      text.indexOf(firstSentence(meta.handout!.feedback!)),
    ];
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Nothing for teachers on a sheet handed to an audience.
    expect(text).not.toContain('What a strong answer covers');
  });

  it('prints each question under the number it has in the guide', () => {
    const text = handout.pages.join(' ');
    // Questions are numbered in reading order: before, during, then after viewing.
    const first = meta.questions.before.length + (meta.questions.during ?? []).length + 1;
    const handoutQuestions = meta.questions.after.slice(0, 6);
    for (const [index, question] of handoutQuestions.entries()) {
      const opening = question.prompt.replace(/[*_]/g, '').split(/\s+/).slice(0, 4).join(' ');
      expect(text).toContain(`${first + index}. ${opening}`);
    }
    // The sheet's own 1 to 6 are gone: no question starts at 1.
    expect(text).not.toMatch(/(^| )1\. [A-Z]/);
    expect(text).not.toMatch(new RegExp(`(^| )${first + 6}\\. [A-Z]`));
  });

  it('ships with no web address, so it has no QR code and says where to ask for the guide', async () => {
    expect(meta.web_address).toBeUndefined();
    const text = handout.pages.join(' ');
    expect(text).not.toContain('type the address');
    expect(text).not.toMatch(/example\.(org|com|net)/);
    expect(text).toContain('Ask the organisers of this screening, or your teacher, for a copy.');
    expect(await figures(handout.proxy)).toEqual([]);
    expect(handout.warnings).toEqual([]);
  });

  it('breaks none of the PDF/UA rules a machine can check', async () => {
    expect((await checkPdfUa(handout.bytes)).diagnostics).toEqual([]);
  });
});

describe('the handout’s web address', () => {
  it('prints a real address beside a QR code tagged as a figure with the address as its alt text, as a described link', async () => {
    const address = 'https://films.school-guides.uk/beanpole/';
    const { pages, proxy, bytes, warnings } = await buildHandout(contentWithAddress(address));
    expect(pages.join(' ').replace(/\/ /g, '/')).toContain(`type the address: ${address}`);
    expect(await figures(proxy)).toContain(`QR code for ${address}`);
    expect(warnings).toEqual([]);
    const report = await checkPdfUa(bytes);
    expect(report.diagnostics).toEqual([]);
    expect(report.counts.links).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('never prints a reserved example address: no QR code, no address, and a warning at the line that sets it', async () => {
    const { pages, proxy, warnings } = await buildHandout(contentWithAddress('https://example.org/studyguide/beanpole/'));
    const text = pages.join(' ');
    expect(text).not.toContain('example.org');
    expect(text).toContain('Ask the organisers of this screening');
    expect(await figures(proxy)).toEqual([]);
    const lines = readFileSync(path.join(ROOT, 'content', 'beanpole', 'guide.yaml'), 'utf8').split('\n').length;
    expect(warnings).toEqual([`guide.yaml:${lines}: placeholder-address: web_address https://example.org/studyguide/beanpole/ is a reserved example address, so the handout leaves out the QR code and the address`]);
  }, 30_000);

  it('is reported by `studyguide check`, which still succeeds', () => {
    const content = contentWithAddress('https://www.example.com/guide');
    const project = path.dirname(content);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'studyguide.js'), 'check', 'beanpole'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/content\/beanpole\/guide\.yaml:\d+:\d+: warning: web_address https:\/\/www\.example\.com\/guide is a reserved example address/);
    expect(result.stderr).toContain('hint: set web_address to where you publish the guide');
  });

  it('knows the reserved names and nothing more', () => {
    for (const reserved of ['https://example.org/', 'http://EXAMPLE.COM/x', 'https://guides.example.net/a', 'https://school.test/', 'https://a.example/', 'https://host.invalid/', 'http://localhost/']) {
      expect(isReservedExampleAddress(reserved), reserved).toBe(true);
    }
    for (const real of ['https://www.bfi.org.uk/', 'https://example-school.org/', 'https://notexample.com/', 'https://examples.net/']) {
      expect(isReservedExampleAddress(real), real).toBe(false);
    }
  });
});
