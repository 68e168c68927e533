// Link targets and image references in Markdown text, checked at their place in the YAML before anything is rendered.
import { isScalar, visit } from 'yaml';
import { SAFE_LINK } from '../compose/markdown.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceFile } from './yaml.js';

const IMAGE_HINT =
  'add the picture as a figure block after the text instead ("figures:" with file, alt, caption, credit and licence; see "Writing a guide" in the README); nothing named here is read';

/** `[text](target)` and `![alt](source)`; the target ends at whitespace or the closing parenthesis. */
const MARKDOWN_LINK = /(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)/g;
/** `<https://example.org>`: an address in angle brackets, which Markdown makes a link (CommonMark's autolink). */
const AUTOLINK = /()<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/gi;

/**
 * Markdown would quietly print a refused link as plain text, so a teacher would never learn that the
 * `javascript:` or `file:` link they pasted went nowhere: each one is an error at its place instead.
 * A picture is a figure block of its own (with alt text, caption, credit and licence, checked at load);
 * an image inside Markdown text is an error, and nothing it names is ever opened or fetched.
 */
export function checkLinks(source: SourceFile, diagnostics: Diagnostic[]): void {
  visit(source.document, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !/\]\(|<[a-z]/i.test(node.value)) return;
      for (const match of [...node.value.matchAll(MARKDOWN_LINK), ...node.value.matchAll(AUTOLINK)]) {
        const [whole, bang, target] = match as unknown as [string, string, string];
        const image = bang === '!';
        if (!image && SAFE_LINK.test(target)) continue;
        const at = placeOf(source, node.range, whole.slice(bang.length));
        diagnostics.push(
          image
            ? { severity: 'error', code: 'image-not-supported', message: `pictures cannot go inside text (found an image of "${target}")`, file: source.file, ...at, hint: IMAGE_HINT }
            : { severity: 'error', code: 'unsafe-link', message: unsafeLinkMessage(target), file: source.file, ...at, hint: 'links may go to a web page (https://…), an e-mail address (mailto:…) or a part of the guide (#glossary)' },
        );
      }
    },
  });
}

/** The line and column of `text` inside the scalar's own source, or of the scalar when it is written with escapes. */
function placeOf(source: SourceFile, range: [number, number, number] | null | undefined, text: string): { line: number; column: number } {
  const start = range?.[0] ?? 0;
  const found = source.text.indexOf(text, start);
  const offset = found >= 0 && found < (range?.[1] ?? source.text.length) ? found : start;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

function unsafeLinkMessage(target: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1];
  return scheme ? `links to "${scheme.toLowerCase()}:" addresses are not allowed` : `the link target "${target}" is not allowed`;
}
