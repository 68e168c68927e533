// The discussion questions as the teacher document holds them, grouped by part of the guide: what every question-bank export writes.
import type { ComposedDocument } from '../../compose/compose.js';
import { elementChildren, findElement, hasClass, textContent, type DocNode, type ElementNode } from '../../compose/tree.js';

export interface BankQuestion {
  /** The document's id for the question (q-before-title), stable across builds. */
  id: string;
  number: number;
  level: string;
  /** The prompt as HTML elements and text, without its number and level. */
  prompt: DocNode[];
  promptText: string;
  /** The teacher's guidance as block elements, when the document has it. */
  guidance: ElementNode[];
  /** Lines of answer space, as the student edition rules them for this level. */
  lines: number;
}

export interface BankPart {
  /** The id of the heading over the questions (questions-before), or of the chapter. */
  id: string;
  /** "Questions before viewing", "While you watch", "Questions: Colour". */
  title: string;
  questions: BankQuestion[];
}

export interface QuestionBank {
  title: string;
  lang: string;
  webAddress?: string;
  parts: BankPart[];
}

/**
 * Answer lines by level, as the student edition rules them (WRITE_IN_LINES in compose.ts): questions
 * that ask for more thought get a bigger box. The teacher document has no lines, so the level decides here;
 * a test holds the two in step.
 */
export const ANSWER_LINES: Record<string, number> = { recall: 2, analysis: 4, evaluation: 5, creation: 6 };

/** Reads every question list in the document, in reading order, one part per list. */
export function readQuestionBank(document: ComposedDocument): QuestionBank {
  const body = findElement(document.root, (n) => n.name === 'body');
  const chapters = body ? elementChildren(body).filter((s) => s.name === 'section' && hasClass(s, 'chapter')) : [];
  const parts = chapters.flatMap((chapter) => partsOf(chapter));
  const webAddress = findElement(document.root, (n) => n.name === 'meta' && n.attrs.name === 'web-address')?.attrs.content;
  return { title: document.title, lang: document.lang, webAddress, parts };
}

function partsOf(chapter: ElementNode): BankPart[] {
  const parts: BankPart[] = [];
  let heading: ElementNode | undefined = elementChildren(chapter).find((n) => n.name === 'h1');
  for (const node of elementChildren(chapter)) {
    if (/^h[1-4]$/.test(node.name)) heading = node;
    if (node.name !== 'ol' || !hasClass(node, 'questions')) continue;
    const id = (heading?.name === 'h1' ? chapter.attrs.id : heading?.attrs.id) ?? chapter.attrs.id ?? `part-${parts.length + 1}`;
    const questions = elementChildren(node).filter((li) => hasClass(li, 'question')).map(readQuestion);
    parts.push({ id, title: heading ? plain(heading) : id, questions });
  }
  return parts;
}

function readQuestion(li: ElementNode): BankQuestion {
  const paragraph = elementChildren(li).find((n) => n.name === 'p');
  const marked = (cls: string) => (paragraph ? elementChildren(paragraph).find((n) => hasClass(n, cls)) : undefined);
  const numberLabel = marked('number');
  const levelLabel = marked('level');
  const level = li.attrs['data-level'] ?? (levelLabel ? plain(levelLabel).replace(/[()]/g, '') : '');
  const prompt = trimEnds((paragraph?.children ?? []).filter((n) => n !== numberLabel && n !== levelLabel));
  const aside = elementChildren(li).find((n) => hasClass(n, 'guidance'));
  return {
    id: li.attrs.id ?? `q-${numberLabel ? plain(numberLabel) : ''}`,
    number: Number.parseInt(numberLabel ? textContent(numberLabel) : '', 10),
    level,
    prompt,
    promptText: prompt.map(textContent).join('').replace(/\s+/g, ' ').trim(),
    guidance: aside ? elementChildren(aside).filter((n) => !hasClass(n, 'label')) : [],
    lines: ANSWER_LINES[level] ?? 4,
  };
}

/** A question's name in a platform's lists: its number and the start of its prompt, cut at a word. */
export function questionName(question: BankQuestion, limit = 80): string {
  const prompt = question.promptText;
  if (prompt.length <= limit) return `${question.number}. ${prompt}`;
  const cut = prompt.slice(0, limit);
  return `${question.number}. ${cut.slice(0, Math.max(cut.lastIndexOf(' '), limit / 2)).replace(/[,;:.]$/, '')}…`;
}

const plain = (node: ElementNode) => textContent(node).replace(/\s+/g, ' ').trim();

/** The space the number and level leave at either end of the prompt goes with them. */
function trimEnds(nodes: DocNode[]): DocNode[] {
  const out = [...nodes];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.replace(/\s+$/, '') };
  return out.filter((n) => n.type !== 'text' || n.value);
}

/**
 * HTML for a learning platform from document nodes: links inside the guide lose their target (the page
 * they point into is not in the platform) but keep their words, and XHTML's xml:lang becomes lang.
 */
export function platformHtml(nodes: DocNode[]): string {
  return nodes.map(htmlOf).join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
const HTML_ATTRIBUTES = ['href', 'lang'];

function htmlOf(node: DocNode): string {
  if (node.type === 'text') return escapeHtml(node.value.replace(/\s+/g, ' '));
  const inner = node.children.map(htmlOf).join('');
  if (node.name === 'a' && (node.attrs.href ?? '#').startsWith('#')) return inner;
  const attrs = HTML_ATTRIBUTES.filter((a) => node.attrs[a]).map((a) => ` ${a}="${escapeHtml(node.attrs[a]!)}"`).join('');
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}
