// The web page's font test by unicode-range holds against the @fontsource files themselves: together they draw exactly the PT face's letters inSubsets names.
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { resolveFontFile } from '../src/font-files.js';
import { FACES, inSubsets, SUBSETS, subsetFile } from '../src/render/html/web-fonts.js';
import { theme } from './helpers.js';

// fontkit itself, not the build's font cache: the WOFF2 files are read here as a browser would get them.
const open = (file: string) => fontkit.openSync(file) as fontkit.Font;

describe('web page fonts: what the @fontsource files draw', () => {
  it.each(FACES.map((face) => [`${face.family} ${face.weight} ${face.style}`, face] as const))('%s: the whole face inside the ranges less the letters left out, nothing else', (_, face) => {
    const [family, style] = face.theme;
    const whole = open(resolveFontFile(theme.fonts[family][style]));
    const drawnBySubsets = new Set(Object.keys(SUBSETS).flatMap((subset) => open(subsetFile(face, subset)).characterSet));
    const expected = new Set(whole.characterSet.filter((codePoint) => codePoint > 0x20 && inSubsets(codePoint)));
    // U+FFFF is no character: fontkit lists the files' end-of-table marker.
    const drawn = new Set([...drawnBySubsets].filter((codePoint) => codePoint > 0x20 && codePoint !== 0xffff));
    // Every letter the range test counts as drawn is in a file, and the files draw nothing the test would send elsewhere.
    expect([...expected].filter((codePoint) => !drawn.has(codePoint)).map((c) => c.toString(16))).toEqual([]);
    expect([...drawn].filter((codePoint) => !expected.has(codePoint)).map((c) => c.toString(16))).toEqual([]);
    expect(drawn.size).toBeGreaterThan(300);
  });
});
