// Protects legibility: every text colour in the theme meets WCAG contrast 4.5:1 on every background it is set on, and loading a theme that does not fails at its line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/diagnostics.js';
import { BACKGROUNDS, backgroundColour, contrastPairs, contrastProblems, contrastRatio, MINIMUM_CONTRAST, TEXT_COLOURS } from '../src/look/contrast.js';
import { loadTheme } from '../src/theme.js';
import { TEMPLATES, theme } from './helpers.js';

describe('theme colours', () => {
  const { colours } = theme;

  it('measures contrast as WCAG does: black on white is 21:1, a colour on itself 1:1, #767676 on white just passes', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#6b1d17', '#6b1d17')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('checks every text colour on every background the templates use', () => {
    expect(contrastPairs(colours)).toHaveLength(Object.keys(TEXT_COLOURS).length * Object.keys(BACKGROUNDS).length);
  });

  for (const { text, background } of contrastPairs(colours)) {
    it(`${text} on the ${background} background reaches 4.5:1`, () => {
      expect(contrastRatio(colours[text], backgroundColour(colours, background))).toBeGreaterThanOrEqual(MINIMUM_CONTRAST);
    });
  }

  it('suggests a darker colour that passes on every background', () => {
    const [problem] = contrastProblems({ ...colours, muted: '#aaaaaa' });
    expect(problem).toMatchObject({ text: 'muted', background: 'page' });
    for (const background of Object.keys(BACKGROUNDS) as (keyof typeof BACKGROUNDS)[]) {
      expect(contrastRatio(problem!.suggestion!, backgroundColour({ ...colours, muted: problem!.suggestion! }, background))).toBeGreaterThanOrEqual(MINIMUM_CONTRAST);
    }
  });

  it('refuses to load a theme.yaml whose text colour fails, at that colour’s line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-contrast-'));
    const file = path.join(dir, 'theme.yaml');
    writeFileSync(file, readFileSync(path.join(TEMPLATES, 'theme.yaml'), 'utf8').replace(/heading: "#6b1d17"/, 'heading: "#d08070"'));
    let error: unknown;
    try {
      loadTheme(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const [diagnostic] = (error as UserError).diagnostics;
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"#d08070"')) + 1;
    expect(diagnostic).toMatchObject({ code: 'low-contrast', file, line });
    expect(diagnostic!.message).toMatch(/colours\.heading "#d08070" .* is too light to read: 2\.\d\d:1 on the white page/);
  });
});
