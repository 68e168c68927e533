// Protects the Word edition by reading the .docx back: headings, question numbers, Russian runs, boxes and lines, and what each edition leaves out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComposedDocument } from '../src/compose/compose.js';
import { elementChildren, findElement, hasClass, parseXhtml, textContent, type ElementNode } from '../src/compose/tree.js';
import { renderDocx } from '../src/render/docx/index.js';
import { beanpoleGuide, composeFixture, templates, theme, tinyGuide, renderContext } from './helpers.js';
import { libreOfficeConvert } from './outside-tools.js';

const date = new Date('2024-09-01T00:00:00Z');
const context = renderContext(date);

interface Docx {
  files: Record<string, string>;
  body: ElementNode;
}

async function readDocx(document: ComposedDocument): Promise<Docx & { bytes: Uint8Array }> {
  const { bytes, diagnostics } = await renderDocx(document, context);
  expect(diagnostics).toEqual([]);
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  const body = findElement(parseXhtml(files['word/document.xml']!), (n) => n.name === 'w:body')!;
  return { bytes, files, body };
}

const all = (node: ElementNode, test: (n: ElementNode) => boolean): ElementNode[] => [...(test(node) ? [node] : []), ...elementChildren(node).flatMap((c) => all(c, test))];
const paragraphs = (docx: Docx) => all(docx.body, (n) => n.name === 'w:p');
const styleOf = (p: ElementNode) => findElement(p, (n) => n.name === 'w:pStyle')?.attrs['w:val'];
const textOf = (node: ElementNode) => all(node, (n) => n.name === 'w:t').map(textContent).join('');
const withStyle = (docx: Docx, style: string) => paragraphs(docx).filter((p) => styleOf(p) === style);

/** The number Word shows for each question paragraph: its list's start value plus its place in that list. */
function wordQuestionNumbers(docx: Docx): number[] {
  const numbering = parseXhtml(docx.files['word/numbering.xml']!);
  const abstractOf = new Map(all(numbering, (n) => n.name === 'w:num').map((num) => [num.attrs['w:numId'], findElement(num, (n) => n.name === 'w:abstractNumId')!.attrs['w:val']]));
  const startOf = new Map(
    all(numbering, (n) => n.name === 'w:abstractNum').map((a) => {
      const level0 = all(a, (n) => n.name === 'w:lvl').find((l) => l.attrs['w:ilvl'] === '0')!;
      return [a.attrs['w:abstractNumId'], Number(findElement(level0, (n) => n.name === 'w:start')!.attrs['w:val'])];
    }),
  );
  const seen = new Map<string, number>();
  return withStyle(docx, 'Question').map((p) => {
    const numId = findElement(p, (n) => n.name === 'w:numId')!.attrs['w:val']!;
    const index = seen.get(numId) ?? 0;
    seen.set(numId, index + 1);
    return startOf.get(abstractOf.get(numId))! + index;
  });
}

const documentQuestionNumbers = (document: ComposedDocument) =>
  all(document.root, (n) => hasClass(n, 'question')).map((li) => Number.parseInt(textContent(findElement(li, (n) => hasClass(n, 'number'))!), 10));

describe('DOCX', () => {
  let student: ComposedDocument;
  let teacher: ComposedDocument;
  let studentDocx: Docx & { bytes: Uint8Array };
  let teacherDocx: Docx & { bytes: Uint8Array };
  beforeAll(async () => {
    student = composeFixture(tinyGuide, 'student');
    teacher = composeFixture(tinyGuide, 'teacher');
    studentDocx = await readDocx(student);
    teacherDocx = await readDocx(teacher);
  });

  it('has the title and real Heading 1 and 2 paragraphs, in reading order', () => {
    expect(withStyle(teacherDocx, 'Title').map(textOf)).toEqual(['Test Film']);
    expect(withStyle(teacherDocx, 'Heading1').map(textOf)).toEqual(['The film', 'Content advisory', 'Before viewing', 'After viewing', 'Colour', 'The colour palette', 'Activities', 'Glossary', 'Sources, credits and licence']);
    expect(withStyle(teacherDocx, 'Heading2').map(textOf)).toContain('Questions before viewing');
    const styles = teacherDocx.files['word/styles.xml']!;
    expect(styles).toMatch(/w:styleId="Heading1"[^]*?<w:outlineLvl w:val="0"\/>/);
  });

  it('numbers the questions as the document does, with Word numbering that starts at each list’s first number', () => {
    for (const [document, docx] of [[student, studentDocx], [teacher, teacherDocx]] as const) {
      expect(wordQuestionNumbers(docx)).toEqual(documentQuestionNumbers(document));
      expect(withStyle(docx, 'Question').map(textOf)[0]).toBe('What is the title? (recall)');
    }
  });

  it('marks Russian runs as Russian and the document as British English', () => {
    const russianRuns = all(teacherDocx.body, (n) => n.name === 'w:r' && findElement(n, (c) => c.name === 'w:lang')?.attrs['w:val'] === 'ru-RU');
    expect(russianRuns.map(textOf)).toEqual(expect.arrayContaining(['Проверка', 'Дылда']));
    const cyrillic = all(teacherDocx.body, (n) => n.name === 'w:r' && /[А-я]/.test(textOf(n)));
    expect(cyrillic.every((run) => russianRuns.includes(run))).toBe(true);
    expect(teacherDocx.files['word/styles.xml']).toMatch(/<w:docDefaults>[^]*<w:lang w:val="en-GB"\/>/);
    expect(teacherDocx.files['docProps/core.xml']).toContain('<dc:language>en-GB</dc:language>');
  });

  it('names the guide’s authors as its creator and the edition in its title', () => {
    const core = teacherDocx.files['docProps/core.xml']!;
    expect(core).toContain('<dc:creator>A. Teacher, B. Teacher</dc:creator>');
    expect(core).toContain('<dc:title>Test Film: a study guide, teacher edition</dc:title>');
    expect(studentDocx.files['docProps/core.xml']).toContain('<dc:title>Test Film: a study guide, student edition</dc:title>');
  });

  it('keeps teacher-only text out of the student edition and gives students ruled lines', () => {
    const studentText = textOf(studentDocx.body);
    const teacherText = textOf(teacherDocx.body);
    for (const teacherOnly of ['What a strong answer covers', 'It is Test Film.', 'Notes for teachers', 'Any drawing will do.', 'Wellbeing and facilitation', 'Be kind.']) {
      expect(teacherText).toContain(teacherOnly);
      expect(studentText).not.toContain(teacherOnly);
    }
    const lines = all(student.root, (n) => hasClass(n, 'write-in')).reduce((sum, n) => sum + Number(n.attrs['data-lines']), 0);
    const ruledRows = all(studentDocx.body, (n) => n.name === 'w:trHeight' && n.attrs['w:hRule'] === 'exact');
    expect(lines).toBeGreaterThan(0);
    expect(ruledRows).toHaveLength(lines);
    expect(all(teacherDocx.body, (n) => n.name === 'w:trHeight' && n.attrs['w:hRule'] === 'exact')).toHaveLength(0);
  });

  it('draws guidance and the advisory as shaded boxes, and tables with repeating header rows', () => {
    const shadedCells = all(teacherDocx.body, (n) => n.name === 'w:tc' && findElement(n, (c) => c.name === 'w:shd') !== undefined);
    const guidanceFill = theme.colours.guidance_background.slice(1).toUpperCase();
    expect(shadedCells.some((c) => textOf(c).includes('It is Test Film.') && findElement(c, (s) => s.name === 'w:shd')!.attrs['w:fill']!.toUpperCase() === guidanceFill)).toBe(true);
    expect(shadedCells.some((c) => textOf(c).startsWith('Before you watch'))).toBe(true);
    const headerRows = all(teacherDocx.body, (n) => n.name === 'w:tr' && findElement(n, (c) => c.name === 'w:tblHeader') !== undefined);
    expect(headerRows.map(textOf)).toEqual(['ActorRole']);
  });

  it('shows each palette colour beside its name', () => {
    const chips = all(teacherDocx.body, (n) => n.name === 'w:shd' && n.attrs['w:fill']?.toLowerCase() === '2e6b4a');
    expect(chips.length).toBeGreaterThanOrEqual(2);
    expect(textOf(teacherDocx.body)).toContain('Green (#2e6b4a)');
  });

  it('has a contents field, a page number in the footer and the theme fonts with fallbacks', () => {
    const instructions = all(teacherDocx.body, (n) => n.name === 'w:instrText').map(textContent);
    expect(instructions.some((i) => /TOC .*\\o "1-2"/.test(i))).toBe(true);
    expect(teacherDocx.files['word/document.xml']).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(withStyle(teacherDocx, 'TOC1').map(textOf)).toContain('Before viewing');
    const footerName = Object.keys(teacherDocx.files).find((f) => /^word\/footer\d+\.xml$/.test(f))!;
    expect(teacherDocx.files[footerName]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    const fonts = teacherDocx.files['word/fontTable.xml']!;
    expect(fonts).toMatch(/<w:font w:name="PT Serif"><w:altName w:val="Times New Roman"\/><w:panose1 w:val="[0-9A-F]{20}"\/><w:family w:val="roman"\/>/);
    expect(fonts).toMatch(/<w:font w:name="PT Sans"><w:altName w:val="Arial"\/>/);
    expect(teacherDocx.files['word/styles.xml']).toContain('w:ascii="PT Serif"');
  });

  it('links cross-references to bookmarks that exist', () => {
    const anchors = all(teacherDocx.body, (n) => n.name === 'w:hyperlink' && n.attrs['w:anchor'] !== undefined).map((n) => n.attrs['w:anchor']);
    const bookmarks = new Set(all(teacherDocx.body, (n) => n.name === 'w:bookmarkStart').map((n) => n.attrs['w:name']));
    expect(anchors).toContain('glossary');
    expect(anchors.filter((a) => !bookmarks.has(a))).toEqual([]);
  });

  it('gives every bookmark its own id, paired with its end', () => {
    for (const docx of [studentDocx, teacherDocx]) {
      const starts = all(docx.body, (n) => n.name === 'w:bookmarkStart').map((n) => n.attrs['w:id']);
      const ends = all(docx.body, (n) => n.name === 'w:bookmarkEnd').map((n) => n.attrs['w:id']);
      expect(starts.length).toBeGreaterThan(5);
      expect(new Set(starts).size).toBe(starts.length);
      expect(ends).toEqual(starts);
    }
  });

  it('keeps no paragraph inside a box or table with the next, so no box drags the next question with it', () => {
    const styles = parseXhtml(teacherDocx.files['word/styles.xml']!);
    const keptByStyle = new Set(all(styles, (n) => n.name === 'w:style' && findElement(n, (c) => c.name === 'w:keepNext') !== undefined).map((n) => n.attrs['w:styleId']));
    expect(keptByStyle).toContain('Label');
    const keepsWithNext = (p: ElementNode) => {
      const own = findElement(p, (n) => n.name === 'w:keepNext');
      if (own) return !['false', '0', 'off'].includes(own.attrs['w:val'] ?? 'true');
      return keptByStyle.has(styleOf(p) ?? 'Normal');
    };
    const inTables = all(teacherDocx.body, (n) => n.name === 'w:tbl').flatMap((t) => all(t, (n) => n.name === 'w:p'));
    expect(inTables.some((p) => styleOf(p) === 'Label')).toBe(true);
    expect(inTables.filter(keepsWithNext).map(textOf)).toEqual([]);
  });

  it('gives the same bytes for the same guide and date', async () => {
    const again = await renderDocx(teacher, context);
    expect(Buffer.from(again.bytes).equals(Buffer.from(teacherDocx.bytes))).toBe(true);
  });
});

describe('DOCX in LibreOffice', () => {
  it('converts both Beanpole editions, keeping the numbers, the Russian title and each edition’s own parts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-docx-'));
    for (const edition of ['student', 'teacher'] as const) {
      const { bytes } = await renderDocx(composeFixture(beanpoleGuide, edition), context);
      writeFileSync(path.join(dir, `${edition}.docx`), bytes);
    }
    libreOfficeConvert(dir, 'txt:Text', [path.join(dir, 'student.docx'), path.join(dir, 'teacher.docx')]);
    const student = readFileSync(path.join(dir, 'student.txt'), 'utf8');
    const teacher = readFileSync(path.join(dir, 'teacher.txt'), 'utf8');
    for (const text of [student, teacher]) {
      expect(text).toContain('Дылда');
      expect(text).toMatch(/^\s*1\.\s+What do you already know/m);
      expect(text).toMatch(/^\s*17\.\s+/m);
    }
    expect(teacher).toContain('What a strong answer covers');
    expect(student).not.toContain('What a strong answer covers');
    // Laid out as pages: the teacher edition adds guidance to the same questions, so it runs a little longer
    // (68 pages to 59 in the PDF); a box kept with the next question once made it 108 pages to 60.
    libreOfficeConvert(dir, 'pdf', [path.join(dir, 'student.docx'), path.join(dir, 'teacher.docx')]);
    const pages = (name: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, name)], { encoding: 'utf8' }))![1]);
    expect(pages('student.pdf')).toBeGreaterThan(30);
    expect(pages('teacher.pdf')).toBeLessThan(pages('student.pdf') * 1.35);
  }, 240_000);
});
