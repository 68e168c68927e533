// Runs, shaping, line breaking and visual order on real fonts: the pieces the PDF text path is built from.
import { describe, expect, it } from 'vitest';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { breakLines, shapedMeasure, visualOrder } from '../src/text/line-break.js';
import { splitRuns, type StyledText } from '../src/text/runs.js';
import { declaredScriptLanguages } from '../src/text/scripts.js';
import { shapeRun } from '../src/text/shape.js';
import { theme } from './helpers.js';

const serif = { family: 'serif' } as const;
const part = (text: string, lang?: string): StyledText => ({ text, style: serif, lang });
const summary = (parts: StyledText[], options = {}) =>
  splitRuns(parts, fontChainFor(theme), options).runs.map((run) => ({ text: run.text, font: run.face.chainFont.name, level: run.level, lang: run.lang }));

describe('splitting a paragraph into runs', () => {
  it('keeps Latin and Cyrillic text in the house face, marks the Russian, and opens no other font', () => {
    const chain = fontChainFor(theme);
    const runs = splitRuns([part('Beanpole (Дылда) is set in Leningrad, autumn 1945.')], chain).runs;
    expect(runs.map((run) => [run.text, run.face.chainFont.name, run.lang])).toEqual([
      ['Beanpole (', 'PT Serif', undefined],
      // Spaces and punctuation stay in the run they stand in.
      ['Дылда) ', 'PT Serif', 'ru'],
      ['is set in Leningrad, autumn 1945.', 'PT Serif', undefined],
    ]);
    expect(chain.openedFaces()).toEqual(['PT Serif regular']);
  });

  it('sets a word PT lacks a letter of whole in Noto Serif, not letter by letter', () => {
    expect(summary([part('Trần Anh Hùng')])).toEqual([
      { text: 'Trần ', font: 'Noto Serif', level: 0, lang: undefined },
      { text: 'Anh Hùng', font: 'PT Serif', level: 0, lang: undefined },
    ]);
  });

  it('gives East Asian text the face its language prefers', () => {
    expect(summary([part('千と千尋の神隠し', 'ja')])).toEqual([{ text: '千と千尋の神隠し', font: 'Noto Sans JP', level: 0, lang: 'ja' }]);
    expect(summary([part('霸王别姬', 'zh-Hans')])[0]!.font).toBe('Noto Sans SC');
    expect(summary([part('기생충')])).toEqual([{ text: '기생충', font: 'Noto Sans KR', level: 0, lang: 'ko' }]);
  });

  it('tells Japanese Han from Chinese by the kana beside it when nothing is declared', () => {
    expect(summary([part('神隠し')])[0]).toMatchObject({ font: 'Noto Sans JP', lang: 'ja' });
    expect(summary([part('霸王别姬')])[0]).toMatchObject({ lang: 'zh' });
  });

  it('makes a Persian paragraph right to left, with the language the guide declares for Arabic script', () => {
    const chain = fontChainFor(theme);
    const paragraph = splitRuns([part('جدایی نادر از سیمین')], chain, { scriptLanguages: declaredScriptLanguages(['fa']) });
    expect(paragraph.direction).toBe('rtl');
    expect(paragraph.runs).toHaveLength(1);
    expect(paragraph.runs[0]).toMatchObject({ level: 1, lang: 'fa' });
  });

  it('sets a marked Arabic title apart, so the number after it stays in the English sentence', () => {
    expect(summary([part('The film '), part('وجدة', 'ar'), part(' (2012) is short.')])).toEqual([
      { text: 'The film ', font: 'PT Serif', level: 0, lang: undefined },
      { text: 'وجدة', font: 'Noto Naskh Arabic', level: 1, lang: 'ar' },
      { text: ' (2012) is short.', font: 'PT Serif', level: 0, lang: undefined },
    ]);
  });

  it('reports a character no face has instead of hiding it', () => {
    const paragraph = splitRuns([part('a \u{1F3AC} b')], fontChainFor(theme));
    expect(paragraph.missing).toEqual([{ index: 2, character: '\u{1F3AC}' }]);
  });
});

describe('shaping a run whole', () => {
  const chain = fontChainFor(theme);
  const face = (text: string, lang?: string) => chain.faceFor(text, serif, lang)!;

  it('joins Arabic letters: ج inside وجدة is not the glyph of ج alone', () => {
    const alone = shapeRun(face('ج'), 'ج', true).glyphs[0]!.id;
    const word = shapeRun(face('وجدة'), 'وجدة', true);
    expect(word.glyphs).toHaveLength(4);
    expect(word.glyphs.map((g) => g.id)).not.toContain(alone);
    // Right to left: the glyph of the first letter, و, is drawn last (rightmost).
    expect(word.glyphs[3]!.codePoints).toEqual([0x0648]);
  });

  it('forms Devanagari conjuncts and puts ि before its consonant', () => {
    expect(shapeRun(face('क्ष'), 'क्ष', false).glyphs.filter((g) => !g.extract || g.extract.length).length).toBeLessThanOrEqual(2);
    const hi = shapeRun(face('हि'), 'हि', false);
    expect(hi.glyphs[0]!.codePoints).toEqual([0x093f]);
    expect(hi.reordered).toBe(true);
    // Read left to right, the glyphs still give the text in its typed order.
    expect(hi.glyphs.flatMap((g) => g.extract ?? g.codePoints)).toEqual([0x0939, 0x093f]);
  });

  it('mirrors brackets in right-to-left text and reads them back unmirrored', () => {
    const [glyph] = shapeRun(face('('), '(', true).glyphs;
    expect(glyph!.codePoints).toEqual([0x29]);
    expect(glyph!.extract).toEqual([0x28]);
  });
});

describe('breaking lines', () => {
  const chain = fontChainFor(theme);
  const measure = shapedMeasure(12);
  const lines = (parts: StyledText[], width: number) => {
    const paragraph = splitRuns(parts, chain);
    return breakLines(paragraph, width, measure).map((line) => paragraph.text.slice(line.start, line.end));
  };

  it('breaks Japanese between characters, never before 」 or 。 nor after 「', () => {
    const text = '千尋は「神隠し」に遭い、湯屋で働くことになる。両親は豚になってしまった。';
    const broken = lines([part(text, 'ja')], 60);
    expect(broken.length).toBeGreaterThan(3);
    expect(broken.join('')).toBe(text);
    for (const line of broken) {
      expect(line).not.toMatch(/^[」。、]/u);
      expect(line).not.toMatch(/「$/u);
    }
  });

  it('never ends a line after an opening bracket or starts one with a closing bracket', () => {
    const text = 'The titles (千と千尋の神隠し) and (기생충) and (وجدة) stay whole with their brackets in narrow columns.';
    for (const width of [40, 60, 90, 140]) {
      for (const line of lines([part(text)], width)) {
        expect(line.trimEnd()).not.toMatch(/[([「]$/u);
        expect(line).not.toMatch(/^[)\]」]/u);
      }
    }
  });

  it('fits every line that can fit, and breaks Latin text only at spaces or soft hyphens', () => {
    const paragraph = splitRuns([part('Stu\u00ADdents dis\u00ADcuss the ending of the film.')], chain);
    const broken = breakLines(paragraph, 40, measure, measure(paragraph.runs[0]!, '-'));
    for (const line of broken) expect(line.width).toBeLessThanOrEqual(40);
    const texts = broken.map((line) => paragraph.text.slice(line.start, line.end));
    expect(texts.every((t) => / $|\u00AD$|\.$/u.test(t))).toBe(true);
    expect(broken.some((line) => line.hyphenated)).toBe(true);
  });

  it('starts a new line at a newline', () => {
    expect(lines([part('one\ntwo')], 500)).toEqual(['one\n', 'two']);
  });
});

describe('visual order', () => {
  const chain = fontChainFor(theme);
  const order = (parts: StyledText[]) => {
    const paragraph = splitRuns(parts, chain);
    const [line] = breakLines(paragraph, 1000, shapedMeasure(12));
    return visualOrder(paragraph, line!).map((piece) => piece.text);
  };

  it('keeps an English sentence left to right around an Arabic title', () => {
    expect(order([part('The film '), part('وجدة', 'ar'), part(' (2012) is short.')])).toEqual(['The film ', 'وجدة', ' (2012) is short.']);
  });

  it('runs a Persian line from the right: a number in it stands left of the words before it', () => {
    expect(order([part('سال 1389 فیلم')]).filter((text) => text.trim())).toEqual(['فیلم', '1389', 'سال ']);
  });
});
