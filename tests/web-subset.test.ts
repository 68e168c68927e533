// Fallback faces for the EPUB and the web page: only the characters used, still shaping, and CSS stacks in the PDF's order.
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { cssFontStacks, subsetFallbackFaces } from '../src/fonts/web-subset.js';
import { theme } from './helpers.js';

const body = [{ family: 'serif' as const }];

describe('fallback faces cut to the characters a document uses', () => {
  it('embeds nothing more for a guide in Latin and Cyrillic', async () => {
    expect(await subsetFallbackFaces([{ text: 'Beanpole (Дылда), Leningrad 1945.' }], fontChainFor(theme), body, 'sfnt')).toEqual([]);
  });

  it('adds kilobytes, not megabytes, for a Japanese title, and the face still has every character', async () => {
    const title = '千と千尋の神隠し「お盆」';
    const [face, ...others] = await subsetFallbackFaces([{ text: title, lang: 'ja' }], fontChainFor(theme), body, 'sfnt');
    expect(others).toEqual([]);
    expect(face).toMatchObject({ family: 'Noto Sans JP', weight: 400, style: 'normal', format: 'opentype', mediaType: 'font/otf' });
    expect(face!.bytes.length).toBeLessThan(20_000);
    const font = create(Buffer.from(face!.bytes));
    for (const character of title) expect(font.hasGlyphForCodePoint(character.codePointAt(0)!), character).toBe(true);
  });

  it('keeps Arabic joining in the subset: letters take their connected forms', async () => {
    const [face] = await subsetFallbackFaces([{ text: 'وجدة', lang: 'ar' }], fontChainFor(theme), body, 'sfnt');
    expect(face).toMatchObject({ family: 'Noto Naskh Arabic', format: 'truetype' });
    const font = create(Buffer.from(face!.bytes));
    const word = font.layout('وجدة').glyphs.map((g) => g.id);
    const alone = font.layout('ج').glyphs[0]!.id;
    expect(word).not.toContain(0);
    expect(word).not.toContain(alone);
  });

  it('gives the web page WOFF2, smaller still', async () => {
    const chain = fontChainFor(theme);
    const [sfnt] = await subsetFallbackFaces([{ text: 'लगान क्षत्रिय', lang: 'hi' }], chain, body, 'sfnt');
    const [woff2] = await subsetFallbackFaces([{ text: 'लगान क्षत्रिय', lang: 'hi' }], chain, body, 'woff2');
    expect(Buffer.from(woff2!.bytes.subarray(0, 4)).toString('latin1')).toBe('wOF2');
    expect(woff2!.mediaType).toBe('font/woff2');
    expect(woff2!.bytes.length).toBeLessThan(sfnt!.bytes.length);
  });
});

describe('CSS font stacks', () => {
  it('list the house face, then the fallback chain in the PDF order, then the generic family', () => {
    const stacks = cssFontStacks(fontChainFor(theme));
    const names = (stack: string) => stack.split(', ');
    expect(names(stacks.serif).slice(0, 3)).toEqual(['"PT Serif"', '"Noto Serif"', '"Noto Naskh Arabic"']);
    expect(names(stacks.serif).at(-1)).toBe('serif');
    expect(names(stacks.sans).slice(0, 2)).toEqual(['"PT Sans"', '"Noto Sans"']);
    expect(names(stacks.serif).indexOf('"Noto Sans JP"')).toBeLessThan(names(stacks.serif).indexOf('"Noto Sans SC"'));
  });

  it('put the face a language prefers right after the house face', () => {
    const japanese = cssFontStacks(fontChainFor(theme)).byLang.find((rule) => rule.selector === ':lang(ja)')!;
    expect(japanese.serif.split(', ').slice(0, 2)).toEqual(['"PT Serif"', '"Noto Sans JP"']);
  });
});
