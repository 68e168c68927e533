// The HTML edition's fonts: PT Serif and PT Sans as WOFF2 data URIs split by script so the file stays small, plus what those files leave out; a school's own faces cut to the page's characters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { caches } from '../../cache.js';
import { openFont, resolveFontFile } from '../../font-files.js';
import { subsetOnce } from '../../fonts/web-subset.js';
import type { Theme } from '../../theme.js';

const requireFromHere = createRequire(import.meta.url);

/**
 * The same faces as the EPUB, but from @fontsource: its WOFF2 files are a fifth the size of the TTFs the
 * PDF needs, and split into Latin and Cyrillic with unicode-range, so a browser decodes only what a page uses.
 * (pdfkit cannot use these: WOFF2 and script-split files break it; see research/libeval.md.)
 */
export const FACES = [
  { family: 'PT Serif', pkg: 'pt-serif', theme: ['serif', 'regular'], weight: 400, style: 'normal' },
  { family: 'PT Serif', pkg: 'pt-serif', theme: ['serif', 'italic'], weight: 400, style: 'italic' },
  { family: 'PT Serif', pkg: 'pt-serif', theme: ['serif', 'bold'], weight: 700, style: 'normal' },
  { family: 'PT Serif', pkg: 'pt-serif', theme: ['serif', 'bold_italic'], weight: 700, style: 'italic' },
  { family: 'PT Sans', pkg: 'pt-sans', theme: ['sans', 'regular'], weight: 400, style: 'normal' },
  { family: 'PT Sans', pkg: 'pt-sans', theme: ['sans', 'italic'], weight: 400, style: 'italic' },
  { family: 'PT Sans', pkg: 'pt-sans', theme: ['sans', 'bold'], weight: 700, style: 'normal' },
  { family: 'PT Sans', pkg: 'pt-sans', theme: ['sans', 'bold_italic'], weight: 700, style: 'italic' },
] as const;

type Face = (typeof FACES)[number];

// The ranges @fontsource's own stylesheets give these two subsets.
export const SUBSETS = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
} as const;

/** [first, last] code points of the ranges above, parsed once. */
const SUBSET_RANGES = Object.values(SUBSETS).flatMap((ranges) =>
  ranges.split(',').map((range) => {
    const [first, last] = range.replace('U+', '').split('-') as [string, string?];
    return [parseInt(first, 16), parseInt(last ?? first, 16)] as const;
  }),
);

/** Letters inside those ranges that the @fontsource files nonetheless leave out (‑ † ‡ ‰ in version 5). */
const LEFT_OUT = new Set([0x2011, 0x2020, 0x2021, 0x2030]);

/** Whether the @fontsource files draw a letter the PT face has: it lies in one of their ranges and is not left out. */
export const inSubsets = (codePoint: number) => !LEFT_OUT.has(codePoint) && SUBSET_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);

/** Where the file for one face and subset is installed. */
export const subsetFile = (face: Face, subset: string) => requireFromHere.resolve(`@fontsource/${face.pkg}/files/${face.pkg}-${subset}-${face.weight}-${face.style}.woff2`);

export interface WebFont {
  family: string;
  weight: number;
  style: string;
  url: string;
  unicodeRange: string;
}

function fontsourceFaces(): WebFont[] {
  const cached = caches.webFonts.get('pt') as WebFont[] | undefined;
  if (cached) return cached;
  const fonts = FACES.flatMap((face) =>
    Object.entries(SUBSETS).map(([subset, unicodeRange]) => ({
      family: face.family,
      weight: face.weight,
      style: face.style,
      unicodeRange,
      url: `data:font/woff2;base64,${readFileSync(subsetFile(face, subset)).toString('base64')}`,
    })),
  );
  caches.webFonts.set('pt', fonts);
  return fonts;
}

/**
 * The face's characters in `used` that no @fontsource file of it draws, cut from the theme's file; none when there are none.
 * @fontsource cuts each file from the same PT face by its unicode-range (less four letters), so the files draw
 * exactly what inSubsets says: tests/web-fonts-coverage.test.ts holds this against the installed files. Testing
 * that instead of opening the 16 WOFF2 files saves their decoding: fontkit unpacks WOFF2 in JavaScript, 0.23 s a build.
 */
async function missingFromSubsets(theme: Theme, face: Face, used: string[]): Promise<WebFont | undefined> {
  const [family, name] = face.theme;
  const file = theme.fonts[family][name];
  const whole = openFont(file);
  const missing = used.filter((character) => {
    const codePoint = character.codePointAt(0)!;
    return codePoint > 0x20 && whole.hasGlyphForCodePoint(codePoint) && !inSubsets(codePoint);
  });
  if (!missing.length) return undefined;
  const bytes = await subsetOnce(resolveFontFile(file), missing.join(''), 'woff2');
  return {
    family: face.family,
    weight: face.weight,
    style: face.style,
    // Only these characters: for the rest the @fontsource files, whose hinting suits screens, stay first.
    unicodeRange: missing.map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(','),
    url: `data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}`,
  };
}

const HOUSE_PACKAGES = { serif: '@expo-google-fonts/pt-serif/', sans: '@expo-google-fonts/pt-sans/' } as const;
const FACE_STYLES = { regular: [400, 'normal'], italic: [400, 'italic'], bold: [700, 'normal'], bold_italic: [700, 'italic'] } as const;

/**
 * The page's faces for a page whose text is `text`. For a family the theme keeps, PT from @fontsource (read and
 * encoded once per process: the same few hundred kilobytes go into every web page), and the characters of the text
 * those files lack but the theme's own PT file has (ō and ā in a transliteration, ư in Vietnamese, π), cut from that
 * file; without them the browser draws such letters in a system face, or as empty boxes. For a family a school's
 * theme.yaml changes, its own four files cut to the characters the page uses (its text and plain ASCII).
 */
export async function houseWebFonts(theme: Theme, text: string): Promise<WebFont[]> {
  const kept = (family: Family) => Object.values(theme.fonts[family]).every((file) => file.startsWith(HOUSE_PACKAGES[family]));
  const used = [...new Set(text)].sort();
  const keptFaces = FACES.filter((face) => kept(face.theme[0]));
  const pt = fontsourceFaces().filter((font) => keptFaces.some((face) => face.family === font.family));
  const extras = await Promise.all(keptFaces.map((face) => missingFromSubsets(theme, face, used)));
  const characters = [...new Set([...used, ...ASCII])].sort().join('');
  const own = (['serif', 'sans'] as const).filter((family) => !kept(family)).flatMap((family) =>
    (Object.keys(FACE_STYLES) as (keyof typeof FACE_STYLES)[]).map(async (face): Promise<WebFont> => {
      const file = resolveFontFile(theme.fonts[family][face]);
      const bytes = await subsetOnce(file, characters, 'woff2');
      const [weight, style] = FACE_STYLES[face];
      return { family: openFont(file).familyName, weight, style, unicodeRange: '', url: `data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}` };
    }),
  );
  return [...pt, ...extras.flatMap((extra) => (extra ? [extra] : [])), ...(await Promise.all(own))];
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
type Family = keyof typeof HOUSE_PACKAGES;
