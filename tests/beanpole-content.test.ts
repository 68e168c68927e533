// Protects what teachers and students rely on in the shipped Beanpole guide, read back from the real PDF and EPUB.
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComposedDocument } from '../src/compose/compose.js';
import { loadGuide, type Guide } from '../src/content/load.js';
import { QUESTION_LEVELS, type Question } from '../src/content/schema.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { beanpoleGuide, composeFixture, templates, theme } from './helpers.js';

const date = new Date('2026-11-22T00:00:00Z');

function allQuestions(guide: Guide): Question[] {
  const { before, during = [], after } = guide.meta.questions;
  return [...before, ...during, ...after, ...guide.themes.flatMap((t) => t.questions), ...(guide.meta.film_form?.questions ?? [])];
}

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('the Beanpole content', () => {
  const { guide, diagnostics } = loadGuide(beanpoleGuide);

  it('loads with no error or warning', () => {
    expect(diagnostics).toEqual([]);
    expect(guide).toBeDefined();
  });

  it('has at least 40 questions, each with one of the four levels, and every level used', () => {
    const questions = allQuestions(guide!);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    for (const q of questions) expect(QUESTION_LEVELS, q.id).toContain(q.level);
    expect(new Set(questions.map((q) => q.level))).toEqual(new Set(QUESTION_LEVELS));
  });

  it('gives teachers guidance for every question', () => {
    for (const q of allQuestions(guide!)) expect(q.guidance, q.id).toBeTruthy();
  });

  it('has three theme chapters of 600 to 1,000 words, each with its own questions', () => {
    expect(guide!.themes.map((t) => t.id)).toEqual(['war-trauma', 'women-in-war', 'colour']);
    for (const theme of guide!.themes) {
      expect(words(theme.body), theme.id).toBeGreaterThanOrEqual(600);
      expect(words(theme.body), theme.id).toBeLessThanOrEqual(1000);
      expect(theme.questions.length, theme.id).toBeGreaterThanOrEqual(5);
    }
  });

  it('has a glossary of 15 or more terms, Russian ones tagged and transliterated', () => {
    const terms = guide!.meta.glossary!.flatMap((group) => group.terms);
    expect(terms.length).toBeGreaterThanOrEqual(15);
    const russian = terms.filter((t) => /\p{Script=Cyrillic}/u.test(t.term));
    expect(russian.length).toBeGreaterThan(0);
    for (const term of russian) {
      expect(term.lang, term.term).toBe('ru');
      expect(term.transliteration, term.term).toBeTruthy();
    }
  });

  it('names every palette colour in words beside its value', () => {
    for (const swatch of guide!.meta.palette!.swatches) {
      expect(swatch.name).toMatch(/[a-z]/i);
      expect(swatch.associations.length).toBeGreaterThan(20);
    }
  });

  it('gives no timecodes and names no certificate', () => {
    const text = JSON.stringify(guide!.meta) + JSON.stringify(guide!.themes);
    expect(text).not.toMatch(/\b\d{1,2}:\d{2}(:\d{2})?\b/);
    expect(text).not.toMatch(/\b(BBFC|PG-13|rated R|certificate 1[28]|\(1[258]\))/);
  });
});

describe('the Beanpole editions, as printed and as e-books', () => {
  const editions: Record<'student' | 'teacher', { document: ComposedDocument; pdfText: string; pages: number; epubText: string }> = {} as never;
  const { guide } = loadGuide(beanpoleGuide);
  const guidanceSentences = allQuestions(guide!).map((q) => q.guidance!.split(/\.\s/)[0]!.replace(/\s+/g, ' ').trim());

  beforeAll(async () => {
    for (const edition of ['student', 'teacher'] as const) {
      const document = composeFixture(beanpoleGuide, edition);
      const pdf = await renderPdf(document, theme, { paper: 'a4', date });
      const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
      const pdfText = ((await extractText(proxy, { mergePages: true })).text as string).replace(/\s+/g, ' ');
      const epub = unzipSync(await renderEpub(document, theme, templates, { date }));
      const epubText = Object.entries(epub)
        .filter(([name]) => name.endsWith('.xhtml'))
        .map(([, bytes]) => strFromU8(bytes).replace(/<[^>]+>/g, ' '))
        .join(' ')
        .replace(/\s+/g, ' ');
      editions[edition] = { document, pdfText, pages: pdf.pageCount, epubText };
    }
  }, 60_000);

  it('prints the student edition on 18 to 40 A4 pages, and the teacher edition is richer', () => {
    expect(editions.student.pages).toBeGreaterThanOrEqual(18);
    expect(editions.student.pages).toBeLessThanOrEqual(40);
    expect(words(editions.teacher.epubText)).toBeGreaterThan(words(editions.student.epubText) * 1.3);
  });

  it('never lets teacher guidance, lesson plans or the wellbeing note into the student edition', () => {
    const teacherOnly = ['What a strong answer covers', 'Notes for teachers', 'Wellbeing and facilitation', 'A single lesson after viewing', ...guidanceSentences];
    for (const text of teacherOnly) {
      const needle = text.replace(/[*_]/g, '').slice(0, 60);
      expect(editions.teacher.epubText, needle).toContain(needle);
      expect(editions.student.epubText, needle).not.toContain(needle);
      expect(editions.student.document.xhtml, needle).not.toContain(needle);
    }
    expect(editions.student.pdfText).not.toContain('What a strong answer covers');
    expect(editions.teacher.pdfText).toContain('What a strong answer covers');
  });

  it('numbers the questions the same way in both editions and both formats', () => {
    const numbers = (xhtml: string) => [...xhtml.matchAll(/<span class="number">(\d+)\.<\/span>/g)].map((m) => Number(m[1]));
    const student = numbers(editions.student.document.xhtml);
    expect(student).toEqual(Array.from({ length: allQuestions(guide!).length }, (_, i) => i + 1));
    expect(numbers(editions.teacher.document.xhtml)).toEqual(student);
    const lastPrompt = guide!.meta.film_form!.questions!.at(-1)!.prompt.slice(0, 40);
    for (const edition of [editions.student, editions.teacher]) {
      expect(edition.pdfText).toContain(`${student.length}. ${lastPrompt}`);
      expect(edition.epubText).toContain(`${student.length}. ${lastPrompt}`);
    }
  });

  it('has every section a teacher expects, with the spoiler gate before the full synopsis', () => {
    const ids = [...editions.teacher.document.xhtml.matchAll(/<section class="chapter[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'using-this-guide',
      'the-film',
      'content-advisory',
      'before-viewing',
      'historical-context',
      'filmmakers',
      'after-viewing',
      'theme-war-trauma',
      'theme-women-in-war',
      'theme-colour',
      'film-form',
      'palette',
      'activities',
      'glossary',
      'curriculum',
      'further',
      'about-this-guide',
    ]);
    for (const edition of [editions.student, editions.teacher]) {
      // Body text only: the contents near the front list these headings too.
      const body = edition.pdfText.slice(edition.pdfText.indexOf('Content advisory Before you watch'));
      expect(body.indexOf('Spoilers from here on')).toBeGreaterThan(body.indexOf('Synopsis (no spoilers)'));
      expect(body.indexOf('The whole story')).toBeGreaterThan(body.indexOf('Spoilers from here on'));
    }
  });
});
