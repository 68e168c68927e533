// QTI 2.1 as an IMS content package: an extended-text item per question, the guidance as a rubric for scorers, a test with a section per part.
import type { ComposedDocument } from '../../compose/compose.js';
import type { DocNode } from '../../compose/tree.js';
import type { RenderContext, Rendered } from '../backend.js';
import { readQuestionBank, type BankQuestion, type QuestionBank } from './questions.js';
import { el, writeXml, type XmlChild, type XmlElement } from './xml.js';
import { zipPackage } from './zip.js';

const QTI = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const QTI_XSD = 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd';
const CP = 'http://www.imsglobal.org/xsd/imscp_v1p1';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Takes the teacher document. Each question is an assessmentItem a person marks (no response processing);
 * the level goes in the item's label and as the category of its place in the test, which is what QTI
 * offers for grouping items; each part of the guide is a section of the test.
 */
export async function renderQti(document: ComposedDocument, context: RenderContext): Promise<Rendered> {
  const bank = readQuestionBank(document);
  const files = new Map<string, string>();
  const questions = bank.parts.flatMap((p) => p.questions);
  for (const question of questions) files.set(itemPath(question), writeXml(item(question, bank.lang)));
  files.set(TEST_PATH, writeXml(assessmentTest(bank, document.guideId)));
  files.set('imsmanifest.xml', writeXml(manifest(questions, document.guideId)));
  return { bytes: zipPackage(files, context.date), diagnostics: [] };
}

const TEST_PATH = 'tests/discussion-questions.xml';
const itemPath = (q: BankQuestion) => `items/${q.id}.xml`;

/** Document nodes as QTI's XHTML: the same element names in QTI's namespace, lang as xml:lang, links inside the guide unwrapped. */
export function qtiContent(nodes: DocNode[]): XmlChild[] {
  return nodes.flatMap((node): XmlChild[] => {
    if (node.type === 'text') return [node.value.replace(/\s+/g, ' ')];
    const children = qtiContent(node.children);
    if (node.name === 'a' && (node.attrs.href ?? '#').startsWith('#')) return children;
    const attrs = { 'xml:lang': node.attrs.lang, href: node.name === 'a' ? node.attrs.href : undefined };
    return [el(node.name, attrs, ...children)];
  });
}

function item(question: BankQuestion, lang: string): XmlElement {
  const rubric = question.guidance.length ? el('rubricBlock', { view: 'scorer tutor' }, ...qtiContent(question.guidance)) : undefined;
  return el(
    'assessmentItem',
    { xmlns: QTI, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${QTI} ${QTI_XSD}`, identifier: question.id, title: `Question ${question.number}`, label: question.level, 'xml:lang': lang, adaptive: 'false', timeDependent: 'false' },
    el('responseDeclaration', { identifier: 'RESPONSE', cardinality: 'single', baseType: 'string' }),
    el('outcomeDeclaration', { identifier: 'SCORE', cardinality: 'single', baseType: 'float' }),
    el('itemBody', {}, rubric, el('extendedTextInteraction', { responseIdentifier: 'RESPONSE', expectedLines: question.lines }, el('prompt', {}, ...qtiContent(question.prompt)))),
  );
}

function assessmentTest(bank: QuestionBank, guideId: string): XmlElement {
  const sections = bank.parts.map((part) =>
    el(
      'assessmentSection',
      { identifier: `part-${part.id}`, title: part.title, visible: 'true' },
      ...part.questions.map((q) => el('assessmentItemRef', { identifier: `ref-${q.id}`, href: `../${itemPath(q)}`, category: q.level })),
    ),
  );
  return el(
    'assessmentTest',
    { xmlns: QTI, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${QTI} ${QTI_XSD}`, identifier: `${guideId}-discussion-questions`, title: `${bank.title}: discussion questions` },
    el('testPart', { identifier: 'discussion', navigationMode: 'nonlinear', submissionMode: 'simultaneous' }, ...sections),
  );
}

function manifest(questions: BankQuestion[], guideId: string): XmlElement {
  const itemResources = questions.map((q) => el('resource', { identifier: `item-${q.id}`, type: 'imsqti_item_xmlv2p1', href: itemPath(q) }, el('file', { href: itemPath(q) })));
  const test = el('resource', { identifier: 'test', type: 'imsqti_test_xmlv2p1', href: TEST_PATH }, el('file', { href: TEST_PATH }), ...questions.map((q) => el('dependency', { identifierref: `item-${q.id}` })));
  return el(
    'manifest',
    { xmlns: CP, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd`, identifier: `${guideId}-qti-package` },
    el('metadata', {}, el('schema', {}, 'QTIv2.1 Package'), el('schemaversion', {}, '1.0.0')),
    el('organizations', {}),
    el('resources', {}, test, ...itemResources),
  );
}
