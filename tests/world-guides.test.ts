// Guides whose titles, people and glossaries are in nine scripts: they load, pass the glyph check, and compose with lang and dir marked.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../src/compose/compose.js';
import { checkGlyphs } from '../src/content/glyphs.js';
import { loadGuide } from '../src/content/load.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { FIXTURES, templates, theme } from './helpers.js';

const WORLD = path.join(FIXTURES, 'content', 'world');
const GUIDES = ['ja', 'ko', 'zh-hans', 'ar', 'fa', 'he', 'hi', 'el', 'vi'];

function load(dir: string) {
  const { guide, diagnostics } = loadGuide(dir);
  if (guide) checkGlyphs(guide.sources, theme, diagnostics);
  return { guide, diagnostics };
}

/** A copy of a world guide with `edit` applied to its guide.yaml. */
function editedCopy(name: string, edit: (yaml: string) => string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `studyguide-world-${name}-`));
  cpSync(path.join(WORLD, name), dir, { recursive: true });
  const file = path.join(dir, 'guide.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return { dir, file };
}

describe('guides for films from anywhere', () => {
  it.each(GUIDES)('%s loads with every character in a font', (name) => {
    const { guide, diagnostics } = load(path.join(WORLD, name));
    expect(diagnostics).toEqual([]);
    expect(guide).toBeDefined();
  });

  it.each([
    ['ja', 'ja', undefined],
    ['ar', 'ar', 'rtl'],
    ['fa', 'fa', 'rtl'],
    ['he', 'he', 'rtl'],
    ['zh-hans', 'zh-Hans', undefined],
  ])('%s: the title and the people named in it are marked with their language and direction', (name, lang, dir) => {
    const { guide } = load(path.join(WORLD, name));
    const xhtml = composeDocument(guide!, 'student', templates).document!.xhtml;
    const title = guide!.meta.original_title!.text;
    const marked = `<span lang="${lang}" xml:lang="${lang}"${dir ? ` dir="${dir}"` : ''}>${title}</span>`;
    expect(xhtml).toContain(marked);
    const person = guide!.meta.cast[0]!.role;
    expect(xhtml).toContain(`lang="${lang}" xml:lang="${lang}"${dir ? ` dir="${dir}"` : ''}>${person}</span>`);
  });

  it('prints a transliteration only when the guide gives one', () => {
    const vietnamese = composeDocument(load(path.join(WORLD, 'vi')).guide!, 'student', templates).document!.xhtml;
    expect(vietnamese).toContain('<span lang="vi" xml:lang="vi">Mùa hè trên sông</span>, means summer on the river.');
    const japanese = composeDocument(load(path.join(WORLD, 'ja')).guide!, 'student', templates).document!.xhtml;
    expect(japanese).toContain('紙の灯籠</span> (<em>Kami no tōrō</em>), means');
  });

  it('accepts a language tag with a script subtag', () => {
    const { dir } = editedCopy('ja', (yaml) => yaml.replace('  transliteration: Kami no tōrō\n', '').replace('  text: 紙の灯籠\n  lang: ja', '  text: Kami no tōrō\n  lang: ja-Latn'));
    expect(load(dir).diagnostics).toEqual([]);
  });

  it('names the package to install when a title needs a font that is not installed', () => {
    const { dir, file } = editedCopy('zh-hans', (yaml) => yaml.replace('  lang: zh-Hans\n  transliteration', '  lang: zh-Hant\n  transliteration').replace('text: 红色的风筝', 'text: 紅色的風箏'));
    const { diagnostics } = load(dir);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('紅色的風箏')) + 1;
    expect(diagnostics.filter((d) => d.code === 'font-not-installed')).toEqual([
      expect.objectContaining<Partial<Diagnostic>>({ file, line, column: 9, message: '"紅色的風箏" needs a font from the package @embedpdf/fonts-tc, which is not installed', hint: 'run: npm install @embedpdf/fonts-tc' }),
    ]);
  });

  it('quotes the words that need the package as typed, a character used twice included', () => {
    const { dir } = editedCopy('zh-hans', (yaml) => yaml.replace('  lang: zh-Hans\n  transliteration', '  lang: zh-Hant\n  transliteration').replace('text: 红色的风筝', 'text: 風箏的風'));
    const [problem] = load(dir).diagnostics.filter((d) => d.code === 'font-not-installed');
    expect(problem?.message).toBe('"風箏的風" needs a font from the package @embedpdf/fonts-tc, which is not installed');
  });
});
