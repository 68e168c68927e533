// Reads one YAML file into plain data while keeping the syntax tree, so any value can be located by its path.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';

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
  for (const problem of [...document.errors, ...document.warnings]) {
    const at = problem.linePos?.[0];
    diagnostics.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      file,
      line: at?.line,
      column: at?.col,
      hint: yamlHint(problem.code, problem.message, at ? text.split('\n')[at.line - 1] : undefined),
    });
  }
  const before = diagnostics.length;
  rejectMergeKeys(source, diagnostics);
  if (document.errors.length || diagnostics.length > before) return source;
  try {
    source.data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
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
  if (source.data === null || source.data === undefined) {
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
      });
      return undefined;
    }
    const bytes = readFileSync(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, '');
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
      return 'a quote or bracket was opened and not closed';
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
