// The Handlebars environment: strict, known helpers only, no prototype access; errors name the template file and line.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { caches } from '../cache.js';
import type { Diagnostic } from '../diagnostics.js';
import { markdownBlock, markdownInline } from './markdown.js';
import { checkElement } from './vocabulary.js';

export interface TemplateSet {
  dir: string;
  /** The file a template was read from: the built-in one, or a guide's or theme folder's replacement. */
  fileOf(name: string): string;
  /** Renders a top-level template (by file name without .hbs) with the given context. */
  render(name: string, context: object): string;
  diagnostics: Diagnostic[];
}

const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  /** Block Markdown from YAML, already safe: markdown-it escapes raw HTML. */
  markdown: (text: unknown) => new Handlebars.SafeString(markdownBlock(requireString(text, 'markdown'))),
  inline: (text: unknown) => new Handlebars.SafeString(markdownInline(requireString(text, 'inline'))),
  eq: (a: unknown, b: unknown) => a === b,
  lower: (text: unknown) => lowerFirst(requireString(text, 'lower')),
  inc: (n: unknown) => Number(n) + 1,
  join: (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(String(separator)) : ''),
};

const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  preventIndent: true,
};

/** Where a template failed; the first (innermost) template to catch the error claims it. */
class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * A title as it reads inside a sentence: only the first letter is lower-cased, and not even that when the
 * first word is an acronym or a name written with inner capitals (TGV, McQueen). The rest keeps its capitals,
 * so "Loneliness in Paris" becomes "loneliness in Paris". A first word that is a name ("Leningrad …")
 * cannot be told apart, which is why the theme chapter's own heading does not use this helper.
 */
export function lowerFirst(text: string): string {
  const firstWord = /^\S+/.exec(text)?.[0] ?? '';
  if ([...firstWord].slice(1).some((c) => c !== c.toLowerCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function requireString(value: unknown, helper: string): string {
  // Strict mode does not cover helper arguments; a missing field would otherwise render "undefined".
  if (typeof value !== 'string') throw new Error(`the ${helper} helper needs text, got ${value === undefined ? 'a missing field' : typeof value}`);
  return value;
}

/**
 * Loads every template under `dir` (partials from partials/), checking syntax and vocabulary first.
 * `replacements` maps a template's path under `dir` ("partials/colophon.hbs") to the file read instead.
 * Handlebars compiles a template on its first use, which costs more than rendering it; a process that builds
 * again (the preview, on every save) keeps the compiled set while no template file it reads has changed.
 */
export function loadTemplates(dir: string, replacements: ReadonlyMap<string, string> = new Map()): TemplateSet {
  const files = listTemplates(dir).map(({ relative, file, ...entry }) => {
    const chosen = replacements.get(relative) ?? file;
    return { ...entry, file: chosen, source: readFileSync(chosen, 'utf8') };
  });
  const key = createHash('sha256').update(JSON.stringify([dir, files.map((f) => [f.name, f.file, f.source])])).digest('base64');
  const known = caches.templateSets.get(key) as TemplateSet | undefined;
  if (known) return known;
  const made = compileTemplates(dir, files);
  caches.templateSets.set(key, made);
  return made;
}

function compileTemplates(dir: string, files: { file: string; name: string; kind: TemplateKind; source: string }[]): TemplateSet {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);
  const diagnostics: Diagnostic[] = [];
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const { file, name, kind, source } of files) {
    const spec = precompiled(env, file, source, diagnostics);
    if (spec === undefined) continue;
    // Only the document templates are bound to the element vocabulary; the stylesheet and EPUB package files are not XHTML content.
    if (kind !== 'package' && !name.endsWith('.css')) diagnostics.push(...scanMarkup(file, source));
    // What env.compile does on first use, from the code the syntax check has already generated, rather than generating it twice.
    const template = guard(file, source, env.template(new Function(`return ${spec}`)() as Parameters<typeof env.template>[0]));
    if (kind === 'partial') env.registerPartial(name, template);
    else compiled.set(name, template);
  }
  return {
    dir,
    diagnostics,
    fileOf: (name) => files.find((f) => f.name === name)?.file ?? path.join(dir, `${name}.hbs`),
    render(name, context) {
      const template = compiled.get(name);
      if (!template) throw new Error(`no template ${name}.hbs in ${dir}`);
      return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
  };
}

/** document.hbs and style.css.hbs at the top, partials/ for the document's parts, epub/ and html/ for each format's own files. */
type TemplateKind = 'top' | 'partial' | 'package';

export function listTemplates(dir: string): { file: string; relative: string; name: string; kind: TemplateKind }[] {
  const inFolder = (folder: string, kind: TemplateKind, prefix = '') => {
    const full = path.join(dir, folder);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((f) => ({ file: path.join(full, f), relative: path.posix.join(folder, f), name: prefix + f.slice(0, -'.hbs'.length), kind }));
  };
  return [...inFolder('partials', 'partial'), ...inFolder('.', 'top'), ...inFolder('epub', 'package', 'epub/'), ...inFolder('html', 'package', 'html/')];
}

/** The template compiled to JavaScript source, or undefined with its syntax problem reported. */
function precompiled(env: typeof Handlebars, file: string, source: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return env.precompile(source, COMPILE_OPTIONS) as string;
  } catch (error) {
    const message = (error as Error).message;
    // Handlebars puts the line only in the message text ("Parse error on line 3:"), with no column.
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? (error as { lineNumber?: number }).lineNumber ?? 1);
    const column = ((error as { column?: number }).column ?? 0) + 1;
    const unknownHelper = /unknown helper (\S+)/.exec(message)?.[1];
    const parse = /Parse error on line \d+:/.test(message);
    diagnostics.push({
      severity: 'error',
      code: 'template-syntax',
      message: unknownHelper
        ? `unknown helper "${unknownHelper}"`
        : parse
          ? 'Handlebars cannot read this line'
          : message.split('\n').filter((l) => !/^[-.]*\^?$/.test(l.trim()) && !l.startsWith('...')).join(' ').replace(/\s+/g, ' '),
      file,
      line,
      column: unknownHelper ? column : parse ? brokenTagColumn(source, line) : column,
      hint: unknownHelper
        ? `the helpers are: ${Object.keys(HELPERS).join(', ')}`
        : parse
          ? 'check that every {{ is closed by }} (and {{{ by }}}), and every {{#block}} by its {{/block}}'
          : undefined,
    });
    return undefined;
  }
}

/** A static look at the tags a template writes, so a stray element is reported at its line in the template. */
function scanMarkup(file: string, source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g;
  for (const match of source.matchAll(tag)) {
    const attributes = [...match[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)];
    const names = attributes.map((a) => a[1]!);
    const classValue = attributes.find((a) => a[1] === 'class')?.[2] ?? '';
    const staticClasses = classValue.replace(/\{\{[^}]*\}\}/g, ' ');
    const before = source.slice(0, match.index);
    const line = before.split('\n').length;
    const column = match.index! - before.lastIndexOf('\n');
    for (const problem of checkElement(match[1]!, names, staticClasses, line)) {
      diagnostics.push({ severity: 'error', code: 'template-vocabulary', message: problem.message, file, line, column, hint: 'use only the elements and classes listed in src/compose/vocabulary.ts' });
    }
  }
  return diagnostics;
}

/** Wraps a compiled template so a runtime error (missing field, bad helper argument) names this file. */
function guard(file: string, source: string, template: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return template(context, options);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      const e = error as Error & { lineNumber?: number; column?: number };
      const raw = e.message.replace(/ - \d+:\d+$/, '').replace(/ in \[object Object\]$/, '');
      const missingField = /^"([^"]+)" not defined$/.exec(raw)?.[1];
      const missingPartial = /^The partial (\S+) could not be found$/.exec(raw)?.[1];
      if (missingPartial) {
        // Handlebars says which partial but not where it was asked for.
        const at = placeOf(source, `{{> ${missingPartial}`) ?? placeOf(source, `{{>${missingPartial}`);
        throw new TemplateError(`there is no partial "${missingPartial}" (no partials/${missingPartial}.hbs)`, file, at?.line ?? 1, at?.column ?? 1);
      }
      const message = missingField ? `the template asks for "${missingField}", which the content does not have here` : raw;
      throw new TemplateError(message, file, e.lineNumber ?? 1, (e.column ?? 0) + 1);
    }
  };
}

function placeOf(source: string, text: string): { line: number; column: number } | undefined {
  const index = source.indexOf(text);
  if (index < 0) return undefined;
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Handlebars names the line of a parse error but not the column: point at the first tag on it that is not closed. */
function brokenTagColumn(source: string, line: number): number {
  const text = source.split('\n')[line - 1] ?? '';
  for (const match of text.matchAll(/\{\{/g)) {
    const rest = text.slice(match.index! + 2);
    const close = rest.indexOf('}}');
    const nextOpen = rest.indexOf('{{');
    if (close < 0 || (nextOpen >= 0 && nextOpen < close) || rest.slice(0, close).includes('}')) return match.index! + 1;
  }
  return 1;
}

export function isTemplateError(error: unknown): error is TemplateError {
  return error instanceof TemplateError;
}

export function templateErrorDiagnostic(error: TemplateError): Diagnostic {
  return { severity: 'error', code: 'template-render', message: error.message, file: error.file, line: error.line, column: error.column };
}
