// Protects the question banks (Moodle XML, QTI 2.1, Common Cartridge 1.3) by reading them back: structure, numbers, levels, guidance, schemas.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDocument, type ComposedDocument } from '../src/compose/compose.js';
import { loadGuide } from '../src/content/load.js';
import { elementChildren, escapeXml, findElement, hasClass, parseXhtml, textContent, type ElementNode } from '../src/compose/tree.js';
import { renderCommonCartridge } from '../src/render/question-bank/cartridge.js';
import { renderMoodleXml } from '../src/render/question-bank/moodle.js';
import { renderQti } from '../src/render/question-bank/qti.js';
import { ANSWER_LINES } from '../src/render/question-bank/questions.js';
import { beanpoleGuide, composeFixture, FIXTURES, templates, theme, tinyGuide, renderContext } from './helpers.js';

const context = renderContext(new Date('2024-09-01T00:00:00Z'));
const SCHEMAS = path.join(FIXTURES, 'schemas');

const all = (node: ElementNode, test: (n: ElementNode) => boolean): ElementNode[] => [...(test(node) ? [node] : []), ...elementChildren(node).flatMap((c) => all(c, test))];
const child = (node: ElementNode, name: string) => elementChildren(node).find((c) => c.name === name);
const path1 = (node: ElementNode, ...names: string[]) => names.reduce<ElementNode | undefined>((n, name) => n && child(n, name), node);
const text = (node: ElementNode | undefined) => (node ? textContent(node).trim() : undefined);
const unzip = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

/** What the document says about each question: the numbers, levels and guidance every bank must carry. */
function documentQuestions(document: ComposedDocument) {
  return all(document.root, (n) => hasClass(n, 'question')).map((li) => ({
    id: li.attrs.id!,
    number: Number.parseInt(textContent(findElement(li, (n) => hasClass(n, 'number'))!), 10),
    level: li.attrs['data-level']!,
    guidance: (() => {
      const aside = findElement(li, (n) => hasClass(n, 'guidance'));
      return aside ? elementChildren(aside).filter((n) => !hasClass(n, 'label')).map(textContent).join(' ').replace(/\s+/g, ' ').trim() : '';
    })(),
  }));
}

/** Runs xmllint with a schema over files; returns its report (empty when every file is valid). */
function xmllint(schema: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-bank-'));
  const paths = Object.entries(files).map(([name, content]) => {
    const file = path.join(dir, name.replace(/\//g, '_'));
    writeFileSync(file, content);
    return file;
  });
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, ...paths], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

describe('the answer lines', () => {
  it('match the lines the student edition rules for each level', () => {
    const student = composeFixture(beanpoleGuide, 'student');
    const ruled = all(student.root, (n) => hasClass(n, 'question') && findElement(n, (c) => hasClass(c, 'write-in')) !== undefined);
    expect(ruled.length).toBeGreaterThan(20);
    for (const li of ruled) expect(Number(findElement(li, (c) => hasClass(c, 'write-in'))!.attrs['data-lines'])).toBe(ANSWER_LINES[li.attrs['data-level']!]);
  });
});

describe('Moodle XML', () => {
  let document: ComposedDocument;
  let quiz: ElementNode;
  beforeAll(async () => {
    document = composeFixture(beanpoleGuide, 'teacher');
    // The tree parser keeps text, not CDATA sections; a CDATA section is the same text unescaped.
    const xml = strFromU8((await renderMoodleXml(document, context)).bytes);
    quiz = parseXhtml(xml.replace(/<!\[CDATA\[([^]*?)\]\]>/g, (_, inner: string) => escapeXml(inner)));
  });

  // The paths below are the ones Moodle's reader takes (question/format/xml/format.php: readquestions,
  // import_category, import_headers, import_essay); a field it cannot find falls back to a default silently.
  it('has an essay per question, in order, with the prompt, answer box size, guidance for graders and the level as a tag', () => {
    expect(quiz.name).toBe('quiz');
    const essays = elementChildren(quiz).filter((q) => q.attrs.type === 'essay');
    const expected = documentQuestions(document);
    expect(essays).toHaveLength(expected.length);
    essays.forEach((essay, i) => {
      const question = expected[i]!;
      expect(text(path1(essay, 'name', 'text'))).toMatch(new RegExp(`^${question.number}\\. `));
      expect(path1(essay, 'questiontext')!.attrs.format).toBe('html');
      expect(text(path1(essay, 'questiontext', 'text'))).toMatch(/^<p>.+<\/p>$/s);
      expect(text(path1(essay, 'idnumber'))).toBe(question.id);
      expect(text(path1(essay, 'responseformat'))).toBe('editor');
      expect(Number(text(path1(essay, 'responsefieldlines')))).toBe(ANSWER_LINES[question.level]);
      expect(path1(essay, 'graderinfo')!.attrs.format).toBe('html');
      const grader = text(path1(essay, 'graderinfo', 'text'))!.replace(/<\/?(em|strong|span|a)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      expect(grader).toBe(question.guidance);
      const tags = elementChildren(path1(essay, 'tags')!).map((t) => text(path1(t, 'text')));
      expect(tags).toEqual([question.level, `question-${question.number}`]);
    });
  });

  it('puts each part of the guide in its own category, before its questions', () => {
    const categories = elementChildren(quiz).filter((q) => q.attrs.type === 'category').map((q) => text(path1(q, 'category', 'text')));
    expect(categories.map((c) => c!.split('/').pop())).toEqual([
      'Questions before viewing',
      'While you watch',
      'Questions after viewing',
      'Questions: War trauma',
      'Questions: Women in war',
      'Questions: Colour',
      'Questions on film form',
    ]);
    expect(categories.every((c) => c!.startsWith('$course$/top/Beanpole: a study guide/'))).toBe(true);
    expect(elementChildren(quiz)[0]!.attrs.type).toBe('category');
  });

  it('keeps Russian marked and drops links into the guide, keeping their words', () => {
    const prompts = elementChildren(quiz).filter((q) => q.attrs.type === 'essay').map((q) => text(path1(q, 'questiontext', 'text'))!);
    expect(prompts.some((p) => p.includes('<span lang="ru">Дылда</span>'))).toBe(true);
    expect(prompts.join('')).not.toMatch(/href="#/);
  });
});

describe('QTI 2.1 package', () => {
  let document: ComposedDocument;
  let files: Record<string, string>;
  beforeAll(async () => {
    document = composeFixture(beanpoleGuide, 'teacher');
    files = unzip((await renderQti(document, context)).bytes);
  });

  it('has a manifest that is valid IMS Content Packaging 1.1 and lists exactly the files in the package', () => {
    expect(xmllint(path.join(SCHEMAS, 'imscp_v1p1', 'imscp_v1p1.xsd'), { 'imsmanifest.xml': files['imsmanifest.xml']! })).toBe('');
    const manifest = parseXhtml(files['imsmanifest.xml']!);
    const listed = all(manifest, (n) => n.name === 'file').map((f) => f.attrs.href).sort();
    expect(listed).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());
    const types = all(manifest, (n) => n.name === 'resource').map((r) => r.attrs.type);
    expect(new Set(types)).toEqual(new Set(['imsqti_test_xmlv2p1', 'imsqti_item_xmlv2p1']));
  });

  // The order and attributes checked here are those of assessmentItem, itemBody, extendedTextInteraction and
  // rubricBlock in the QTI 2.1 information model (imsqti_v2p1p1.xsd); see tests/fixtures/schemas/README.md.
  it('has an extended-text item per question, with the guidance as a rubric for scorers and tutors', () => {
    for (const question of documentQuestions(document)) {
      const item = parseXhtml(files[`items/${question.id}.xml`]!);
      expect(item.name).toBe('assessmentItem');
      expect(item.attrs).toMatchObject({ xmlns: 'http://www.imsglobal.org/xsd/imsqti_v2p1', identifier: question.id, label: question.level, adaptive: 'false', timeDependent: 'false' });
      expect(elementChildren(item).map((c) => c.name)).toEqual(['responseDeclaration', 'outcomeDeclaration', 'itemBody']);
      const body = child(item, 'itemBody')!;
      const interaction = child(body, 'extendedTextInteraction')!;
      expect(interaction.attrs).toEqual({ responseIdentifier: 'RESPONSE', expectedLines: String(ANSWER_LINES[question.level]) });
      expect(child(item, 'responseDeclaration')!.attrs).toEqual({ identifier: 'RESPONSE', cardinality: 'single', baseType: 'string' });
      expect(elementChildren(interaction).map((c) => c.name)).toEqual(['prompt']);
      const rubric = child(body, 'rubricBlock');
      if (question.guidance) {
        expect(rubric!.attrs.view).toBe('scorer tutor');
        expect(textContent(rubric!).replace(/\s+/g, ' ').trim()).toBe(question.guidance);
      } else expect(rubric).toBeUndefined();
    }
  });

  it('has a test with a section per part, each item in it once with its level as its category', () => {
    const test = parseXhtml(files['tests/discussion-questions.xml']!);
    const sections = all(test, (n) => n.name === 'assessmentSection');
    expect(sections.map((s) => s.attrs.title)).toContain('Questions: Colour');
    const refs = sections.flatMap((s) => elementChildren(s));
    expect(refs.map((r) => r.attrs.href)).toEqual(documentQuestions(document).map((q) => `../items/${q.id}.xml`));
    expect(refs.map((r) => r.attrs.category)).toEqual(documentQuestions(document).map((q) => q.level));
  });
});

describe('Common Cartridge 1.3', () => {
  it('has a discussion topic per question in a folder per part, without the teachers’ guidance, and a link to the guide', async () => {
    const { guide } = loadGuide(beanpoleGuide);
    guide!.meta.web_address = 'https://films.school-guides.uk/beanpole/';
    const document = composeDocument(guide!, 'teacher', templates).document!;
    const files = unzip((await renderCommonCartridge(document, context)).bytes);
    const manifest = parseXhtml(files['imsmanifest.xml']!);
    expect(manifest.attrs.xmlns).toBe('http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1');
    expect(text(path1(manifest, 'metadata', 'schemaversion'))).toBe('1.3.0');
    const resources = all(manifest, (n) => n.name === 'resource');
    const referenced = new Set(all(manifest, (n) => n.name === 'item' && n.attrs.identifierref !== undefined).map((i) => i.attrs.identifierref));
    expect(resources.every((r) => referenced.has(r.attrs.identifier))).toBe(true);
    expect(all(manifest, (n) => n.name === 'file').map((f) => f.attrs.href).sort()).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());
    const questions = documentQuestions(document);
    const topics = resources.filter((r) => r.attrs.type === 'imsdt_xmlv1p3');
    expect(topics).toHaveLength(questions.length);
    for (const [i, question] of questions.entries()) {
      const topic = parseXhtml(files[`discussions/${question.id}.xml`]!);
      expect(topic.attrs.xmlns).toBe('http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3');
      expect(elementChildren(topic).map((c) => c.name)).toEqual(['title', 'text']);
      expect(text(child(topic, 'title'))).toMatch(new RegExp(`^${question.number}\\. `));
      const html = text(child(topic, 'text'))!;
      expect(html).toContain(`(${question.level})`);
      if (question.guidance) expect(html).not.toContain(question.guidance.slice(0, 40));
      expect(topics[i]!.attrs.identifier).toBe(`topic-${question.id}`);
    }
    const link = parseXhtml(files['links/full-guide.xml']!);
    expect(child(link, 'url')!.attrs.href).toBe('https://films.school-guides.uk/beanpole/');
    const root = path1(manifest, 'organizations', 'organization', 'item')!;
    expect(elementChildren(root).filter((i) => i.attrs.identifierref === undefined).map((f) => text(child(f, 'title')))).toContain('While you watch');
  });

  // The CC 1.3 manifest profile (not vendored, see tests/fixtures/schemas/README.md) restricts IMS Content
  // Packaging, so a manifest valid under the profile is valid CP 1.1 once its namespace is CP's: this checks the
  // elements, their order and attributes, though not the profile's narrower rules.
  it('has a manifest that is valid IMS Content Packaging 1.1 under CP’s own namespace', async () => {
    const { guide } = loadGuide(beanpoleGuide);
    guide!.meta.web_address = 'https://films.school-guides.uk/beanpole/';
    const files = unzip((await renderCommonCartridge(composeDocument(guide!, 'teacher', templates).document!, context)).bytes);
    const asContentPackage = files['imsmanifest.xml']!.replaceAll('http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1', 'http://www.imsglobal.org/xsd/imscp_v1p1');
    expect(asContentPackage).not.toBe(files['imsmanifest.xml']);
    expect(xmllint(path.join(SCHEMAS, 'imscp_v1p1', 'imscp_v1p1.xsd'), { 'imsmanifest.xml': asContentPackage })).toBe('');
  });

  it('has no web link when the guide has no web address', async () => {
    const files = unzip((await renderCommonCartridge(composeFixture(tinyGuide, 'teacher'), context)).bytes);
    expect(Object.keys(files).some((f) => f.startsWith('links/'))).toBe(false);
    expect(files['imsmanifest.xml']).not.toContain('imswl_xmlv1p3');
  });
});
