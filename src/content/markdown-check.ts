// Markdown the guide cannot show is an error at its place, never dropped or printed as typed; characters made by &…; references are checked like typed ones.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { z } from 'zod';
import { withNesting } from '../compose/markdown.js';
import type { Diagnostic } from '../diagnostics.js';
import { Problems } from './problems.js';
import { markdownFields } from './schema.js';
import { VISIBLE } from './schema-fields.js';
import { placesInScalar, stringValues } from './scalar-places.js';
import { forbiddenCharacter } from './text.js';
import { schemaAt, formatPath } from './validate.js';
import type { SourceFile } from './yaml.js';

/** Deeper lists squeeze the text into a sliver on an A5 page; four levels is more than any guide needs. */
export const MAX_LIST_DEPTH = 4;
/** More columns than this do not fit an A5 page or a phone. */
export const MAX_TABLE_COLUMNS = 4;

// Every construct CommonMark knows (and tables, strikethrough and HTML), so what the renderer leaves out can be named.
// text_join is off so that each &…; reference stays a token of its own.
const detector = new MarkdownIt('commonmark', withNesting({ html: true })).enable(['table', 'strikethrough']).disable('text_join');

type Kind = 'block' | 'inline';

type Report = (index: number, message: string, hint: string) => void;

/** Checks every Markdown field of a file, as the schema names them. */
export function checkMarkdown(source: SourceFile, schema: z.ZodType, diagnostics: Diagnostic[]): void {
  for (const { node, path } of stringValues(source)) {
    const field = schemaAt(schema, path) as z.ZodType | undefined;
    const kind = field ? markdownFields.get(field)?.markdown : undefined;
    const value = String(node.value);
    const place = placesInScalar(source, node);
    if (!kind) {
      if (field) checkPlainText(value, formatPath(path), (found) => diagnostics.push(...found.diagnostics((index) => ({ file: source.file, ...place(index) }))));
      continue;
    }
    const found = new Problems();
    const report: Report = (index, message, hint) => found.add(index, message, hint);
    let tokens: Token[];
    const env: { references?: Record<string, unknown> } = {};
    try {
      tokens = detector.parse(value, env);
    } catch {
      // markdown-it's own nesting limit should make this unreachable; if it is reached, it is the text's fault, said at its place.
      report(0, 'the text nests lists or quotes too deeply to read', `lists may be nested ${MAX_LIST_DEPTH} levels deep`);
      diagnostics.push(...found.diagnostics((index) => ({ file: source.file, ...place(index) })));
      continue;
    }
    const lines = lineStarts(value);
    checkBlocks(tokens, kind, formatPath(path), value, lines, report);
    checkReferenceDefinitions(env, value, report);
    checkInline(tokens, value, lines, report, (decoded) => (source.decoded ??= []).push({ ...decoded, position: place(decoded.index) }));
    // A text cut short by a problem above may look blank; say so only when nothing else is wrong with it.
    if (found.size === 0 && !value.includes('<!--') && !hasVisibleText(tokens)) report(0, 'the text is blank once its Markdown is read', 'write the text, or remove the key if it is optional');
    diagnostics.push(...found.diagnostics((index) => ({ file: source.file, ...place(index) })));
  }
}

/**
 * Block constructs: those the guide has no place for, lists nested too deep, tables too wide. A field set
 * inside a line is rendered inline, so "1917. The war ends" or "# of films" print as typed there, as meant;
 * only what is plainly structure (a list of several items, a table, a second paragraph) is an error in it.
 */
function checkBlocks(tokens: Token[], kind: Kind, field: string, value: string, lines: number[], report: Report): void {
  let depth = 0;
  let paragraphs = 0;
  let deepReported = false;
  tokens.forEach((token, index) => {
    const at = token.map ? firstCharacter(value, lines[token.map[0]] ?? 0) : 0;
    const unsupported = UNSUPPORTED_BLOCKS[token.type];
    const comment = token.type === 'html_block' && token.content.trimStart().startsWith('<!--');
    if (unsupported && kind === 'block' && !comment) report(at, unsupported[0], unsupported[1]);
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      depth++;
      if (depth > MAX_LIST_DEPTH && !deepReported) {
        deepReported = true;
        report(at, `this list is nested ${depth} levels deep; guides allow ${MAX_LIST_DEPTH}`, 'indent fewer levels: make the inner items a list of their own, or write them as a sentence');
      }
    }
    if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    if (token.type === 'table_open') checkTable(tokens, index, at, report);
    if (kind === 'inline' && token.level === 0) {
      const items = token.type.endsWith('list_open') ? listItems(tokens, index) : 0;
      const what = token.type === 'table_open' ? 'a table' : items > 1 ? 'a list' : token.type === 'paragraph_open' && ++paragraphs === 2 ? 'a second paragraph' : undefined;
      if (what) report(at, `${field} is set within a line of the guide, so it cannot hold ${what}`, what === 'a second paragraph' ? 'join the paragraphs (remove the blank line)' : 'write it as a sentence; lists and tables belong in the longer texts (a body, a summary, a task)');
    }
  });
}

/** Markdown that a plain field (a title, a name, a label) would print as typed, and what to do instead. */
const PLAIN_MARKUP: [RegExp, string, string][] = [
  // Set off from letters on both sides, so a name like M*A*S*H is not taken for emphasis.
  [/(?<![\p{L}\p{N}\\*_])(\*\*?|__?)(?=[^\s*_])[^*_\n]*?[^\s*_\\]\1(?![\p{L}\p{N}*_])/gu, 'emphasis', 'remove the marks: a title or a name is set in its own style, and cannot be italic or bold in part'],
  [/\[[^\]\n]+\]\([^)\s]+\)/g, 'a link', 'write the words alone here; links belong in the longer texts (a body, a summary, a task)'],
  [/`[^`\n]+`/g, 'code', 'remove the backticks'],
];

function checkPlainText(value: string, field: string, report: (found: Problems) => void): void {
  if (!/[*_[`]/.test(value)) return;
  const found = new Problems();
  for (const [pattern, what, hint] of PLAIN_MARKUP) {
    for (const match of value.matchAll(pattern)) found.add(match.index!, `${field} is plain text, so the Markdown for ${what} (${match[0].length > 30 ? `${match[0].slice(0, 29)}…` : match[0]}) would be printed as typed`, hint);
  }
  if (found.size) report(found);
}

/** How many items the list opened at `start` has (its own, not those of lists inside it). */
function listItems(tokens: Token[], start: number): number {
  const level = tokens[start]!.level + 1;
  let count = 0;
  for (let i = start + 1; i < tokens.length && tokens[i]!.level >= level; i++) if (tokens[i]!.type === 'list_item_open' && tokens[i]!.level === level) count++;
  return count;
}

const UNSUPPORTED_BLOCKS: Record<string, [string, string]> = {
  heading_open: ['headings are not supported in guide text (a line starting with #, or underlined with === or ---)', 'the guide makes its headings from titles: start a new section with its own title, or use **bold** text'],
  code_block: ['this line is indented by four spaces or more after a blank line, which Markdown reads as code', 'remove the spaces at the start of the line'],
  fence: ['code blocks (between ``` or ~~~ lines) are not supported in guide text', 'write the text as ordinary paragraphs'],
  blockquote_open: ['block quotes (lines starting with ">") are not supported in guide text', 'put a quotation in quotation marks (“…”) inside a paragraph'],
  hr: ['a line of ---, *** or ___ is a horizontal rule, which guides do not have', 'remove the line; a blank line is enough to start a new paragraph'],
  html_block: ['HTML is not supported in guide text (a line that starts with an HTML tag)', 'write it in Markdown (*italic*, **bold**, "- " for a list); to show a < as typed, put a backslash before it (\\<)'],
};

function checkTable(tokens: Token[], start: number, at: number, report: Report): void {
  let columns = 0;
  for (let i = start + 1; i < tokens.length && tokens[i]!.type !== 'tr_close'; i++) if (tokens[i]!.type === 'th_open') columns++;
  if (columns > MAX_TABLE_COLUMNS) report(at, `this table has ${columns} columns; guides allow ${MAX_TABLE_COLUMNS}, which fit an A5 page and a phone`, 'split it into two tables, or turn some columns into rows');
}

/** Inline constructs the guide cannot show, and every &…; reference: one that makes no character is an error, the rest are checked as characters. */
/** A bullet that starts a line of a paragraph: only an over-indented list item ends up there. */
const LIST_MARKER_TYPED = /^[-*+] \S/;

function checkInline(tokens: Token[], value: string, lines: number[], report: Report, decoded: (d: { index: number; character: string; reference: string }) => void): void {
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    let cursor = lines[token.map?.[0] ?? 0] ?? 0;
    const find = (markup: string) => {
      const found = value.indexOf(markup, cursor);
      if (found >= 0) cursor = found + markup.length;
      return found >= 0 ? found : cursor;
    };
    let afterLineBreak = false;
    for (const child of token.children) {
      // A line indented past its list is read as more words of the item above ("- e" printed as typed).
      if (afterLineBreak && child.type === 'text' && LIST_MARKER_TYPED.test(child.content)) {
        report(find(child.content), `this line starts with "${child.content.slice(0, 2)}" like a list item, but is indented too far, so it is read as more words of the line above`, 'indent a nested item by the width of the marker above it: two spaces under "- ", three under "1. "');
      } else if (child.type === 'text') find(child.content);
      else if (child.type === 'em_open' || child.type === 'strong_open') find(child.markup);
      else if (child.type === 'code_inline') report(find(child.markup), 'code (text between backticks) is not supported in guide text', 'remove the backticks; to show a backtick as typed, write \\`');
      else if (child.type === 's_open') report(find(child.markup), 'struck-through text (~~…~~) is not supported in guide text', 'delete the words instead, or say in words that they were changed');
      else if (child.type === 'text_special' && child.info === 'entity') checkReference(child, find(child.markup), report, decoded);
      afterLineBreak = child.type === 'softbreak';
    }
  }
}

function checkReference(token: Token, index: number, report: Report, decoded: (d: { index: number; character: string; reference: string }) => void): void {
  const reference = token.markup;
  const code = /^&#x/i.test(reference) ? parseInt(reference.slice(3), 16) : /^&#/.test(reference) ? parseInt(reference.slice(2), 10) : undefined;
  // markdown-it turns a reference to no character (&#0;, &#xD800;, &#xFFFE;) into U+FFFD: say what it was instead.
  if (token.content === '\uFFFD' && code !== 0xfffd) {
    report(index, `the character reference ${reference} does not stand for a character a document can hold${code !== undefined && code >= 0xd800 && code <= 0xdfff ? ' (it is half of a surrogate pair)' : ''}`, 'delete it, or type the character itself');
    return;
  }
  const forbidden = forbiddenCharacter(token.content);
  if (forbidden) {
    report(index, `the character reference ${reference} stands for ${forbidden.name}, which XML, and so the EPUB, cannot hold`, 'delete it');
    return;
  }
  for (const character of token.content) decoded({ index, character, reference });
}

/** `[name]: https://…` lines vanish from the text; the links that use them are best written inline. */
function checkReferenceDefinitions(env: { references?: Record<string, unknown> }, value: string, report: Report): void {
  if (!env.references || !Object.keys(env.references).length) return;
  for (const match of value.matchAll(/^ {0,3}\[[^\]\n]+\]:/gm)) {
    report(match.index! + match[0].indexOf('['), 'link reference definitions ([name]: address) are not supported in guide text', 'write the link where it is used: [the words](https://…)');
  }
}

function hasVisibleText(tokens: Token[]): boolean {
  return tokens.some((token) => token.type === 'inline' && (token.children ?? []).some((child) => VISIBLE.test(child.content)));
}

function lineStarts(value: string): number[] {
  const starts = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The first character of a line that is not a space, so the caret lands on the # or the fence. */
function firstCharacter(value: string, lineStart: number): number {
  let i = lineStart;
  while (value[i] === ' ') i++;
  return i < value.length && value[i] !== '\n' ? i : lineStart;
}
