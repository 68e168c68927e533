// Protects the located, complete error report for broken content: every problem, its place, its hint, one pass.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuide } from '../src/content/load.js';
import { formatDiagnostic, sortDiagnostics } from '../src/diagnostics.js';
import { readFileSync } from 'node:fs';
import { FIXTURES, ROOT } from './helpers.js';

const report = (dir: string) =>
  sortDiagnostics(loadGuide(dir).diagnostics)
    .map((d) => formatDiagnostic(d, (f) => readFileSync(f, 'utf8'), ROOT))
    .join('\n\n');

describe('schema diagnostics', () => {
  it('reports every problem of a broken guide in one pass, with positions and hints', () => {
    expect(report(path.join(FIXTURES, 'broken', 'schema'))).toBe(
      `tests/fixtures/broken/schema/guide.yaml:1:1: error: language is required
 > 1 | title: Broken
     | ^
   hint: add "language:" at the top of guide.yaml, or in another .yaml file of the guide's folder

tests/fixtures/broken/schema/guide.yaml:3:7: error: year must be a number (got string "2019")
   2 | director: Someone
 > 3 | year: "2019"
     |       ^
   hint: remove the quotes around the number

tests/fixtures/broken/schema/guide.yaml:4:1: error: unknown key "languag"
   3 | year: "2019"
 > 4 | languag: en-GB
     | ^
   hint: did you mean "language"?

tests/fixtures/broken/schema/guide.yaml:22:5: error: theme "colur" has no file themes/colur.yaml
   21 |   - colour
 > 22 |   - colur
      |     ^
   hint: did you mean "colour"?

tests/fixtures/broken/schema/guide.yaml:26:14: error: questions.before[0].level must be one of recall, analysis, evaluation, creation (got "analyze")
   25 |     - id: q1
 > 26 |       level: analyze
      |              ^
   hint: did you mean "analysis"?

tests/fixtures/broken/schema/guide.yaml:29:11: error: question id "q1" is already used (first at guide.yaml:25)
   28 |   after:
 > 29 |     - id: q1
      |           ^
   hint: give each question its own id

tests/fixtures/broken/schema/themes/colour.yaml:8:5: error: unknown key "guidence" in questions[0]
   7 |     prompt: Why?
 > 8 |     guidence: A typo in the key.
     |     ^
   hint: did you mean "guidance"?`,
    );
  });

  it('reports a part of a guide set in two of its files, at the second', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-parts-'));
    cpSync(path.join(FIXTURES, 'content', 'tiny'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'more.yaml'), '# a second licence by mistake\nlicence: Also free.\n');
    const { guide, diagnostics } = loadGuide(dir);
    expect(guide).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-key', file: path.join(dir, 'more.yaml'), line: 2, column: 1, message: '"licence" is already set in guide.yaml' }),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [first] = loadGuide(path.join(FIXTURES, 'broken', 'yaml')).diagnostics;
    // The quote is noticed missing at the end of the file; the place to fix is where it opens.
    expect(first).toMatchObject({ code: 'yaml-syntax', message: 'this double quote is never closed', line: 1, column: 8 });
  });
});

describe('characters the fonts cannot draw', () => {
  it('are errors at their line and column, never silent empty boxes', async () => {
    const { checkGlyphs } = await import('../src/content/glyphs.js');
    const { theme } = await import('./helpers.js');
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-glyphs-'));
    cpSync(path.join(FIXTURES, 'content', 'tiny'), dir, { recursive: true });
    const file = path.join(dir, 'guide.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('What is the title?', 'What is the title → here?'));
    const { guide } = loadGuide(dir);
    const diagnostics: import('../src/diagnostics.js').Diagnostic[] = [];
    checkGlyphs(guide!.sources, theme, diagnostics);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'missing-glyph',
        file,
        line: 44,
        column: 33,
        message: 'the character "→" (U+2192) is in none of the fonts (PT Serif, Noto Serif, PT Sans, Noto Sans), so it would print as an empty box',
      }),
    ]);
  });
});
