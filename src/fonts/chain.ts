// The fonts text is set in, tried in order: the house faces, a guide's own fonts, then the theme's fallback chain.
import type { Font } from 'fontkit';
import { openFont, resolveFontFile } from '../font-files.js';
import { NEUTRAL_SCRIPTS, parseLangTag, scriptOf, type ScriptName } from '../text/scripts.js';
import { locateFont, type FontProblem } from './locate.js';

export type Family = 'serif' | 'sans';
export type FaceName = 'regular' | 'italic' | 'bold' | 'bold_italic';

export interface FaceStyle {
  family: Family;
  bold?: boolean;
  italic?: boolean;
}

/** One font of the chain, as the theme or a guide names it; its files are opened only when a character needs them. */
export interface ChainFont {
  name: string;
  /** The house faces come first and serve every script they have. */
  origin: 'house' | 'guide' | 'theme';
  family?: Family;
  scripts?: ReadonlySet<string>;
  langs?: readonly string[];
  /** Face → "<package>/<file>" or "./file", read from `baseDir` and kept inside `root`. */
  files: Partial<Record<FaceName, string>>;
  baseDir: string;
  root: string;
}

/** A face ready to shape with: the parsed font, its file, and the chain font it belongs to. */
export interface OpenedFace {
  chainFont: ChainFont;
  face: FaceName;
  font: Font;
  file: string;
}

// Characters that are never drawn as glyphs: joiners, direction marks, variation selectors, the soft hyphen.
const IGNORABLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{1BCA0}-\u{1BCA3}\u{E0000}-\u{E0FFF}]/u;
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);

/** Characters a font need not have: layout (tabs, newlines) and the invisible format characters. */
export function isIgnorable(codePoint: number): boolean {
  return LAYOUT.has(codePoint) || IGNORABLE.test(String.fromCodePoint(codePoint));
}

const FACE_ORDER: Record<FaceName, FaceName[]> = {
  regular: ['regular'],
  italic: ['italic', 'regular'],
  bold: ['bold', 'regular'],
  bold_italic: ['bold_italic', 'bold', 'italic', 'regular'],
};

function faceName(style: FaceStyle): FaceName {
  if (style.bold && style.italic) return 'bold_italic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

// Opening a face reads and parses its file; both results are kept for the process (CJK faces are 4 to 9 MB).
const located = new Map<string, { path: string; package?: string } | { problem: FontProblem }>();

export class FontChain {
  constructor(readonly fonts: readonly ChainFont[]) {}

  /** The fonts to try for a style: the house face, then fonts preferred for `lang`, then the rest in order. */
  candidates(style: FaceStyle, lang?: string): ChainFont[] {
    const usable = this.fonts.filter((font) => !font.family || font.family === style.family);
    const preferred = lang ? usable.filter((font) => font.origin !== 'house' && prefersLang(font, lang)) : [];
    return [...usable.filter((f) => f.origin === 'house'), ...preferred, ...usable.filter((f) => f.origin !== 'house' && !preferred.includes(f))];
  }

  /**
   * Whether the chain may ask `font` for a character without opening it: a letter of one of its scripts,
   * or punctuation, a digit or a space among such letters (`context`, the script of the words around it).
   * A Japanese font is not asked for an arrow in English text, so what a guide needs does not depend on
   * which optional fonts happen to be installed.
   */
  admits(font: ChainFont, codePoint: number, context?: ScriptName): boolean {
    if (!font.scripts) return true;
    const script = scriptOf(codePoint);
    return font.scripts.has(NEUTRAL_SCRIPTS.has(script) ? (context ?? script) : script);
  }

  /** Where a chain font's face is, or why it cannot be used (its package not installed, a missing file). */
  locate(font: ChainFont, face: FaceName): { path: string; package?: string } | { problem: FontProblem } {
    const spec = font.files[face]!;
    const key = `${font.baseDir}\0${spec}`;
    let where = located.get(key);
    if (!where) located.set(key, (where = locateFont(spec, { baseDir: font.baseDir, root: font.root })));
    return where;
  }

  /** The face of `font` nearest the style, opened on first use; undefined when its file cannot be had. */
  open(font: ChainFont, style: FaceStyle): OpenedFace | undefined {
    const face = FACE_ORDER[faceName(style)].find((name) => font.files[name]);
    if (!face) return undefined;
    const key = `${this.fonts.indexOf(font)}:${face}`;
    if (this.opened.has(key)) return this.opened.get(key);
    // The house faces are the theme's own: a broken one fails loudly (in fontkit), as it always has.
    const where = font.origin === 'house' ? { path: resolveFontFile(font.files[face]!) } : this.locate(font, face);
    const opened = 'problem' in where ? undefined : { chainFont: font, face, font: openFont(where.path), file: where.path };
    this.opened.set(key, opened);
    return opened;
  }

  // One object per face, so runs can tell by identity whether they share a face.
  private readonly opened = new Map<string, OpenedFace | undefined>();

  /** The faces opened so far, as "Name face" (a guide without Japanese never opens the Japanese face). */
  openedFaces(): string[] {
    return [...this.opened.values()].flatMap((face) => (face ? [`${face.chainFont.name} ${face.face}`] : []));
  }

  /**
   * The package to install when the font preferred for `lang` (Noto Sans JP for "ja") would draw this
   * character but is not installed: Japanese set in a Chinese face would print, but in the wrong shapes.
   */
  preferredPackageMissing(codePoint: number, style: FaceStyle, lang: string | undefined, context?: ScriptName): string | undefined {
    if (!lang) return undefined;
    for (const font of this.candidates(style, lang)) {
      if (font.origin === 'house' || !prefersLang(font, lang)) continue;
      if (!this.admits(font, codePoint, context) || !font.scripts?.has(context ?? scriptOf(codePoint))) continue;
      const face = FACE_ORDER[faceName(style)].find((name) => font.files[name]);
      const where = face ? this.locate(font, face) : undefined;
      if (where && 'problem' in where && where.problem.package) return where.problem.package;
    }
    return undefined;
  }

  /**
   * The first face in the chain that can draw every character of `text` (the characters a font need
   * not have aside); fonts whose scripts rule a character out are not even opened.
   */
  faceFor(text: string, style: FaceStyle, lang?: string, context = mainScript(text)): OpenedFace | undefined {
    const codePoints = [...text].map((c) => c.codePointAt(0)!).filter((c) => !isIgnorable(c));
    for (const font of this.candidates(style, lang)) {
      if (!codePoints.every((c) => this.admits(font, c, context))) continue;
      const opened = this.open(font, style);
      if (opened && codePoints.every((c) => opened.font.hasGlyphForCodePoint(c))) return opened;
    }
    return undefined;
  }

  /**
   * Why no face draws a character: the fonts tried, and the package to install when a font meant for
   * its script (preferred for `lang` first) is not installed.
   */
  explainMissing(codePoint: number, style: FaceStyle, lang?: string, context?: ScriptName): { tried: string[]; missingPackage?: string } {
    const tried: string[] = [];
    let missingPackage: string | undefined;
    const script = scriptOf(codePoint);
    for (const font of this.candidates(style, lang)) {
      if (!this.admits(font, codePoint, context)) continue;
      const face = FACE_ORDER[faceName(style)].find((name) => font.files[name]);
      const where = face ? this.locate(font, face) : undefined;
      if (where && 'problem' in where) {
        const meantForIt = font.scripts?.has(NEUTRAL_SCRIPTS.has(script) ? (context ?? script) : script) && (!lang || !font.langs || prefersLang(font, lang));
        if (meantForIt && where.problem.package && !missingPackage) missingPackage = where.problem.package;
        continue;
      }
      if (!tried.includes(font.name)) tried.push(font.name);
    }
    return { tried, missingPackage };
  }
}

/** The script of the first letter in `text` that has one (undefined for digits and punctuation alone). */
export function mainScript(text: string): ScriptName | undefined {
  for (const character of text) {
    const script = scriptOf(character.codePointAt(0)!);
    if (!NEUTRAL_SCRIPTS.has(script)) return script;
  }
  return undefined;
}

/** A font preferred for "ja" serves "ja-JP"; one for "zh-Hant" serves "zh-TW" and "zh-HK" too. */
function prefersLang(font: ChainFont, lang: string): boolean {
  if (!font.langs) return false;
  const wanted = parseLangTag(lang);
  const wantedScript = wanted.script ?? impliedScript(wanted.language, wanted.region);
  return font.langs.some((tag) => {
    const offered = parseLangTag(tag);
    if (offered.language !== wanted.language) return false;
    const offeredScript = offered.script ?? impliedScript(offered.language, offered.region);
    return !offeredScript || !wantedScript || offeredScript === wantedScript;
  });
}

// Chinese is written in two scripts; where a tag names no script, its region tells which.
function impliedScript(language: string, region?: string): string | undefined {
  if (language !== 'zh') return undefined;
  return region === 'TW' || region === 'HK' || region === 'MO' ? 'Hant' : region ? 'Hans' : undefined;
}
