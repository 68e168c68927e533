// Reads one YAML file into plain data while keeping the syntax tree, so any value can be located by its path.
import { caches } from '../cache.js';
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { normaliseToNfc } from './nfc.js';
import { MAX_FLOW_DEPTH, tooDeeplyNested } from './nesting.js';
import { vetFile } from './files.js';
import { reportSyntaxProblems } from './yaml-messages.js';

/** Content files are hand-written text; anything larger is a mistake (or an attack), not a guide. */
export const MAX_CONTENT_FILE_BYTES = 5 * 1024 * 1024;

export interface SourceFile {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
  /** Characters that Markdown's &…; references make, where the reference is: the glyph check needs them too. */
  decoded?: { character: string; reference: string; position: Position }[];
}

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/**
 * Parses a YAML file; problems go into `diagnostics` and the data is undefined when it cannot be trusted.
 * With `within`, a file that is a link is read only when it ends inside that folder (see vetFile).
 */
export function readYamlFile(file: string, diagnostics: Diagnostic[], within?: string): SourceFile | undefined {
  const real = vetFile(file, within, diagnostics);
  if (real === undefined) return undefined;
  const text = readText(real, file, diagnostics);
  if (text === undefined) return undefined;
  return parsedOnce(file, text, diagnostics);
}

/**
 * Parsing and its checks depend on the file's text alone: a process that reads the same text again (the
 * preview, after a save to another file) reuses the parsed document and repeats its messages. The data is
 * handed out as a copy, since later stages may change what they are given.
 */
function parsedOnce(file: string, text: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const key = `${file}\0${text}`;
  let parsed = caches.parsedFiles.get(key) as { source?: SourceFile; diagnostics: Diagnostic[] } | undefined;
  if (!parsed) {
    const own: Diagnostic[] = [];
    parsed = { source: parseYaml(file, text, own), diagnostics: own };
    caches.parsedFiles.set(key, parsed);
  }
  diagnostics.push(...parsed.diagnostics.map((d) => ({ ...d })));
  const { source } = parsed;
  return source && { ...source, data: source.data === undefined ? undefined : structuredClone(source.data) };
}

function parseYaml(file: string, text: string, diagnostics: Diagnostic[]): SourceFile | undefined {
  const lineCounter = new LineCounter();
  const deep = tooDeeplyNested(text);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    const col = deep - text.lastIndexOf('\n', deep - 1);
    const hint = 'write the list out with one "- " item per line, or nest it less deeply';
    diagnostics.push({ severity: 'error', code: 'yaml-too-deep', message: `the file nests lists or blocks more than ${MAX_FLOW_DEPTH} levels deep, too deeply to read`, file, line, column: col, hint });
    return undefined;
  }
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
  reportSyntaxProblems(document, text, file, diagnostics);
  normaliseToNfc(document);
  rejectVersionDirective(source, diagnostics);
  const before = diagnostics.length;
  rejectMergeKeys(source, diagnostics);
  if (document.errors.length || diagnostics.length > before) return source;
  source.data = dataOf(document, file, diagnostics);
  return source;
}

/** The file's plain data; undefined, with a message, for a file that expands too far or holds nothing. */
function dataOf(document: Document, file: string, diagnostics: Diagnostic[]): unknown {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    data = ALIAS_BOMB;
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
  if (data === ALIAS_BOMB) return undefined;
  if (data === null || data === undefined) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-file',
      message: 'the file has no content',
      file,
      hint: 'a content file needs at least its required keys; see the schema named on its first line',
    });
  }
  return data;
}

/** Reads `real` (a vetted path); every message is about `file`, the path as the guide names it. */
function readText(real: string, file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    const size = statSync(real).size;
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
    const bytes = readFileSync(real);
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
