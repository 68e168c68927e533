// IMS Common Cartridge 1.3: a discussion topic per question, in a folder per part of the guide, and a web link to the guide when it has an address.
import type { ComposedDocument } from '../../compose/compose.js';
import type { RenderContext, Rendered } from '../backend.js';
import { escapeHtml, platformHtml, questionName, readQuestionBank, type BankQuestion, type QuestionBank } from './questions.js';
import { el, writeXml, type XmlElement } from './xml.js';
import { zipPackage } from './zip.js';

const CC = 'http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1';
const LOM = 'http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest';
const DT = 'http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3';
const WL = 'http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const PROFILE = 'http://www.imsglobal.org/profile/cc/ccv1p3';

/**
 * Takes the teacher document, but a discussion topic is what students see: it carries the prompt and the
 * level as the guide prints it, never the guidance (which the Moodle and QTI banks keep for teachers).
 */
export async function renderCommonCartridge(document: ComposedDocument, context: RenderContext): Promise<Rendered> {
  const bank = readQuestionBank(document);
  const files = new Map<string, string>();
  for (const question of bank.parts.flatMap((p) => p.questions)) files.set(topicPath(question), writeXml(topic(question)));
  if (bank.webAddress) files.set(LINK_PATH, writeXml(webLink(bank.title, bank.webAddress)));
  files.set('imsmanifest.xml', writeXml(manifest(bank, document.guideId)));
  return { bytes: zipPackage(files, context.date), diagnostics: [] };
}

const LINK_PATH = 'links/full-guide.xml';
const topicPath = (q: BankQuestion) => `discussions/${q.id}.xml`;
const topicTitle = (q: BankQuestion) => questionName(q);

function topic(question: BankQuestion): XmlElement {
  const html = `<p>${platformHtml(question.prompt)} <em>(${escapeHtml(question.level)})</em></p>`;
  return el('topic', { xmlns: DT, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${DT} ${PROFILE}/ccv1p3_imsdt_v1p3.xsd` }, el('title', {}, topicTitle(question)), el('text', { texttype: 'text/html' }, html));
}

function webLink(title: string, href: string): XmlElement {
  return el('webLink', { xmlns: WL, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${WL} ${PROFILE}/ccv1p3_imswl_v1p3.xsd` }, el('title', {}, title), el('url', { href, target: '_blank' }));
}

function organization(bank: QuestionBank): XmlElement {
  const parts = bank.parts.map((part) =>
    el('item', { identifier: `folder-${part.id}` }, el('title', {}, part.title), ...part.questions.map((q) => el('item', { identifier: `item-${q.id}`, identifierref: `topic-${q.id}` }, el('title', {}, topicTitle(q))))),
  );
  const link = bank.webAddress ? el('item', { identifier: 'item-full-guide', identifierref: 'link-full-guide' }, el('title', {}, `${bank.title} (the full guide)`)) : undefined;
  return el('organizations', {}, el('organization', { identifier: 'organization', structure: 'rooted-hierarchy' }, el('item', { identifier: 'root' }, link, ...parts)));
}

function manifest(bank: QuestionBank, guideId: string): XmlElement {
  const topics = bank.parts.flatMap((p) => p.questions).map((q) => el('resource', { identifier: `topic-${q.id}`, type: 'imsdt_xmlv1p3' }, el('file', { href: topicPath(q) })));
  const link = bank.webAddress ? el('resource', { identifier: 'link-full-guide', type: 'imswl_xmlv1p3' }, el('file', { href: LINK_PATH })) : undefined;
  const lom = el('lomimscc:lom', {}, el('lomimscc:general', {}, el('lomimscc:title', {}, el('lomimscc:string', { language: bank.lang }, `${bank.title}: discussion questions`)), el('lomimscc:language', {}, bank.lang)));
  const schemaLocation = `${CC} ${PROFILE}/ccv1p3_imscp_v1p2_v1p0.xsd ${LOM} ${PROFILE}/LOM/ccv1p3_lommanifest_v1p0.xsd`;
  return el(
    'manifest',
    { xmlns: CC, 'xmlns:lomimscc': LOM, 'xmlns:xsi': XSI, 'xsi:schemaLocation': schemaLocation, identifier: `${guideId}-cartridge` },
    el('metadata', {}, el('schema', {}, 'IMS Common Cartridge'), el('schemaversion', {}, '1.3.0'), lom),
    organization(bank),
    el('resources', {}, link, ...topics),
  );
}
