// Checks parsed YAML against a zod schema and turns every issue into a located diagnostic with a hint.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { invisibleCharacters, isInvisible, quoted } from './character-names.js';
import { closest } from './did-you-mean.js';
import { positionOf, type PathSegment, type SourceFile } from './yaml.js';

/** Returns the parsed value, or undefined after pushing one diagnostic per problem. */
export function validateFile<T>(source: SourceFile, schema: z.ZodType<T>, diagnostics: Diagnostic[]): T | undefined {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) diagnostics.push(...describeIssue(source, schema, issue));
  return undefined;
}

/** What a handler is given: the file, its schema, where the issue is and how to point at a place. */
interface IssuePlace {
  source: SourceFile;
  schema: z.ZodType;
  path: PathSegment[];
  name: string;
  at: (p: PathSegment[], key?: boolean) => Omit<Diagnostic, 'severity' | 'code' | 'message'>;
}

/** One handler per kind of schema issue zod reports. */
function describeIssue(source: SourceFile, schema: z.ZodType, issue: z.core.$ZodIssue): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const place: IssuePlace = { source, schema, path, name: formatPath(path), at: (p, key = false) => ({ file: source.file, ...positionOf(source, p, { key }) }) };
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(place, issue.keys);
    case 'invalid_value':
      return [wrongChoice(place, issue.values.map(String))];
    case 'invalid_type':
      return [wrongType(place, issue.expected)];
    default:
      return [otherIssue(place, issue)];
  }
}

function unknownKeys({ schema, path, name, at }: IssuePlace, keys: string[]): Diagnostic[] {
  const known = Object.keys(shapeAt(schema, path) ?? {});
  return keys.map((key) => {
    const invisible = invisibleCharacters(key);
    const suggestion = closest(invisible.length ? withoutInvisible(key) : key, known);
    const suggest = suggestion ? `did you mean "${suggestion}"?` : `the keys allowed here are: ${known.join(', ')}`;
    return {
      severity: 'error' as const,
      code: 'unknown-key',
      message: `unknown key ${quoted(key)}${name ? ` in ${name}` : ''}`,
      ...at([...path, key], true),
      hint: invisible.length ? `the key holds ${invisible.join(' and ')}, which cannot be seen; retype the key (${suggest})` : suggest,
    };
  });
}

function wrongChoice({ source, path, name, at }: IssuePlace, allowed: string[]): Diagnostic {
  const got = valueAt(source.data, path);
  // zod reports a missing choice as a wrong one; say that it is missing, and what it may be.
  if (got === undefined) return missingField(path, at, `, one of ${allowed.join(', ')}`);
  const invisible = typeof got === 'string' ? invisibleCharacters(got) : [];
  const suggestion = typeof got === 'string' ? closest(withoutInvisible(got), allowed) : undefined;
  const suggest = suggestion ? `did you mean "${suggestion}"?` : undefined;
  return {
    severity: 'error',
    code: 'invalid-value',
    message: `${name} must be one of ${allowed.join(', ')} (got ${typeof got === 'string' ? quoted(got) : JSON.stringify(got)})`,
    ...at(path),
    hint: invisible.length ? `the value holds ${invisible.join(' and ')}, which cannot be seen; retype it${suggest ? ` (${suggest})` : ''}` : suggest,
  };
}

function wrongType({ source, path, name, at }: IssuePlace, expected: string): Diagnostic {
  const got = valueAt(source.data, path);
  if (got === undefined) return missingField(path, at);
  return { severity: 'error', code: 'wrong-type', message: `${name || 'the file'} must be ${article(expected)} (got ${describeValue(got)})`, ...at(path), hint: invisibleHint(got) ?? typeHint(expected, got) };
}

function otherIssue({ source, path, name, at }: IssuePlace, issue: z.core.$ZodIssue): Diagnostic {
  const value = valueAt(source.data, path);
  const range = numberRange(issue, value);
  if (range) return { severity: 'error', code: 'invalid-value', message: `${name || 'the file'} ${range}`, ...at(path) };
  const length = issue.code === 'too_big' && typeof value === 'string' ? ` (it has ${[...value].length})` : '';
  return { severity: 'error', code: 'invalid-value', message: `${name || 'the file'} ${issue.message.replace(/^Invalid (string|input): /, '')}${length}`, ...at(path), hint: meaningHint(issue, value) ?? invisibleHint(value) };
}

/** A value that looks right but holds a character nobody can see (a no-break space pasted after a number or an id). */
function invisibleHint(got: unknown): string | undefined {
  const invisible = typeof got === 'string' ? invisibleCharacters(got).filter((name) => !name.startsWith('U+0020')) : [];
  return invisible.length ? `the value holds ${invisible.join(' and ')}, which cannot be seen; retype it` : undefined;
}

/** "must be at most 3 (got 5)": a number outside its range, said in words. */
function numberRange(issue: z.core.$ZodIssue, got: unknown): string | undefined {
  if (typeof got !== 'number') return undefined;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)} (got ${got})`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)} (got ${got})`;
  return undefined;
}

/** A required key that is absent, reported at the block that should hold it. */
function missingField(path: PathSegment[], at: (p: PathSegment[], key?: boolean) => Omit<Diagnostic, 'severity' | 'code' | 'message'>, more = ''): Diagnostic {
  const parent = path.slice(0, -1);
  return {
    severity: 'error',
    code: 'missing-field',
    message: `${formatPath(path)} is required`,
    ...at(parent, true),
    hint: `add "${String(path[path.length - 1])}:" ${parent.length ? `under ${formatPath(parent)}` : 'at the top of the file'}${more}`,
  } as Diagnostic;
}

/** `questions.before[2].level`, the way the path reads in the YAML. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The keys an object schema allows at `path`, found by walking the schema the same way as the data. */
function shapeAt(schema: z.ZodType, path: readonly PathSegment[]): Record<string, unknown> | undefined {
  const def = (schemaAt(schema, path) as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  return def?.type === 'object' ? (def.shape as Record<string, unknown>) : undefined;
}

/** The schema that checks the value at `path` (optional and default wrappers taken off), or undefined off the schema. */
export function schemaAt(schema: z.ZodType, path: readonly PathSegment[]): unknown {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def?.type === 'object') current = (def.shape as Record<string, unknown>)[String(segment)];
    else if (def?.type === 'array') current = def.element;
    else return undefined;
    if (current === undefined) return undefined;
  }
  return unwrap(current);
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { type?: string; innerType?: unknown } } } | undefined;
  while (current?._zod?.def && ['optional', 'nullable', 'default'].includes(current._zod.def.type ?? '')) {
    current = current._zod.def.innerType as typeof current;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of keys';
  if (typeof value === 'string') return `string ${quoted(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Hints for values of the right type that mean nothing: blank text, text too long for its place, a date not in the calendar. */
function meaningHint(issue: z.core.$ZodIssue, got: unknown): string | undefined {
  if (issue.code === 'too_big' && /QR code/.test(issue.message)) return 'use a shorter address (a link shortener, or the page’s short form); it is printed as a QR code on the handout';
  if (issue.code === 'too_big') return 'shorten it: a title must fit a heading, the contents and a running head; say the rest in the text';
  if (issue.code === 'invalid_format' && /only spaces/.test(issue.message)) {
    const invisible = typeof got === 'string' ? invisibleCharacters(got) : [];
    return `write the text${invisible.length ? ` (it holds only ${invisible.join(' and ')}, which cannot be seen)` : ''}, or remove the key if it is optional`;
  }
  if (/is not a date|written YYYY-MM-DD/.test(issue.message)) return 'write a day that is in the calendar as year-month-day, in quotes, e.g. "2026-03-01"';
  if (/years 1981 to 2098/.test(issue.message)) return 'write the date the guide was last revised';
  return undefined;
}

function withoutInvisible(text: string): string {
  return [...text].filter((c) => !isInvisible(c.codePointAt(0)!)).join('');
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', object: 'a block of keys', string: 'text', number: 'a number', boolean: 'true or false' };
  return names[expected] ?? `a ${expected}`;
}

function typeHint(expected: string, got: unknown): string | undefined {
  // YAML 1.1 read yes/no/on/off as true/false; YAML 1.2, which guides use, reads them as words.
  if (expected === 'boolean' && typeof got === 'string') {
    return /^(yes|no|y|n|on|off|true|false)$/i.test(got.trim()) ? `write true or false, without quotes (${quoted(got)} is read as a word)` : 'write true or false';
  }
  if (expected === 'boolean') return typeof got === 'number' ? `write true or false (${got} is read as a number)` : 'write true or false';
  if (expected === 'string' && (typeof got === 'number' || typeof got === 'boolean')) return 'put the value in quotes';
  if (expected === 'number' && typeof got === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(got)) return 'remove the quotes around the number';
  // "c. 2001", "2001s", "90 minutes": the digits are there, with words around them that a number cannot hold.
  if (expected === 'number' && typeof got === 'string') {
    const digits = /\d+(\.\d+)?/.exec(got)?.[0];
    return digits ? `write the number alone, in digits, e.g. ${digits}` : 'write the number in digits';
  }
  if (expected === 'array') return 'start each item on its own line with "- "';
  if (expected === 'string' && got === null) return 'write the text after the colon, or remove the key';
  if (expected === 'string' && got && typeof got === 'object' && !Array.isArray(got)) return 'the text contains ": ", which YAML reads as a key; put the whole text in quotes';
  return undefined;
}
