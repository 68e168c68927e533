// Reads one YAML file into plain data while keeping the syntax tree, so any value can be located by its path.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { normaliseToNfc } from './nfc.js';

/** Content files are hand-written text; anything larger is a mistake (or an attack), not a guide. */
export const MAX_CONTENT_FILE_BYTES = 5 * 1024 * 1024;

export interface SourceFile {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/** Parses a YAML file; problems go into `diagnostics` and the data is undefined when it cannot be trusted. */
export function readYamlFile(file: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const text = readText(file, diagnostics);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  // Explicit options win over a `%YAML 1.1` directive, which would turn `NO` into false and enable merge keys.
  const document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
  });
  const source: SourceFile = { file, text, document, lineCounter, data: undefined };
  const seen = new Set<string>();
  for (const problem of [...document.errors, ...document.warnings]) {
    const at = problem.linePos?.[0];
    const lineText = at ? text.split('\n')[at.line - 1] : undefined;
    const message = yamlMessage(problem.code, problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), lineText);
    // Deep nesting repeats the same complaint at every bracket; once per file is enough.
    const key = problem.code === 'RESOURCE_EXHAUSTION' || /too deeply/.test(message) ? message : `${at?.line}:${at?.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // An unclosed quote or bracket is noticed where the file ends; the place to fix is where it was opened.
    const opener = problem.code === 'MISSING_CHAR' || /end with a [\]}]/.test(message) ? unclosedOpener(text, problem.pos[0]) : undefined;
    diagnostics.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: opener ? `this ${opener.what} is never closed` : message,
      file,
      line: opener?.line ?? at?.line,
      column: opener?.column ?? at?.col,
      hint: yamlHint(problem.code, problem.message, lineText),
    });
  }
  normaliseToNfc(document);
  rejectVersionDirective(source, diagnostics);
  const before = diagnostics.length;
  rejectMergeKeys(source, diagnostics);
  if (document.errors.length || diagnostics.length > before) return source;
  try {
    source.data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    source.data = ALIAS_BOMB;
    diagnostics.push({
      severity: 'error',
      code: 'yaml-aliases',
      message: 'too many YAML aliases: the file would expand to an enormous size',
      file,
      line: 1,
      column: 1,
      hint: `write the values out instead of repeating anchors (${(error as Error).message})`,
    });
  }
  if (source.data === ALIAS_BOMB) {
    source.data = undefined;
  } else if (source.data === null || source.data === undefined) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-file',
      message: 'the file has no content',
      file,
      hint: 'a content file needs at least its required keys; see the schema named on its first line',
    });
  }
  return source;
}

function readText(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    const size = statSync(file).size;
    if (size > MAX_CONTENT_FILE_BYTES) {
      diagnostics.push({
        severity: 'error',
        code: 'file-too-large',
        message: `the file is ${(size / 1048576).toFixed(1)} MB; content files may be at most 5 MB`,
        file,
        hint: 'a whole guide is well under 1 MB of text; check that this is the file you meant, or split it into several files in the guide folder',
      });
      return undefined;
    }
    const bytes = readFileSync(file);
    const encoding = notUtf8(bytes);
    if (encoding) {
      diagnostics.push({ severity: 'error', code: 'not-utf8', file, ...encoding });
      return undefined;
    }
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    diagnostics.push({
      severity: 'error',
      code: code === 'ENOENT' ? 'missing-file' : 'unreadable-file',
      message:
        code === 'ENOENT'
          ? 'the file does not exist'
          : error instanceof TypeError
            ? 'the file is not valid UTF-8 text'
            : `the file cannot be read (${code ?? (error as Error).message})`,
      file,
      hint: error instanceof TypeError ? 'save it as UTF-8 in your editor' : undefined,
    });
    return undefined;
  }
}

/** Files that are not UTF-8 text: binary files, UTF-16 (Windows Notepad's "Unicode"), or text in an old 8-bit encoding. */
function notUtf8(bytes: Uint8Array): Pick<Diagnostic, 'message' | 'hint' | 'line' | 'column'> | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { message: 'the file is saved as UTF-16, not UTF-8', hint: 'in your editor, save it again with the encoding "UTF-8"' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { message: 'this is not a text file (it contains binary data)', hint: 'content files are YAML text; check that the right file was saved here' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const good = firstBadUtf8Byte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, good)).replace(/^\uFEFF/, '');
    const lines = before.split('\n');
    const byte = bytes[good]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      message: `the file is not valid UTF-8 text: byte 0x${byte} cannot start or continue a character`,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
      hint: 'it was probably saved in an older encoding (such as Windows-1252); save it again as UTF-8',
    };
  }
}

/** Where the first byte that is not part of a well-formed UTF-8 sequence is. */
function firstBadUtf8Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (length > 1 && !isWellFormedSequence(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}

/** Overlong forms and surrogates pass the length test above; the strict decoder settles them. */
function isWellFormedSequence(sequence: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sequence);
    return true;
  } catch {
    return false;
  }
}

/** Marks a file whose aliases would expand without bound: it has no usable data, and saying "empty" as well would mislead. */
const ALIAS_BOMB = Symbol('alias bomb');

/** The last quote or bracket before `offset` that is opened and not closed, with its place. */
function unclosedOpener(text: string, offset: number): { what: string; line: number; column: number } | undefined {
  const stack: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote.char === '"') i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(text[i - 1]!))) {
      quote = { char: c, at: i };
    } else if (c === '[' || c === '{') {
      stack.push({ char: c, at: i });
    } else if (c === ']' || c === '}') {
      stack.pop();
    }
  }
  const open = quote ?? stack[stack.length - 1];
  if (!open) return undefined;
  const before = text.slice(0, open.at).split('\n');
  const what = open.char === '"' || open.char === "'" ? `${open.char === '"' ? 'double' : 'single'} quote` : open.char === '[' ? 'bracket [' : 'brace {';
  return { what, line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The yaml library's own words where they help a teacher; plain English where they name its API. */
function yamlMessage(code: string, message: string, lineText = ''): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lineText)?.[1];
    return key ? `the key "${key}" appears twice in the same block` : 'a key appears twice in the same block';
  }
  if (code === 'MULTIPLE_DOCS') return 'the file holds a second YAML document (after a --- line); a content file holds one';
  if (code === 'RESOURCE_EXHAUSTION' || /Maximum call stack/.test(message)) return 'the file nests lists or blocks too deeply to read';
  return message;
}

/** `%YAML 1.1` would change what yes, no and << mean for whoever reads the file next; the file is read as 1.2 regardless. */
function rejectVersionDirective(source: SourceFile, diagnostics: Diagnostic[]): void {
  const match = /^%YAML\s+(\S+)/m.exec(source.text);
  if (!match || match[1] === '1.2') return;
  const line = source.text.slice(0, match.index).split('\n').length;
  diagnostics.push({
    severity: 'error',
    code: 'yaml-version',
    message: `the file asks for YAML ${match[1]}; guides are read as YAML 1.2 only`,
    file: source.file,
    line,
    column: 1,
    hint: 'delete the %YAML line (and the --- under it if nothing else needs it); in YAML 1.1 "no" and "yes" would silently become false and true',
  });
}

function yamlHint(code: string, message: string, lineText = ''): string | undefined {
  // Markdown emphasis at the start of a value (*Closeness*) is read by YAML as an alias.
  if (/(^|:\s|-\s)\s*[*&!@`]/.test(lineText.trim())) return 'a value that starts with * & ! @ or ` must be put in quotes';
  // MISSING_CHAR covers both unclosed quotes and a line without its colon; the message tells which.
  if (/Nested mappings are not allowed/.test(message)) return 'the text contains ": ", which YAML reads as a key; put the whole text in quotes';
  if (/Implicit map keys/.test(message)) return 'each line in a block needs "key: value"; check for a missing colon or stray text';
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces; YAML does not allow tabs';
    case 'DUPLICATE_KEY':
      return 'each key may appear once in the same block; remove or rename one of them';
    case 'MISSING_CHAR':
      return 'add the closing mark where the text ends';
    case 'BAD_INDENT':
      return 'check the indentation and that every [ or { is closed';
    default:
      return undefined;
  }
}

/** `<<` merge keys are YAML 1.1; the core schema would keep `<<` as an ordinary (unknown) key. */
function rejectMergeKeys(source: SourceFile, diagnostics: Diagnostic[]): void {
  visit(source.document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        diagnostics.push({
          severity: 'error',
          code: 'yaml-merge-key',
          message: 'merge keys (<<) are not supported',
          file: source.file,
          ...positionOfNode(source, pair.key),
          hint: 'write the keys out in full',
        });
      }
    },
  });
}

export function positionOfNode(source: SourceFile, node: Node | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where the value at `path` starts; with `key`, where its key starts. Falls back to the nearest
 * ancestor that exists, so a missing field points at the block that should hold it.
 */
export function positionOf(source: SourceFile, path: readonly PathSegment[], options: { key?: boolean } = {}): Position {
  let node: unknown = source.document.contents;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
  }
  const target = options.key && keyNode ? keyNode : (node ?? keyNode);
  return positionOfNode(source, target as Node);
}
