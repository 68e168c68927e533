// Protects what teachers and students rely on in the shipped Beanpole guide, read back from the real PDF and EPUB.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
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
/** Markdown as it reads once printed: no emphasis marks, link text without its target. */
const plain = (markdown: string) => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();

/** Every piece of text in the guide, with where it sits ("guide.synopsis.full", "colour.body"). */
function texts(guide: Guide): [string, string][] {
  const found: [string, string][] = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') found.push([where, value]);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
  };
  walk(guide.meta, 'guide');
  for (const theme of guide.themes) walk(theme, theme.id);
  return found;
}

describe('the Beanpole content', () => {
  const { guide, diagnostics } = loadGuide(beanpoleGuide);
  const meta = guide!.meta;

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

  it('gives teachers guidance for every question, and a common misconception for at least ten', () => {
    for (const q of allQuestions(guide!)) expect(q.guidance, q.id).toBeTruthy();
    expect(allQuestions(guide!).filter((q) => q.misconception).length).toBeGreaterThanOrEqual(10);
  });

  it('asks about the ending, spectatorship and Balagov as an auteur beside Closeness', () => {
    const prompts = allQuestions(guide!).map((q) => plain(q.prompt));
    expect(prompts.some((p) => /final scenes/.test(p))).toBe(true);
    expect(prompts.some((p) => /Where does the film put you, the viewer/.test(p))).toBe(true);
    expect(prompts.some((p) => /Closeness/.test(p) && /auteur/.test(p))).toBe(true);
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
    const terms = meta.glossary!.flatMap((group) => group.terms);
    expect(terms.length).toBeGreaterThanOrEqual(15);
    const russian = terms.filter((t) => /\p{Script=Cyrillic}/u.test(t.term));
    expect(russian.length).toBeGreaterThan(0);
    for (const term of russian) {
      expect(term.lang, term.term).toBe('ru');
      expect(term.transliteration, term.term).toBeTruthy();
    }
  });

  it('names every palette colour in words beside its value', () => {
    for (const swatch of meta.palette!.swatches) {
      expect(swatch.name).toMatch(/[a-z]/i);
      expect(swatch.associations.length).toBeGreaterThan(20);
    }
  });

  it('gives no timecodes, names no certificate and prints no web address', () => {
    const text = JSON.stringify(meta) + JSON.stringify(guide!.themes);
    expect(text).not.toMatch(/\b\d{1,2}:\d{2}(:\d{2})?\b/);
    expect(text).not.toMatch(/\b(BBFC|PG-13|rated R|certificate 1[28]|\(1[258]\))/);
    expect(meta.web_address).toBeUndefined();
    expect(text).not.toMatch(/example\.(org|com|net)/);
  });

  it('says each thing once: no run of nine words appears in two places', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const [where, text] of texts(guide!)) {
      const run = plain(text).toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
      for (let i = 0; i + 9 <= run.length; i++) {
        const key = run.slice(i, i + 9).join(' ');
        const first = seen.get(key);
        if (first === undefined) seen.set(key, where);
        else if (first !== where) repeats.push(`"${key}" in ${first} and ${where}`);
      }
    }
    expect(repeats).toEqual([]);
  });

  it('names its critics, writes British English, and says where Masha went only once', () => {
    const all = texts(guide!).map(([, text]) => plain(text)).join('\n');
    // Unnamed critics, except where the guide quotes the phrase to warn against it.
    expect(all).not.toMatch(/(?<!“)\b(critics|reviewers) (say|said|have|describe|compare|call|praise|link)\b|\bsome critics\b|\breviewers\b/i);
    expect(all).not.toMatch(/\bapartment/i);
    expect(all.match(/Berlin/g)!.length).toBeLessThanOrEqual(3);
    expect(all.match(/as far as Berlin/g) ?? []).toHaveLength(0);
  });

  it('gives a rationale and objectives, and every lesson plan its own objectives and work for students who opt out', () => {
    const using = meta.using_this_guide!;
    expect(words(using.rationale!)).toBeGreaterThan(80);
    expect(using.objectives!.length).toBeGreaterThanOrEqual(4);
    expect(using.screening_plan).toMatch(/130 to 137 minutes/);
    for (const plan of using.lesson_plans!) {
      expect(plan.objectives?.length, plan.title).toBeGreaterThan(0);
      expect(plan.opt_out, plan.title).toBeTruthy();
      expect(plan.rationale, plan.title).toBeTruthy();
    }
  });

  it('has five or six key scenes, each with prompts on framing, colour, sound and performance', () => {
    expect(meta.key_scenes!.length).toBeGreaterThanOrEqual(5);
    expect(meta.key_scenes!.length).toBeLessThanOrEqual(6);
    for (const scene of meta.key_scenes!) expect(scene.prompts.map((p) => p.aspect), scene.id).toEqual(['Framing', 'Colour', 'Sound', 'Performance']);
  });

  it('quotes critics by name and outlet, in a few words only', () => {
    for (const review of meta.reception!.reviews!) {
      expect(review.outlet).toBeTruthy();
      for (const quote of review.verdict.match(/“[^”]+”/g) ?? []) expect(words(quote), quote).toBeLessThanOrEqual(8);
    }
  });

  it('keeps a claims list that covers every content file and sorts each claim by strength', () => {
    const file = path.join(beanpoleGuide, 'SOURCES.md');
    expect(existsSync(file)).toBe(true);
    const claims = readFileSync(file, 'utf8');
    const yamlFiles = [...readdirSync(beanpoleGuide).filter((f) => f.endsWith('.yaml')), ...readdirSync(path.join(beanpoleGuide, 'themes')).map((f) => `themes/${f}`)];
    for (const name of yamlFiles) expect(claims, name).toMatch(new RegExp(`^## .*${name.replace('.', '\\.')}`, 'm'));
    const rows = [...claims.matchAll(/^\| (\d+) \|.*\| (primary|sheet|multi|single|flagged|research|reading)\b[^|]*\|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.map((r) => Number(r[1]))).toEqual(rows.map((_, i) => i + 1));
  });
});

type Edition = { document: ComposedDocument; pdfText: string; pages: number; epubText: string; epubFiles: Record<string, string> };

describe('the Beanpole editions, as printed and as e-books', () => {
  const editions: Record<'student' | 'teacher', Edition> = {} as never;
  const { guide } = loadGuide(beanpoleGuide);
  const meta = guide!.meta;
  const firstSentence = (text: string) => plain(text).split(/(?<=\.)\s/)[0]!;
  const guidanceSentences = allQuestions(guide!).map((q) => firstSentence(q.guidance!));

  beforeAll(async () => {
    for (const edition of ['student', 'teacher'] as const) {
      const document = composeFixture(beanpoleGuide, edition);
      const pdf = await renderPdf(document, theme, { paper: 'a4', date });
      const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
      // Words hyphenated at a line end are joined again, so sentences can be looked for whole.
      const pdfText = ((await extractText(proxy, { mergePages: true })).text as string).replace(/\s+/g, ' ').replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2');
      const epub = unzipSync(await renderEpub(document, theme, templates, { date }));
      const epubFiles = Object.fromEntries(
        Object.entries(epub)
          .filter(([name]) => name.endsWith('.xhtml'))
          // Inline tags go without a trace (so "<em>ellipsis</em>," reads "ellipsis,"); block tags leave a space.
          .map(([name, bytes]) => [path.basename(name), strFromU8(bytes).replace(/<\/?(em|strong|span|a)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')]),
      );
      editions[edition] = { document, pdfText, pages: pdf.pageCount, epubText: Object.values(epubFiles).join(' '), epubFiles };
    }
  }, 90_000);

  /** The PDF's text after the contents pages, which list every heading too. */
  const body = (edition: Edition) => edition.pdfText.slice(edition.pdfText.indexOf('How to use this guide This guide') >= 0 ? edition.pdfText.indexOf('How to use this guide This guide') : edition.pdfText.indexOf('Using this guide This guide'));

  it('prints the student edition on 18 to 64 A4 pages, and the teacher edition is richer', () => {
    expect(editions.student.pages).toBeGreaterThanOrEqual(18);
    expect(editions.student.pages).toBeLessThanOrEqual(64);
    expect(words(editions.teacher.epubText)).toBeGreaterThan(words(editions.student.epubText) * 1.3);
  });

  it('prints the new sections in both editions, in the PDF and the EPUB', () => {
    const shared = [
      'Why study Beanpole',
      'Ground rules for discussion',
      'Where to get help',
      ...meta.advisory.help!.spaces,
      'Activities before the film',
      'Who is who: a relationship map',
      'A quick quiz',
      ...meta.quiz!.items.map((item) => plain(item.question)),
      'Key scenes',
      ...meta.key_scenes!.map((scene) => plain(scene.title)),
      'Stalin, the Party and the red star',
      'Mise-en-scène',
      'Editing',
      'Igor Litoninsky',
      'Diegetic sound belongs to the world of the story',
      'Reception',
      'In Russia',
      'Prizes at home',
      ...meta.reception!.reviews!.map((review) => review.outlet),
      'Support and stretch',
      'Sentence starters',
      'Word bank',
      'Stretch tasks',
      'Eduqas',
      'Edexcel (9RU0)',
    ];
    for (const edition of [editions.student, editions.teacher]) {
      for (const text of shared) {
        expect(edition.pdfText, text).toContain(text);
        expect(edition.epubText, text).toContain(text.replace(/&/g, '&amp;'));
      }
    }
    expect(editions.student.pdfText).toContain('What you will learn');
    expect(editions.teacher.pdfText).toContain('Learning objectives');
  });

  it('never lets teacher guidance, answers, plans or the care notes for teachers into the student edition', () => {
    const teacherOnly = [
      'What a strong answer covers',
      'A common misconception',
      'Notes for teachers',
      'Wellbeing and facilitation',
      'If a student tells you something',
      'Fitting the film into school periods',
      'A single lesson after viewing',
      'For anyone who has opted out of the film',
      'Answer:',
      firstSentence(meta.differentiation!.teacher_note!),
      ...meta.key_scenes!.map((scene) => firstSentence(scene.teacher_note!)),
      ...guidanceSentences,
    ];
    for (const text of teacherOnly) {
      const needle = text.slice(0, 60);
      expect(editions.teacher.epubText, needle).toContain(needle);
      expect(editions.teacher.pdfText, needle).toContain(needle);
      expect(editions.student.epubText, needle).not.toContain(needle);
      expect(editions.student.pdfText, needle).not.toContain(needle);
      expect(editions.student.document.xhtml, needle).not.toContain(needle);
    }
  });

  it('gives the student edition a "time in your copy" line for each key scene, and the teacher edition none', () => {
    const count = (text: string) => text.split('Time in your copy').length - 1;
    expect(count(editions.student.pdfText)).toBe(meta.key_scenes!.length);
    expect(count(editions.student.epubText)).toBe(meta.key_scenes!.length);
    expect(count(editions.teacher.pdfText)).toBe(0);
  });

  it('numbers the questions the same way in both editions and both formats', () => {
    const numbers = (xhtml: string) => [...xhtml.matchAll(/<span class="number">(\d+)\.<\/span>/g)].map((m) => Number(m[1]));
    const student = numbers(editions.student.document.xhtml);
    expect(student).toEqual(Array.from({ length: allQuestions(guide!).length }, (_, i) => i + 1));
    expect(numbers(editions.teacher.document.xhtml)).toEqual(student);
    const lastPrompt = plain(meta.film_form!.questions!.at(-1)!.prompt).slice(0, 40);
    for (const edition of [editions.student, editions.teacher]) {
      expect(edition.pdfText).toContain(`${student.length}. ${lastPrompt}`);
      expect(edition.epubText).toContain(`${student.length}. ${lastPrompt}`);
    }
  });

  it('has every section a teacher expects, in order', () => {
    const ids = [...editions.teacher.document.xhtml.matchAll(/<section class="chapter[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'using-this-guide',
      'the-film',
      'content-advisory',
      'before-viewing',
      'historical-context',
      'filmmakers',
      'activities-before',
      'after-viewing',
      'quiz',
      'key-scenes',
      'theme-war-trauma',
      'theme-women-in-war',
      'theme-colour',
      'film-form',
      'palette',
      'reception',
      'activities',
      'support-and-stretch',
      'glossary',
      'curriculum',
      'further',
      'about-this-guide',
    ]);
  });

  it('keeps everything that gives the story away behind the spoiler warning, and the work before the film in front of it', () => {
    const spoilers = meta.advisory.details!.filter((d) => d.spoiler).map((d) => firstSentence(d.text));
    const before = ['Synopsis (no spoilers)', 'Ground rules for discussion', 'A diary from the siege', 'What do we know about 1945?'];
    const after = ['The difficult scenes in detail', ...spoilers, 'The whole story', 'Who is who: a relationship map', 'A quick quiz', 'Key scenes'];
    for (const edition of [editions.student, editions.teacher]) {
      const text = body(edition);
      const gate = text.indexOf('Spoilers from here on');
      expect(gate).toBeGreaterThan(0);
      for (const item of before) expect(text.indexOf(item), item).toBeGreaterThan(-1);
      for (const item of before) expect(text.indexOf(item), item).toBeLessThan(gate);
      for (const item of after) expect(text.indexOf(item), item).toBeGreaterThan(gate);
      // On an e-reader the advisory's own chapter holds no spoiler; the details sit in the chapter that opens with the warning.
      for (const item of spoilers) {
        expect(edition.epubFiles['content-advisory.xhtml'], item).not.toContain(item.slice(0, 50));
        const chapter = edition.epubFiles['after-viewing.xhtml']!;
        expect(chapter.indexOf(item.slice(0, 50)), item).toBeGreaterThan(chapter.indexOf('Spoilers from here on'));
      }
    }
  });

  it('puts the care note before the diary task, for students as well as teachers', () => {
    const task = firstSentence(meta.activities!.find((a) => a.id === 'savicheva-diary')!.task);
    const note = firstSentence(meta.activities!.find((a) => a.id === 'savicheva-diary')!.care_note!);
    for (const edition of [editions.student, editions.teacher]) {
      for (const text of [body(edition), edition.epubFiles['activities-before.xhtml']!]) {
        expect(text.indexOf(note), note).toBeGreaterThan(-1);
        expect(text.indexOf(note)).toBeLessThan(text.indexOf(task));
        expect(text.lastIndexOf('Before you start', text.indexOf(note))).toBeGreaterThan(-1);
      }
    }
  });
});
