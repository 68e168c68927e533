// Moodle XML: every discussion question as an essay question, in a category per part of the guide, its level as a tag.
import type { ComposedDocument } from '../../compose/compose.js';
import type { RenderContext, Rendered } from '../backend.js';
import { escapeHtml, platformHtml, questionName, readQuestionBank, type BankPart, type BankQuestion } from './questions.js';
import { el, writeXml, type XmlElement } from './xml.js';

/**
 * Takes the teacher document (it holds the guidance). The fields are those Moodle's XML format reads for
 * an essay (question/format/xml/format.php, import_headers and import_essay): answer box size from the
 * student edition's lines, the guidance as information for graders.
 */
export async function renderMoodleXml(document: ComposedDocument, _context: RenderContext): Promise<Rendered> {
  const bank = readQuestionBank(document);
  const root = bank.title.replace(/\//g, '-');
  const quiz = el('quiz', {}, ...bank.parts.flatMap((part) => [category(`$course$/top/${root}/${part.title.replace(/\//g, '-')}`, part), ...part.questions.map(essay)]));
  return { bytes: new TextEncoder().encode(writeXml(quiz)), diagnostics: [] };
}

const text = (value: string) => el('text', {}, value);
const html = (value: string) => el('text', {}, value ? { cdata: value } : '');

/** Moodle makes the category path on import; the part's questions follow it. */
function category(path: string, part: BankPart): XmlElement {
  return el('question', { type: 'category' }, el('category', {}, text(path)), el('info', { format: 'html' }, html(`<p>${escapeHtml(part.title)}</p>`)), el('idnumber', {}, part.id));
}

function essay(question: BankQuestion): XmlElement {
  const guidance = platformHtml(question.guidance);
  return el(
    'question',
    { type: 'essay' },
    el('name', {}, text(questionName(question))),
    el('questiontext', { format: 'html' }, html(`<p>${platformHtml(question.prompt)}</p>`)),
    el('generalfeedback', { format: 'html' }, html('')),
    el('defaultgrade', {}, '1'),
    el('penalty', {}, '0'),
    el('hidden', {}, '0'),
    el('idnumber', {}, question.id),
    el('responseformat', {}, 'editor'),
    el('responserequired', {}, '1'),
    el('responsefieldlines', {}, String(question.lines)),
    el('attachments', {}, '0'),
    el('attachmentsrequired', {}, '0'),
    el('graderinfo', { format: 'html' }, html(guidance)),
    el('responsetemplate', { format: 'html' }, html('')),
    el('tags', {}, el('tag', {}, text(question.level)), el('tag', {}, text(`question-${question.number}`))),
  );
}
