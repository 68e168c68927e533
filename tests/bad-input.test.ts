// The bad-input corpus: each folder in tests/fixtures/bad-input/ is laid over the tiny guide (and the templates), and `check` must report exactly expected.txt.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITIONS } from '../src/compose/compose.js';
import { prepare } from '../src/prepare.js';
import { formatDiagnostic, sortDiagnostics } from '../src/diagnostics.js';
import { FIGURE_CASES } from './figure-cases.js';
import { FIXTURES, TEMPLATES } from './helpers.js';

const CORPUS = path.join(FIXTURES, 'bad-input');

/** Cases too big (or too binary) to keep as files: made when the test runs. */
const GENERATED: Record<string, (guideDir: string) => void | Promise<void>> = {
  'file-too-large': (guideDir) => writeFileSync(path.join(guideDir, 'notes.yaml'), `sources:\n${'  - A source, repeated to make the file large.\n'.repeat(120_000)}`),
  ...FIGURE_CASES,
};

/** A project folder: content/tiny with the case's files laid over it, and templates/ with the case's templates. */
async function projectFor(caseName: string): Promise<string> {
  const project = mkdtempSync(path.join(tmpdir(), `studyguide-${caseName}-`));
  const guideDir = path.join(project, 'content', 'tiny');
  cpSync(path.join(FIXTURES, 'content', 'tiny'), guideDir, { recursive: true });
  cpSync(TEMPLATES, path.join(project, 'templates'), { recursive: true });
  const caseDir = path.join(CORPUS, caseName);
  if (existsSync(caseDir)) {
    for (const entry of readdirSync(caseDir)) {
      if (entry === 'expected.txt') continue;
      cpSync(path.join(caseDir, entry), entry === 'templates' ? path.join(project, 'templates') : path.join(guideDir, entry), { recursive: true });
    }
  }
  await GENERATED[caseName]?.(guideDir);
  return project;
}

/** What `studyguide check` prints on stderr, with paths relative to the project folder. */
function checkReport(project: string): string {
  const { diagnostics } = prepare({
    contentDir: path.join(project, 'content'),
    templatesDir: path.join(project, 'templates'),
    guides: ['tiny'],
    editions: EDITIONS,
  });
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  };
  return sortDiagnostics(diagnostics)
    .map((d) => `${formatDiagnostic(d, read, project)}\n`)
    .join('\n');
}

// A generated case keeps its expected.txt in the corpus too: each case once.
const cases = [...new Set([...readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'expected.txt')) || process.env.UPDATE), ...Object.keys(GENERATED)])];

describe('bad input', () => {
  it('has a case for every kind of mistake in the issue', () => {
    expect(cases.length).toBeGreaterThanOrEqual(34);
  });

  for (const name of cases) {
    it(`${name}: reports exactly what expected.txt says (UPDATE=1 rewrites it)`, async () => {
      const project = await projectFor(name);
      try {
        const report = checkReport(project);
        const expectedFile = path.join(CORPUS, name, 'expected.txt');
        if (process.env.UPDATE) writeFileSync(expectedFile, report);
        expect(report).toBe(readFileSync(expectedFile, 'utf8'));
        // A case named "…-accepted" is input that must be read without complaint; every other one must be an error.
        if (name.endsWith('-accepted')) expect(report).toBe('');
        else expect(report).toMatch(/^\S+:\d+:\d+: error: |^\S+: error: /);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  }
});
