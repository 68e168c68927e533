// The font chain at load: letters beyond PT pass, missing ones are located errors, a guide's and a theme's own font files are checked.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGlyphs } from '../src/content/glyphs.js';
import { loadGuide } from '../src/content/load.js';
import { UserError, type Diagnostic } from '../src/diagnostics.js';
import { packageFolder } from '../src/fonts/locate.js';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { loadTheme } from '../src/theme.js';
import { FIXTURES, ROOT, TEMPLATES, theme } from './helpers.js';

/** A copy of the tiny guide with `edit` applied to guide.yaml; returns its folder and guide.yaml. */
function tinyWith(edit: (yaml: string) => string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-chain-'));
  cpSync(path.join(FIXTURES, 'content', 'tiny'), dir, { recursive: true });
  const file = path.join(dir, 'guide.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return { dir, file };
}

function check(dir: string): Diagnostic[] {
  const { guide, diagnostics } = loadGuide(dir);
  expect(guide, JSON.stringify(diagnostics)).toBeDefined();
  checkGlyphs(guide!.sources, theme, diagnostics);
  return diagnostics;
}

const PROMPT = 'What is the title?';
const lineAndColumn = (file: string, needle: string) => {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
};

describe('characters beyond PT Serif and PT Sans', () => {
  it('accepts Vietnamese, pinyin, Welsh, ə and Greek', () => {
    const { dir } = tinyWith((yaml) => yaml.replace(PROMPT, 'Is it Nguyễn, Lǎo, Tŵr, ŷ, schwa ə or Κυνόδοντας?'));
    expect(check(dir)).toEqual([]);
  });

  it('reports a character no font has, naming the fonts tried, at its line and column', () => {
    const { dir, file } = tinyWith((yaml) => yaml.replace(PROMPT, 'What is the title \u{1F3AC}?'));
    expect(check(dir)).toEqual([
      expect.objectContaining({
        code: 'missing-glyph',
        file,
        ...lineAndColumn(file, '\u{1F3AC}'),
        message: 'the character "\u{1F3AC}" (U+1F3AC) is in none of the fonts (PT Serif, Noto Serif, PT Sans, Noto Sans), so it would print as an empty box',
      }),
    ]);
  });
});

describe('text normalised to NFC at load', () => {
  it('reads a decomposed ö as the composed letter, and still points at the file as saved', () => {
    const { dir, file } = tinyWith((yaml) => yaml.replace(PROMPT, 'Scho\u0308n, what is the title \u{1F3AC}?'));
    const { guide } = loadGuide(dir);
    expect(guide!.meta.questions.before[0]!.prompt).toBe('Schön, what is the title \u{1F3AC}?');
    // Columns count the characters in the file: the decomposed ö is two of them there.
    expect(check(dir)[0]).toMatchObject(lineAndColumn(file, '\u{1F3AC}'));
  });
});

describe("a guide's own fonts", () => {
  const notoSerif = path.join(packageFolder('@expo-google-fonts/noto-serif')!, '400Regular', 'NotoSerif_400Regular.ttf');
  const woff2 = path.join(packageFolder('@fontsource/pt-serif')!, 'files', 'pt-serif-latin-400-normal.woff2');
  const withFonts = (files: string) => `fonts:\n  - name: School Serif\n    scripts: [Latin]\n    files:\n${files}`;

  it('come right after the house faces, before the theme chain', () => {
    const { dir } = tinyWith((yaml) => `${yaml}${withFonts('      regular: ./fonts/School.ttf\n')}`);
    mkdirSync(path.join(dir, 'fonts'));
    copyFileSync(notoSerif, path.join(dir, 'fonts', 'School.ttf'));
    expect(check(dir)).toEqual([]);
    const chain = fontChainFor(theme, { fonts: loadGuide(dir).guide!.meta.fonts!, dir });
    expect(chain.faceFor('Lǎo', { family: 'serif' })!.chainFont.name).toBe('School Serif');
  });

  it.each([
    ['a missing file', './fonts/Missing.ttf', 'font-missing', 'the font file ./fonts/Missing.ttf does not exist'],
    ['a web font', './fonts/Web.woff2', 'font-format', './fonts/Web.woff2 is a web font (WOFF2); the PDF needs a TrueType (.ttf) or OpenType (.otf) font'],
    ['a file outside the guide', '../Elsewhere.ttf', 'font-outside', 'the font file ../Elsewhere.ttf is outside'],
  ])('report %s at its line', (_, spec, code, message) => {
    const { dir, file } = tinyWith((yaml) => `${yaml}${withFonts(`      regular: ${spec}\n`)}`);
    mkdirSync(path.join(dir, 'fonts'));
    copyFileSync(woff2, path.join(dir, 'fonts', 'Web.woff2'));
    copyFileSync(notoSerif, path.join(path.dirname(dir), 'Elsewhere.ttf'));
    expect(check(dir)).toEqual([expect.objectContaining({ code, file, ...lineAndColumn(file, spec), message: expect.stringContaining(message) })]);
  });
});

describe("the theme's fallback chain", () => {
  function themeWith(edit: (yaml: string) => string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-theme-'));
    const file = path.join(dir, 'templates', 'theme.yaml');
    mkdirSync(path.dirname(file));
    writeFileSync(file, edit(readFileSync(path.join(TEMPLATES, 'theme.yaml'), 'utf8')));
    return file;
  }
  const errorsOf = (file: string) => {
    try {
      loadTheme(file);
      return [];
    } catch (error) {
      if (error instanceof UserError) return error.diagnostics;
      throw error;
    }
  };

  it('reports a local font file that is not there at its line', () => {
    const file = themeWith((yaml) => yaml.replace('"@embedpdf/fonts-hebrew/fonts/NotoSansHebrew-Bold.ttf"', './fonts/SchoolHebrew-Bold.ttf'));
    expect(errorsOf(file)).toEqual([expect.objectContaining({ code: 'font-missing', file, ...lineAndColumn(file, './fonts/SchoolHebrew-Bold.ttf') })]);
  });

  it('reports a misspelt script name', () => {
    const file = themeWith((yaml) => yaml.replace('scripts: [Han, Hiragana, Katakana]', 'scripts: [Han, Hirigana, Katakana]'));
    expect(errorsOf(file)).toEqual([expect.objectContaining({ file, message: expect.stringContaining('Unicode script name') })]);
  });

  it('lets a package that is not installed pass until a guide needs it', () => {
    expect(packageFolder('@embedpdf/fonts-tc')).toBeUndefined();
    expect(errorsOf(themeWith((yaml) => yaml))).toEqual([]);
  });
});

describe('font packages', () => {
  it('are found in the project folder studyguide runs in, as well as among its own dependencies (a global install)', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'studyguide-font-project-'));
    mkdirSync(path.join(project, 'node_modules', '@embedpdf', 'fonts-tc'), { recursive: true });
    writeFileSync(path.join(project, 'node_modules', '@embedpdf', 'fonts-tc', 'package.json'), '{"name":"@embedpdf/fonts-tc"}');
    const locate = pathToFileURL(path.join(ROOT, 'dist', 'fonts', 'locate.js')).href;
    const found = execFileSync(process.execPath, ['--input-type=module', '-e', `import { packageFolder } from '${locate}'; process.stdout.write(String(packageFolder('@embedpdf/fonts-tc')))`], { cwd: project, encoding: 'utf8' });
    expect(found).toBe(path.join(realpathSync(project), 'node_modules', '@embedpdf', 'fonts-tc'));
  });
});
