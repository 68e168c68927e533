// Builds a guide's font chain from the theme (house faces, fallback_fonts) and the guide's own fonts.
import { openFont } from '../font-files.js';
import { themeFolder, themeRoot, type Theme } from '../theme.js';
import { FontChain, type ChainFont } from './chain.js';
import type { FallbackFont } from './schema.js';

/** A guide's own fonts (its `fonts` key) and the folder they are read from and kept inside. */
export interface GuideFonts {
  fonts: readonly FallbackFont[];
  dir: string;
}

function fromEntry(entry: FallbackFont, origin: 'guide' | 'theme', baseDir: string, root: string): ChainFont {
  return {
    name: entry.name,
    origin,
    family: entry.for,
    scripts: entry.scripts ? new Set(entry.scripts) : undefined,
    langs: entry.lang,
    files: entry.files,
    baseDir,
    root,
  };
}

/** PT Serif and PT Sans first (the house look), then the guide's fonts (a course pack's guides', in order), then the theme's chain. */
export function fontChainFor(theme: Theme, guides?: GuideFonts | readonly GuideFonts[]): FontChain {
  const templates = themeFolder(theme);
  const house = (['serif', 'sans'] as const).map(
    (family): ChainFont => ({
      name: openFont(theme.fonts[family].regular).familyName,
      origin: 'house',
      family,
      files: theme.fonts[family],
      baseDir: templates,
      root: themeRoot(theme),
    }),
  );
  const own = (Array.isArray(guides) ? guides : guides ? [guides] : []).flatMap((guide: GuideFonts) => guide.fonts.map((entry) => fromEntry(entry, 'guide', guide.dir, guide.dir)));
  const fallback = theme.fallback_fonts.map((entry) => fromEntry(entry, 'theme', templates, themeRoot(theme)));
  return new FontChain([...house, ...own, ...fallback]);
}
