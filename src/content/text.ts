// Rejects characters that XML forbids (they would break the EPUB) at the place in the YAML where they occur.
import { isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { positionOfNode, type SourceFile } from './yaml.js';

// XML 1.0 Char, minus the noncharacters U+FFFE/U+FFFF; lone surrogates are caught by isWellFormed.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/u;

export function checkCharacters(source: SourceFile, diagnostics: Diagnostic[]): void {
  visit(source.document, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const problem = forbiddenCharacter(node.value);
      if (!problem) return;
      diagnostics.push({
        severity: 'error',
        code: 'forbidden-character',
        message: `the text contains ${problem.name} (character ${problem.index + 1} of the value); XML, and so the EPUB, cannot hold it`,
        file: source.file,
        ...positionOfNode(source, node),
        hint: 'delete it; it is usually invisible, pasted from another program',
      });
    },
  });
}

function forbiddenCharacter(text: string): { name: string; index: number } | undefined {
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
