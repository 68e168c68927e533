// The checks every content file's text gets at load, in one place: characters, links, comments and Markdown.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { checkLinks } from './links.js';
import { checkMarkdown } from './markdown-check.js';
import { Problems } from './problems.js';
import { placesInScalar, stringValues } from './scalar-places.js';
import { checkCharacters } from './text.js';
import type { SourceFile } from './yaml.js';

export function checkText(source: SourceFile, schema: z.ZodType, diagnostics: Diagnostic[]): void {
  checkCharacters(source, diagnostics);
  checkLinks(source, diagnostics);
  checkComments(source, diagnostics);
  checkMarkdown(source, schema, diagnostics);
}

/**
 * An HTML comment hides nothing here: every format would print it, so a note meant for the teacher
 * would reach the student edition. Any "<!--" in any text is an error, closed or not.
 */
function checkComments(source: SourceFile, diagnostics: Diagnostic[]): void {
  for (const { node } of stringValues(source)) {
    const value = String(node.value);
    if (!value.includes('<!--')) continue;
    const found = new Problems();
    for (let index = value.indexOf('<!--'); index >= 0; index = value.indexOf('<!--', index + 4)) {
      found.add(index, 'an HTML comment (<!-- … -->) would be printed in every edition, not hidden', 'for a note to yourself, use a YAML comment: a line starting with #; for a note to teachers, use a guidance field (printed in the teacher edition only)');
    }
    const place = placesInScalar(source, node);
    diagnostics.push(...found.diagnostics((index) => ({ file: source.file, ...place(index) }), 'html-comment'));
  }
}
