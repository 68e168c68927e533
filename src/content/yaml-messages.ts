// The yaml library's complaints in words a teacher can act on: what went wrong on the line, and what to type instead.
import { isMap, isScalar, isSeq, visit, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { invisibleCharacters } from './character-names.js';

export interface YamlProblem {
  code: string;
  /** The library's message, first line only, without its "at line …" tail. */
  message: string;
  /** Offsets of the problem in the text. */
  pos: [number, number];
  /** Line (1-based) where the problem starts and where its range ends. */
  line?: number;
  endLine?: number;
}

export interface Described {
  message: string;
  hint?: string;
}

/** `document` lets a duplicate key be told apart from a missing "- ". */
export function describeYamlProblem(problem: YamlProblem, text: string, document: Document.Parsed): Described {
  const lines = text.split('\n');
  const lineText = problem.line ? (lines[problem.line - 1] ?? '') : '';
  const described = describe(problem, lines, lineText, document);
  const invisible = invisibleCharacters(lineText.replace(/\t/g, ''));
  // A no-break space looks like a space and is not one to YAML: say so whatever the complaint was.
  if (invisible.length && problem.code !== 'TAB_AS_INDENT') {
    return { message: described.message, hint: `the line holds ${invisible.join(' and ')}, which looks like a space but is not one to YAML; retype the spaces on this line${described.hint ? `; ${described.hint}` : ''}` };
  }
  return described;
}

function describe(problem: YamlProblem, lines: string[], lineText: string, document: Document.Parsed): Described {
  const { code, message } = problem;
  // Markdown emphasis at the start of a value (*Closeness*) is read by YAML as an alias.
  if (/(^|:\s|-\s)\s*[*&!@`]/.test(lineText.trim()) && code !== 'DUPLICATE_KEY') {
    return { message: plainMessage(code, message), hint: 'a value that starts with * & ! @ or ` must be put in quotes' };
  }
  if (code === 'DUPLICATE_KEY') return duplicateKey(problem, lineText, document);
  if (code === 'BAD_DQ_ESCAPE') return badEscape(message, lineText);
  if (code === 'MULTIPLE_DOCS') return { message: 'the file holds a second YAML document (after a --- line); a content file holds one', hint: 'remove the --- line, or move what follows it into a file of its own' };
  if (code === 'RESOURCE_EXHAUSTION' || /Maximum call stack/.test(message)) return { message: 'the file nests lists or blocks too deeply to read' };
  if (/at node end/.test(message)) return textAfterValue(lineText);
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return implicitKey(problem, lines, lineText);
  if (/All mapping items must start at the same column/.test(message)) {
    return { message: 'this line is not lined up with the keys above it', hint: 'every key of a block starts in the same column; if the line belongs to a list item, start it with "- " or indent it under the item' };
  }
  if (/Implicit map keys need to be followed by map values/.test(message)) {
    return { message: 'this line has no "key: value"', hint: 'each line in a block needs "key: value"; check for a missing colon or stray text (a note to yourself starts with #)' };
  }
  return { message, hint: codeHint(code) };
}

function plainMessage(code: string, message: string): string {
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'YAML cannot read this value';
  return message;
}

/** Two keys alike in one block; in an item of a list the usual cause is a new item typed without its "- ". */
function duplicateKey(problem: YamlProblem, lineText: string, document: Document.Parsed): Described {
  const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lineText)?.[1];
  const name = key ? `the key "${key}"` : 'a key';
  if (listItemAt(document, problem.pos[0]) !== undefined) {
    return {
      message: `${name} appears twice in the same item of a list: a "- " seems to be missing`,
      hint: `if this line starts a new item, put "- " before ${key ? `"${key}:"` : 'the key'}, lined up with the "- " of the item above; otherwise remove one of the two`,
    };
  }
  return { message: `${name} appears twice in the same block`, hint: 'each key may appear once in the same block; remove or rename one of them' };
}

/** Where the list item holding the key at `offset` starts, when the key's block is an item of a list. */
export function listItemAt(document: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  visit(document, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const map = path[path.length - 1];
      if (isMap(map) && isSeq(path[path.length - 2])) found = map.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return found;
}

/** Inside double quotes, a backslash starts an escape: a Windows path is the usual way to meet this. */
function badEscape(message: string, lineText: string): Described {
  const escape = /Invalid escape sequence (\\.?)/.exec(message)?.[1] ?? '\\';
  const quoted = /"([^"]*\\[^"]*)"/.exec(lineText)?.[1];
  return {
    message: `"${escape}" is not an escape YAML knows: inside double quotes a backslash starts an escape`,
    hint: `for a Windows path or any text with backslashes, use single quotes${quoted ? ` ('${quoted}')` : ''}, where a backslash is just a backslash; or write each backslash twice`,
  };
}

/** "Unexpected scalar at node end": a quoted value or a [list] followed by more text. */
function textAfterValue(lineText: string): Described {
  const value = /^\s*(?:-\s+)?(?:[^:#]+:\s+)?(.)/.exec(lineText)?.[1];
  if (value === '"' || value === "'") {
    return { message: 'more text follows the closing quote of this value', hint: 'put the whole text inside the quotes, or leave the quotes out; a quote inside single-quoted text is written twice (\'\')' };
  }
  if (value === '[' || value === '{') {
    return { message: `more text follows the closing ${value === '[' ? ']' : '}'} of this value`, hint: 'move the text inside the brackets, or remove it' };
  }
  return { message: 'more text follows the end of this value', hint: 'put the whole value in quotes, or start a new line for the next key' };
}

/** A line YAML reads as part of a key: stray text, an over-indented key, or ": " inside a value. */
function implicitKey(problem: YamlProblem, lines: string[], lineText: string): Described {
  const next = problem.endLine && problem.line && problem.endLine > problem.line ? lines[problem.endLine - 1] : undefined;
  const indent = (text: string) => /^\s*(?:-\s+)?/.exec(text)![0].length;
  const nextKey = next ? /^\s*([^:#\s][^:#]*?)\s*:/.exec(next)?.[1] : undefined;
  const ownKey = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lineText)?.[1];
  if (next !== undefined && nextKey && ownKey && indent(next) > indent(lineText)) {
    return {
      message: `"${nextKey}:" on line ${problem.endLine} is indented further than "${ownKey}:" on this line, so YAML reads the two lines as one`,
      hint: `line "${nextKey}:" up with "${ownKey}:" (the same number of spaces before it)`,
    };
  }
  if (problem.code === 'MULTILINE_IMPLICIT_KEY' && !/:(\s|$)/.test(lineText)) {
    return {
      message: 'this line is not "key: value", so YAML joins it to the next line as one long key',
      hint: 'if it continues the text above, indent it under that key; if it is a note to yourself, start it with #; otherwise add the missing colon',
    };
  }
  return { message: 'the text contains ": ", which YAML reads as the start of another key', hint: 'put the whole text in quotes' };
}

function codeHint(code: string): string | undefined {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces; YAML does not allow tabs';
    case 'MISSING_CHAR':
      return 'add the closing mark where the text ends';
    case 'BAD_INDENT':
      return 'check the indentation and that every [ or { is closed';
    default:
      return undefined;
  }
}

/** Each syntax problem the library found, once per place, at the place to fix it, in words a teacher can act on. */
export function reportSyntaxProblems(document: Document.Parsed, text: string, file: string, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  const reportedDuplicateIn = new Set<number>();
  const problems = [...document.errors, ...document.warnings];
  // The library may complain twice at one place; the complaint reaching furthest says most (an over-indented next line).
  const lastLine = new Map<number, number>();
  for (const problem of problems) lastLine.set(problem.pos[0], Math.max(lastLine.get(problem.pos[0]) ?? 0, problem.linePos?.[1]?.line ?? 0));
  for (const problem of problems) {
    const [at] = problem.linePos ?? [];
    const described = describeYamlProblem(
      { code: problem.code, message: problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), pos: problem.pos, line: at?.line, endLine: lastLine.get(problem.pos[0]) },
      text,
      document,
    );
    // One message per place; deep nesting repeats the same complaint at every bracket, once per file is enough.
    const key = problem.code === 'RESOURCE_EXHAUSTION' || /too deeply/.test(described.message) ? described.message : `${at?.line}:${at?.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A new list item typed without "- " repeats every one of its keys: the first says it all.
    if (problem.code === 'DUPLICATE_KEY' && /"- " seems to be missing/.test(described.message)) {
      const item = listItemAt(document, problem.pos[0])!;
      if (reportedDuplicateIn.has(item)) continue;
      reportedDuplicateIn.add(item);
    }
    // An unclosed quote or bracket is noticed where the file ends; the place to fix is where it was opened.
    const message = problem.message.split('\n')[0]!;
    const opener = problem.code === 'MISSING_CHAR' || /end with a [\]}]/.test(message) ? unclosedOpener(text, problem.pos[0]) : undefined;
    diagnostics.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: opener ? `this ${opener.what} is never closed` : described.message,
      file,
      line: opener?.line ?? at?.line,
      column: opener?.column ?? at?.col,
      hint: opener ? `add the closing ${opener.closer} where the ${opener.closer === ']' ? 'list' : opener.closer === '}' ? 'block' : 'text'} ends` : described.hint,
    });
  }
}

/** The last quote or bracket before `offset` that is opened and not closed, with its place. */
function unclosedOpener(text: string, offset: number): { what: string; closer: string; line: number; column: number } | undefined {
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
  const closer = open.char === '[' ? ']' : open.char === '{' ? '}' : open.char === '"' ? 'double quote "' : "single quote '";
  return { what, closer, line: before.length, column: before[before.length - 1]!.length + 1 };
}
