// What the fallback chain costs a guide that does not need it: nothing. Alone in its file, so no other test has opened a font.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGlyphs } from '../src/content/glyphs.js';
import { loadGuide } from '../src/content/load.js';
import { parsedFontFiles } from '../src/font-files.js';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { splitRuns } from '../src/text/runs.js';
import { beanpoleGuide, FIXTURES, theme } from './helpers.js';

const names = () => parsedFontFiles().map((file) => path.basename(file)).sort();

describe('fonts are read only when text needs them', () => {
  it('a Russian-English guide reads PT Serif and PT Sans and no fallback font', () => {
    const { guide } = loadGuide(beanpoleGuide);
    const diagnostics: unknown[] = [];
    checkGlyphs(guide!.sources, theme, diagnostics as never);
    const chain = fontChainFor(theme);
    splitRuns([{ text: 'Beanpole (Дылда), Leningrad, autumn 1945: Iya and Masha.', style: { family: 'serif' } }], chain);
    splitRuns([{ text: 'Film form', style: { family: 'sans', bold: true } }], chain);
    expect(diagnostics).toEqual([]);
    expect(names().every((name) => name.startsWith('PTS'))).toBe(true);
  });

  it('a Japanese title reads the Japanese face, and only it', () => {
    const { guide } = loadGuide(path.join(FIXTURES, 'content', 'world', 'ja'));
    checkGlyphs(guide!.sources, theme, []);
    expect(names().filter((name) => !name.startsWith('PTS'))).toEqual(['NotoSansJP-Regular.otf']);
  });
});
