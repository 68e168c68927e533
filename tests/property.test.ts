// Property: the Beanpole YAML mutated at random (lines deleted, duplicated, swapped, retyped, characters corrupted; and the mistakes of issue 16 against an oracle) is either reported with places or builds an EPUB that passes epubcheck-ts; it never crashes.
import { locateFont } from '../src/fonts/locate.js';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { buildDate } from '../src/plan.js';
import { prepare } from '../src/prepare.js';
import { elementChildren, type ElementNode } from '../src/compose/tree.js';
import { RESERVED_IDS, RESERVED_PATTERNS } from '../src/content/anchors.js';
import { MAX_LIST_DEPTH } from '../src/content/markdown-check.js';
import { MAX_TITLE } from '../src/content/schema.js';
import { openFont } from '../src/font-files.js';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { renderEpub } from '../src/render/epub/index.js';
import { beanpoleGuide, TEMPLATES, theme } from './helpers.js';

/** 200 by default (about a minute); PROPERTY_RUNS=1000 for a longer search. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
/** Building and validating an EPUB is the slow part; this many successful mutations are checked end to end. */
const EPUBS_TO_VALIDATE = Number(process.env.PROPERTY_EPUBS ?? 12);

/** Diagnostics about a whole file (it is empty, too large, binary or in another encoding) have no line to point at. */
const WHOLE_FILE_CODES = new Set(['empty-file', 'file-too-large', 'not-utf8', 'missing-file', 'unreadable-file', 'no-guides', 'not-a-file', 'not-a-folder', 'broken-link', 'link-outside', 'unreadable-folder']);

const project = mkdtempSync(path.join(tmpdir(), 'studyguide-property-'));
const guideDir = path.join(project, 'beanpole');
cpSync(beanpoleGuide, guideDir, { recursive: true });
const files = [...readdirSync(guideDir).filter((f) => f.endsWith('.yaml')), ...readdirSync(path.join(guideDir, 'themes')).map((f) => `themes/${f}`)].sort();
const originals = new Map(files.map((f) => [f, readFileSync(path.join(guideDir, f))]));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Characters and bytes that break things: YAML syntax, controls XML forbids, a non-character, a glyph the fonts lack, a lone Latin-1 byte. */
const NASTY = ['\t', ':', ': ', '"', "'", '[', '{', '&a', '*a', '#', '- ', '\u0007', '\u0000', '\uFFFE', '→', 'Ж', '\\ud800', '%', '<script>', '](javascript:x)'];

const mutation = fc.record({
  file: fc.nat({ max: files.length - 1 }),
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'retype', 'corrupt', 'latin1-byte'),
  line: fc.nat(),
  column: fc.nat(),
  nasty: fc.constantFrom(...NASTY),
  retyped: fc.constantFrom('42', '[]', '{}', 'true', 'null', '', '- a', '"quoted"', '|', '1.10'),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Buffer, m: Mutation): Buffer {
  if (m.kind === 'latin1-byte') {
    const at = m.column % Math.max(1, bytes.length);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]);
  }
  const lines = bytes.toString('utf8').split('\n');
  const i = m.line % lines.length;
  const line = lines[i]!;
  if (m.kind === 'delete') lines.splice(i, 1);
  else if (m.kind === 'duplicate') lines.splice(i, 0, line);
  else if (m.kind === 'swap') [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length]!, line];
  else if (m.kind === 'retype') lines[i] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${m.retyped}` : m.retyped;
  else {
    const at = m.column % (line.length + 1);
    lines[i] = line.slice(0, at) + m.nasty + line.slice(at);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

describe('the Beanpole guide, mutated at random', () => {
  it(`ends ${RUNS} times out of ${RUNS} either in located errors or in an EPUB that passes epubcheck-ts, never in a crash`, async () => {
    let failures = 0;
    let successes = 0;
    let validated = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = files[m.file]!;
        writeFileSync(path.join(guideDir, file), mutate(originals.get(file)!, m));
        try {
          // A throw here is what the command line turns into exit 70: the property fails with it.
          const { prepared, diagnostics } = prepare({ contentDir: project, templatesDir: TEMPLATES, guides: ['beanpole'], editions: ['student'] }, {}, { composeHandouts: false });
          const errors = diagnostics.filter((d) => d.severity === 'error');
          if (errors.length) {
            failures++;
            for (const d of errors) expectLocated(d);
            return;
          }
          successes++;
          if (validated >= EPUBS_TO_VALIDATE) return;
          validated++;
          const epub = await renderEpub(prepared!.documents[0]!, prepared!.theme, prepared!.templates, { date: new Date('2026-11-22T00:00:00Z') });
          const check = await EpubCheck.validate(epub);
          expect(check.messages.filter((x) => x.severity !== 'info' && x.severity !== 'usage')).toEqual([]);
        } finally {
          writeFileSync(path.join(guideDir, file), originals.get(file)!);
        }
      }),
      { numRuns: RUNS, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
    );
    // Both outcomes must really occur, or the mutations are too tame (or too wild) to test anything.
    expect(failures).toBeGreaterThan(RUNS / 10);
    expect(successes).toBeGreaterThan(RUNS / 20);
  }, Math.max(300_000, RUNS * 900));
});

function expectLocated(d: Diagnostic): void {
  expect(d.file, d.message).toMatch(/\.(yaml|hbs)$|beanpole$/);
  if (!WHOLE_FILE_CODES.has(d.code)) {
    expect(d.line ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
    expect(d.column ?? 0, `${d.code}: ${d.message}`).toBeGreaterThan(0);
  }
  const text = formatDiagnostic(d, () => undefined);
  expect(text).not.toMatch(/\n\s+at /);
  expect(text, text).not.toMatch(/undefined|\[object Object\]/);
}

/**
 * The classes of issue 16, each with an oracle: an id that is already a link target, a &…; reference to any
 * code point, a list nested 1 to 12 deep, any date, blank text, a title of any length. Each mutation is either
 * rejected with located errors (and must be, when the oracle says so) or composes into documents that hold
 * what was written, whole, with no id twice; a few of those are built into EPUBs and validated.
 */
describe('the Beanpole guide, with the mistakes of issue 16 made at random', () => {
  const original = prepare({ contentDir: project, templatesDir: TEMPLATES, guides: ['beanpole'], editions: ['student', 'teacher'] }, {}, { composeHandouts: false });
  const takenIds = new Set(original.prepared!.documents.flatMap((d) => idsOf(d.root)));
  const fonts = [theme.fonts.serif.regular, theme.fonts.sans.bold].map(openFont);
  // Each face as the chain finds it (a package's file even where its exports do not list it); a package not installed has none.
  const fallbackFonts = theme.fallback_fonts.flatMap((face) => {
    const located = locateFont(face.files.regular, { baseDir: TEMPLATES, root: TEMPLATES });
    return 'path' in located ? [openFont(located.path)] : [];
  });
  // Renaming a section that the text links to (#siege) breaks those links, which is an error of its own.
  const linked = new Set([...originals.values()].flatMap((bytes) => [...bytes.toString('utf8').matchAll(/\]\(#([a-z0-9-]+)\)/g)].map((match) => match[1]!)));

  const semantic = fc.oneof(
    fc.record({ kind: fc.constant('anchor' as const), section: fc.nat({ max: 2 }), id: fc.oneof(fc.constantFrom(...takenIds, ...Object.keys(RESERVED_IDS), 'glossary-1', 'page-3', 'heading-2', 'q-before-expectations'), fc.stringMatching(/^[a-z]{3,8}(-[a-z0-9]{1,4})?$/)) }),
    fc.record({ kind: fc.constant('entity' as const), code: fc.oneof(fc.constantFrom(0, 9, 10, 12, 13, 0x1f, 0x41, 0xe9, 0x416, 0x2014, 0x2603, 0x1f600, 0xd800, 0xdfff, 0xfffe, 0xffff, 0xfdd0, 0x10ffff, 0x110000, 0x202f, 0xa0, 0xad), fc.integer({ min: 0, max: 0x10ffff })), hex: fc.boolean() }),
    fc.record({ kind: fc.constant('list' as const), depth: fc.integer({ min: 1, max: 12 }), ordered: fc.boolean() }),
    // Dates near the ends of months and of the allowed years, where a calendar mistake hides.
    fc.record({ kind: fc.constant('date' as const), year: fc.oneof(fc.integer({ min: 1981, max: 2098 }), fc.constantFrom(1980, 1981, 2098, 2099, 2000, 2100), fc.integer({ min: 1900, max: 2200 })), month: fc.oneof(fc.constant(2), fc.integer({ min: 0, max: 13 })), day: fc.oneof(fc.integer({ min: 28, max: 32 }), fc.integer({ min: 0, max: 32 })) }),
    fc.record({ kind: fc.constant('blank' as const), place: fc.nat({ max: BLANKABLE.length - 1 }), text: fc.constantFrom('', ' ', '   ', '\u00a0', '\u200b', '\t ', ' \u202f ', '\u3000') }),
    fc.record({ kind: fc.constant('title' as const), place: fc.nat({ max: TITLES.length - 1 }), length: fc.integer({ min: 1, max: 400 }) }),
  );

  it(`ends ${RUNS} times out of ${RUNS} as its oracle says: located errors, or documents that hold the text whole`, async () => {
    const seen = { rejected: 0, accepted: 0, validated: 0 };
    await fc.assert(
      fc.asyncProperty(semantic, async (m) => {
        const change = applySemantic(m);
        try {
          const { prepared, diagnostics } = prepare({ contentDir: project, templatesDir: TEMPLATES, guides: ['beanpole'], editions: ['student', 'teacher'] }, {}, { composeHandouts: false });
          const errors = diagnostics.filter((d) => d.severity === 'error');
          const verdict = oracle(m, change.before);
          if (errors.length) {
            seen.rejected++;
            expect(verdict, `rejected but the oracle accepts ${JSON.stringify(m)}: ${errors.map((e) => e.message).join('; ')}`).not.toBe('accept');
            for (const d of errors) expectLocated(d);
            // The report points into the value that was changed (a renamed section is reported where it is linked to).
            if (errors.every((d) => d.code === 'broken-link')) return;
            // An id taken by something later in the guide is reported there, naming this place.
            const here = (d: Diagnostic) => (d.file.endsWith(change.file) && d.line! >= change.line && d.line! <= change.lastLine) || d.message.includes(`${path.basename(change.file)}:${change.line})`);
            expect(errors.some(here), `${JSON.stringify(m)} reported elsewhere: ${errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`).toBe(true);
            return;
          }
          seen.accepted++;
          expect(verdict, `accepted but the oracle rejects ${JSON.stringify(m)}`).not.toBe('reject');
          for (const document of prepared!.documents) {
            const ids = idsOf(document.root);
            expect(ids.length, 'an id appears twice').toBe(new Set(ids).size);
            if (change.expect) expect(document.xhtml).toContain(change.expect);
            if (m.kind === 'list') expect(deepestList(document.root)).toBeGreaterThanOrEqual(m.depth);
          }
          if (m.kind === 'date') expect(buildDate(prepared!.guides[0]!.meta.date).toISOString().slice(0, 10)).toBe(change.expect);
          if (seen.validated >= EPUBS_TO_VALIDATE) return;
          seen.validated++;
          const epub = await renderEpub(prepared!.documents[0]!, prepared!.theme, prepared!.templates, { date: new Date('2026-11-22T00:00:00Z') });
          const check = await EpubCheck.validate(epub);
          expect(check.messages.filter((x) => x.severity !== 'info' && x.severity !== 'usage')).toEqual([]);
        } finally {
          change.restore();
        }
      }),
      { numRuns: RUNS, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined },
    );
    expect(seen.rejected).toBeGreaterThan(RUNS / 10);
    expect(seen.accepted).toBeGreaterThan(RUNS / 10);
  }, Math.max(600_000, RUNS * 1200));

  type Semantic = typeof semantic extends fc.Arbitrary<infer T> ? T : never;

  /** What the guide's rules say about a mutation: 'accept', 'reject', or 'either' when the fonts decide. */
  function oracle(m: Semantic, before: unknown): 'accept' | 'reject' | 'either' {
    switch (m.kind) {
      case 'anchor':
        if (m.id === before) return 'accept';
        return takenIds.has(m.id) || RESERVED_IDS[m.id] !== undefined || RESERVED_PATTERNS.some(([p]) => p.test(m.id)) || linked.has(String(before)) ? 'reject' : 'accept';
      case 'entity': {
        const invalid = m.code > 0x10ffff || (m.code >= 0xd800 && m.code <= 0xdfff) || (m.code & 0xfffe) === 0xfffe || (m.code >= 0xfdd0 && m.code <= 0xfdef) || m.code < 9 || m.code === 0xb || m.code === 0xc || (m.code >= 0xe && m.code <= 0x1f) || (m.code >= 0x7f && m.code <= 0x9f);
        if (invalid) return 'reject';
        if ([9, 10, 13, 0xad].includes(m.code) || fonts.every((f) => f.hasGlyphForCodePoint(m.code))) return 'accept';
        // Beyond the house faces the fallback chain decides, by script and language; a character no installed face has is always refused.
        return fallbackFonts.some((f) => f.hasGlyphForCodePoint(m.code)) ? 'either' : 'reject';
      }
      case 'list':
        return m.depth <= MAX_LIST_DEPTH ? 'accept' : 'reject';
      case 'date': {
        const real = m.month >= 1 && m.month <= 12 && m.day >= 1 && m.day <= new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
        return real && m.year >= 1981 && m.year <= 2098 ? 'accept' : 'reject';
      }
      case 'blank':
        return 'reject';
      case 'title':
        return m.length <= MAX_TITLE ? 'accept' : 'reject';
    }
  }
});

/** Places that hold a required text, by file and path. */
const BLANKABLE: [string, (string | number)[]][] = [
  ['guide.yaml', ['title']],
  ['guide.yaml', ['director']],
  ['themes/colour.yaml', ['title']],
  ['themes/colour.yaml', ['body']],
  ['context.yaml', ['filmmakers', 0, 'title']],
  ['questions.yaml', ['questions', 'before', 0, 'prompt']],
  ['glossary.yaml', ['glossary', 0, 'terms', 0, 'meaning']],
];
const TITLES: [string, (string | number)[]][] = [
  ['guide.yaml', ['title']],
  ['themes/colour.yaml', ['title']],
  ['context.yaml', ['filmmakers', 0, 'title']],
];
const ESSAYS: [string, (string | number)[]][] = [
  ['context.yaml', ['context', 'sections', 0, 'id']],
  ['context.yaml', ['filmmakers', 1, 'id']],
  ['form.yaml', ['film_form', 'sections', 2, 'id']],
];

/** Sets one value in one of the guide's files (through the YAML library, so the file stays valid YAML); returns where, and how to undo it. */
function setValue(file: string, at: (string | number)[], value: (old: unknown) => string, expectText?: (value: string) => string) {
  const full = path.join(guideDir, file);
  const text = readFileSync(full, 'utf8');
  const document = parseDocument(text);
  const before = document.getIn(at);
  const next = value(before);
  document.setIn(at, next);
  const written = document.toString({ lineWidth: 0 });
  writeFileSync(full, written);
  const lineCounter = new LineCounter();
  const reread = parseDocument(written, { lineCounter });
  const node = reread.getIn(at, true) as { range?: [number, number, number] } | undefined;
  const line = lineCounter.linePos(node?.range?.[0] ?? 0).line;
  const lastLine = lineCounter.linePos(Math.max(node?.range?.[0] ?? 0, (node?.range?.[1] ?? 1) - 1)).line;
  return { file, line, lastLine, before, expect: expectText?.(next), restore: () => writeFileSync(full, originals.get(file)!) };
}

function applySemantic(m: { kind: string } & Record<string, unknown>) {
  const word = (i: number) => `deepword${i}`;
  switch (m.kind) {
    case 'anchor': {
      const [file, at] = ESSAYS[m.section as number]!;
      return setValue(file, at, () => m.id as string);
    }
    case 'entity': {
      const code = m.code as number;
      const reference = m.hex ? `&#x${code.toString(16)};` : `&#${code};`;
      // A tab or a line break is white space once the document is parsed (XML turns CR into LF): only its paragraph is looked for.
      return setValue('themes/colour.yaml', ['body'], (old) => `Reference ${reference} here.\n\n${String(old)}`, () => (code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && ![9, 10, 13].includes(code) ? String.fromCodePoint(code) : 'Reference'));
    }
    case 'list': {
      const marker = m.ordered ? '1.' : '-';
      const list = Array.from({ length: m.depth as number }, (_, i) => `${' '.repeat(i * 3)}${marker} ${word(i + 1)}`).join('\n');
      return setValue('themes/colour.yaml', ['body'], (old) => `${list}\n\nThe paragraph after the list, zzend.\n\n${String(old)}`, () => `${word(m.depth as number)}`);
    }
    case 'date': {
      const date = `${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}-${String(m.day).padStart(2, '0')}`;
      return setValue('guide.yaml', ['date'], () => date, () => date);
    }
    case 'blank': {
      const [file, at] = BLANKABLE[m.place as number]!;
      return setValue(file, at, () => m.text as string);
    }
    default: {
      const [file, at] = TITLES[m.place as number]!;
      return setValue(file, at, () => 'A long title of words '.repeat(20).slice(0, m.length as number).replace(/\s+$/, '.'), (title) => title);
    }
  }
}

function idsOf(root: ElementNode): string[] {
  const ids: string[] = [];
  const visit = (node: ElementNode) => {
    if (node.attrs.id) ids.push(node.attrs.id);
    elementChildren(node).forEach(visit);
  };
  visit(root);
  return ids;
}

function deepestList(node: ElementNode, depth = 0): number {
  const here = node.name === 'ul' || node.name === 'ol' ? depth + 1 : depth;
  return Math.max(here, ...elementChildren(node).map((child) => deepestList(child, here)));
}
