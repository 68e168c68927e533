// The checks every content file's text gets at load, in one place: characters, links, comments and Markdown.
import type { z } from 'zod';
import { caches } from '../cache.js';
import type { Diagnostic } from '../diagnostics.js';
import { checkLinks } from './links.js';
import { checkMarkdown } from './markdown-check.js';
import { Problems } from './problems.js';
import { placesInScalar, stringValues } from './scalar-places.js';
import { checkCharacters } from './text.js';
import type { SourceFile } from './yaml.js';

export function checkText(source: SourceFile, schema: z.ZodType, diagnostics: Diagnostic[]): void {
  // The checks read the file's text alone: the same text in the same kind of file gives the same messages.
  const key = `${schemaNumber(schema)}\0${source.file}\0${source.text}`;
  let checked = caches.checkedTexts.get(key) as CheckedText | undefined;
  if (!checked) {
    const found: Diagnostic[] = [];
    checkCharacters(source, found);
    checkLinks(source, found);
    checkComments(source, found);
    checkMarkdown(source, schema, found);
    checked = { found, decoded: source.decoded };
    caches.checkedTexts.set(key, checked);
  }
  // The characters &…; references make are judged later, by the glyph check: a text read again (a rebuild,
  // a second build in one process) must carry them too, or a reference to a character no font has would pass.
  if (checked.decoded) source.decoded = checked.decoded.map((d) => ({ ...d }));
  diagnostics.push(...checked.found.map((d) => ({ ...d })));
}

interface CheckedText {
  found: Diagnostic[];
  decoded: SourceFile['decoded'];
}

const schemaNumbers = new Map<z.ZodType, number>();
function schemaNumber(schema: z.ZodType): number {
  if (!schemaNumbers.has(schema)) schemaNumbers.set(schema, schemaNumbers.size);
  return schemaNumbers.get(schema)!;
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
