// Rejects characters that XML forbids (they would break the EPUB) at the place in the YAML where they occur, and says when a double-quoted backslash made one.
import { isScalar, visit, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { characterName } from './character-names.js';
import { placesInScalar } from './scalar-places.js';
import type { SourceFile } from './yaml.js';

// XML 1.0 Char, minus the noncharacters U+FFFE/U+FFFF; lone surrogates are caught by isWellFormed.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/u;


export function checkCharacters(source: SourceFile, diagnostics: Diagnostic[]): void {
  // A value the YAML reader already complained about (a bad escape) gets no second message.
  const errorsAt = source.document.errors.map((e) => e.pos[0]);
  visit(source.document, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const [start = 0, end = 0] = node.range ?? [];
      if (errorsAt.some((at) => at >= start && at < end)) return;
      const raw = source.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
      if (node.type === 'QUOTE_DOUBLE' && reportBackslashes(source, node, raw, diagnostics)) return;
      const problem = forbiddenCharacter(node.value);
      if (!problem) return;
      diagnostics.push({
        severity: 'error',
        code: 'forbidden-character',
        message: `the text contains ${problem.name} (character ${problem.index + 1} of the value); XML, and so the EPUB, cannot hold it`,
        file: source.file,
        ...placesInScalar(source, node)(problem.index),
        hint: 'delete it; it is usually invisible, pasted from another program',
      });
    },
  });
}

/**
 * "C:\new\assets" in double quotes is a line break and a bell, not a path: a value that looks like a
 * Windows path, or whose escape made a forbidden character, is reported at the backslash.
 */
function reportBackslashes(source: SourceFile, node: Scalar, raw: string, diagnostics: Diagnostic[]): boolean {
  const escape = firstCharacterEscape(raw);
  if (!escape) return false;
  // A drive (C:\) or a network share (\\server\); "Line one\n\nLine two" is an ordinary use of escapes.
  const looksLikePath = /(^|[\s"'(])([A-Za-z]:\\|\\\\[\w.$-]+\\)/.test(raw);
  const madeForbidden = forbiddenCharacter(String(node.value)) !== undefined;
  if (!looksLikePath && !madeForbidden) return false;
  const made = escape.letter === 'n' ? 'a line break' : escape.letter === 't' ? 'a tab' : characterName(String.fromCodePoint(ESCAPE_CODES[escape.letter!] ?? 0));
  const start = node.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(start + escape.index);
  diagnostics.push({
    severity: 'error',
    code: 'backslash-escape',
    message: `in double quotes "\\${escape.letter}" is an escape that makes ${made}, not a backslash and "${escape.letter}"${looksLikePath ? ' (this looks like a Windows path)' : ''}`,
    file: source.file,
    line,
    column: col,
    hint: `put the value in single quotes instead, where a backslash is just a backslash: '${String(raw).slice(1, -1)}'`,
  });
  return true;
}

/** The first escape that makes a character (\a is a bell, \n a line break); an escaped backslash (\\) is passed over. */
function firstCharacterEscape(raw: string): { index: number; letter: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') continue;
    const letter = raw[i + 1] ?? '';
    if (ESCAPE_CODES[letter] !== undefined) return { index: i, letter };
    i++;
  }
  return undefined;
}

/** The code point each YAML character escape stands for. */
const ESCAPE_CODES: Record<string, number> = { '0': 0, a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, e: 0x1b, N: 0x85, _: 0xa0, L: 0x2028, P: 0x2029 };

export function forbiddenCharacter(text: string): { name: string; index: number } | undefined {
  if (!text.isWellFormed()) {
    const index = [...text].findIndex((c) => {
      const code = c.codePointAt(0)!;
      return code >= 0xd800 && code <= 0xdfff;
    });
    return { name: 'a broken character (a lone UTF-16 surrogate)', index: Math.max(0, index) };
  }
  const match = XML_FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return { name: code >= 0xfffe ? `U+${hex}, which is not a character` : `the invisible control character U+${hex}`, index: match.index };
}
