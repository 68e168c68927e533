// The HTML edition's fonts: PT Serif and PT Sans as WOFF2 data URIs, split by script so the file stays small; a school's own faces cut to the page's characters.
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
const FACES = [
  { family: 'PT Serif', pkg: 'pt-serif', weight: 400, style: 'normal' },
  { family: 'PT Serif', pkg: 'pt-serif', weight: 400, style: 'italic' },
  { family: 'PT Serif', pkg: 'pt-serif', weight: 700, style: 'normal' },
  { family: 'PT Serif', pkg: 'pt-serif', weight: 700, style: 'italic' },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 400, style: 'normal' },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 400, style: 'italic' },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 700, style: 'normal' },
  { family: 'PT Sans', pkg: 'pt-sans', weight: 700, style: 'italic' },
] as const;

// The ranges @fontsource's own stylesheets give these two subsets.
const SUBSETS = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
} as const;

export interface WebFont {
  family: string;
  weight: number;
  style: string;
  url: string;
  unicodeRange: string;
}

/** Read and encoded once per process: the same few hundred kilobytes go into every web page. */
export function webFonts(): WebFont[] {
  const cached = caches.webFonts.get('pt') as WebFont[] | undefined;
  if (cached) return cached;
  const fonts = FACES.flatMap((face) =>
    Object.entries(SUBSETS).map(([subset, unicodeRange]) => {
      const file = requireFromHere.resolve(`@fontsource/${face.pkg}/files/${face.pkg}-${subset}-${face.weight}-${face.style}.woff2`);
      return { family: face.family, weight: face.weight, style: face.style, unicodeRange, url: `data:font/woff2;base64,${readFileSync(file).toString('base64')}` };
    }),
  );
  caches.webFonts.set('pt', fonts);
  return fonts;
}

const HOUSE_PACKAGES = { serif: '@expo-google-fonts/pt-serif/', sans: '@expo-google-fonts/pt-sans/' } as const;
const FACE_STYLES = { regular: [400, 'normal'], italic: [400, 'italic'], bold: [700, 'normal'], bold_italic: [700, 'italic'] } as const;

/**
 * The page's own faces: PT from @fontsource for a family the theme keeps, and for a family a school's
 * theme.yaml changes, its own four files cut to the characters the page uses (its text and plain ASCII).
 */
export async function houseWebFonts(theme: Theme, text: () => string): Promise<WebFont[]> {
  const kept = (family: Family) => Object.values(theme.fonts[family]).every((file) => file.startsWith(HOUSE_PACKAGES[family]));
  if (kept('serif') && kept('sans')) return webFonts();
  const pt = webFonts().filter((font) => (font.family === 'PT Serif' ? kept('serif') : kept('sans')));
  const characters = [...new Set([...text(), ...ASCII])].sort().join('');
  const own = (['serif', 'sans'] as const).filter((family) => !kept(family)).flatMap((family) =>
    (Object.keys(FACE_STYLES) as (keyof typeof FACE_STYLES)[]).map(async (face): Promise<WebFont> => {
      const file = resolveFontFile(theme.fonts[family][face]);
      const bytes = await subsetOnce(file, characters, 'woff2');
      const [weight, style] = FACE_STYLES[face];
      return { family: openFont(file).familyName, weight, style, unicodeRange: '', url: `data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}` };
    }),
  );
  return [...pt, ...(await Promise.all(own))];
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
type Family = keyof typeof HOUSE_PACKAGES;
