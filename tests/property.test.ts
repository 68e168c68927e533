// Property: the Beanpole YAML mutated at random (lines deleted, duplicated, swapped, retyped, characters corrupted) is either reported with places or builds an EPUB that passes epubcheck-ts; it never crashes.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/prepare.js';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { renderEpub } from '../src/render/epub/index.js';
import { beanpoleGuide, TEMPLATES } from './helpers.js';

/** 200 by default (about a minute); PROPERTY_RUNS=1000 for a longer search. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
/** Building and validating an EPUB is the slow part; this many successful mutations are checked end to end. */
const EPUBS_TO_VALIDATE = Number(process.env.PROPERTY_EPUBS ?? 12);

/** Diagnostics about a whole file (it is empty, too large, binary or in another encoding) have no line to point at. */
const WHOLE_FILE_CODES = new Set(['empty-file', 'file-too-large', 'not-utf8', 'missing-file', 'unreadable-file', 'no-guides']);

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
  }, 300_000);
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
