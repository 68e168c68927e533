// Protects the composed XHTML document: a golden file per edition, Russian marked, raw HTML kept as text, templates checked.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../src/compose/compose.js';
import { loadTemplates } from '../src/compose/templates.js';
import { loadGuide } from '../src/content/load.js';
import { composeFixture, FIXTURES, TEMPLATES, theme, tinyGuide } from './helpers.js';

describe('compose', () => {
  for (const edition of ['student', 'teacher'] as const) {
    it(`matches the golden XHTML for the ${edition} edition (UPDATE=1 rewrites it)`, () => {
      const golden = path.join(FIXTURES, 'golden', `tiny-${edition}.xhtml`);
      const { xhtml } = composeFixture(tinyGuide, edition);
      if (process.env.UPDATE === '1') writeFileSync(golden, xhtml);
      // A missing golden file is a failure, not a fresh start: only UPDATE=1 writes one.
      expect(existsSync(golden), `${golden} is missing; run with UPDATE=1 to write it`).toBe(true);
      expect(xhtml).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('keeps raw HTML from Markdown as text and marks Russian words', () => {
    const { xhtml } = composeFixture(tinyGuide, 'student');
    expect(xhtml).toContain('&lt;script&gt;raw HTML&lt;/script&gt;');
    expect(xhtml).not.toContain('<script>');
    expect(xhtml).toContain('<span lang="ru" xml:lang="ru">Дылда</span>');
  });

  it('gives guidance to teachers and write-in space to students, with the same question numbers', () => {
    const student = composeFixture(tinyGuide, 'student').xhtml;
    const teacher = composeFixture(tinyGuide, 'teacher').xhtml;
    expect(student).not.toContain('class="guidance"');
    expect(student).toContain('class="write-in" data-lines="2"');
    expect(teacher).toContain('class="guidance"');
    expect(teacher).not.toContain('write-in');
    const numbers = (x: string) => [...x.matchAll(/<span class="number">(\d+)\.<\/span>/g)].map((m) => m[1]);
    // Reading order: before, during and after viewing, then the theme chapter.
    expect(numbers(student)).toEqual(['1', '2', '3', '4']);
    expect(numbers(teacher)).toEqual(numbers(student));
  });

  it('keeps the teacher-only parts (wellbeing note, activity notes) out of the student edition', () => {
    const student = composeFixture(tinyGuide, 'student').xhtml;
    const teacher = composeFixture(tinyGuide, 'teacher').xhtml;
    for (const teacherOnly of ['Be kind.', 'Any drawing will do.', 'Wellbeing and facilitation']) {
      expect(teacher).toContain(teacherOnly);
      expect(student).not.toContain(teacherOnly);
    }
    // Things to notice during the film get no lines: nobody writes in the dark.
    expect(student).toMatch(/id="q-during-notice">\s*<p>[^]*?<\/p>\s*<\/li>/);
  });
});

describe('cross-references', () => {
  it('reports a link to an id that is not in the edition, at its place in the YAML', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-links-'));
    cpSync(tinyGuide, dir, { recursive: true });
    const file = path.join(dir, 'guide.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(#glossary)', '(#glosary)'));
    const { guide } = loadGuide(dir);
    const result = composeDocument(guide!, 'student', loadTemplates(TEMPLATES));
    expect(result.document).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'broken-link', file, line: 37, column: 64, message: 'the link to "#glosary" goes nowhere in the student edition' }),
    ]);
  });
});

describe('template errors', () => {
  const brokenTemplates = (change: (dir: string) => void) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-templates-'));
    cpSync(TEMPLATES, dir, { recursive: true });
    change(dir);
    return dir;
  };

  it('reports a syntax error with the template file and line', () => {
    const dir = brokenTemplates((d) => writeFileSync(path.join(d, 'partials', 'colophon.hbs'), '<section class="chapter">\n<p>{{guide.title}</p>\n</section>\n'));
    const [problem] = loadTemplates(dir).diagnostics;
    expect(problem).toMatchObject({ code: 'template-syntax', file: path.join(dir, 'partials', 'colophon.hbs'), line: 2, column: 4, message: 'Handlebars cannot read this line' });
  });

  it('reports an element outside the vocabulary at its place in the template', () => {
    const dir = brokenTemplates((d) => writeFileSync(path.join(d, 'partials', 'colophon.hbs'), '<section class="chapter">\n  <marquee>hi</marquee>\n</section>\n'));
    const [problem] = loadTemplates(dir).diagnostics;
    expect(problem).toMatchObject({ message: 'element <marquee> is not in the document vocabulary', line: 2, column: 3 });
  });

  it('reports a missing field with the template that asked for it', () => {
    const dir = brokenTemplates((d) => writeFileSync(path.join(d, 'partials', 'colophon.hbs'), '<section class="chapter">\n<p>{{guide.sponsor}}</p>\n</section>\n'));
    const { guide } = loadGuide(tinyGuide);
    const result = composeDocument(guide!, 'student', loadTemplates(dir));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'template-render', file: path.join(dir, 'partials', 'colophon.hbs'), line: 2, message: 'the template asks for "sponsor", which the content does not have here' }),
    ]);
  });
});
