// The fallback faces an EPUB or web page embeds, cut down to the characters it uses, and the CSS font stacks in the PDF's order.
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { caches } from '../cache.js';
import { NEUTRAL_SCRIPTS, scriptOf, type ScriptName } from '../text/scripts.js';
import { isIgnorable, mainScript, type ChainFont, type FaceStyle, type FontChain, type OpenedFace } from './chain.js';

/** A piece of the document's text and the language it is in (from lang attributes), as the reader's browser will meet it. */
export interface TextSample {
  text: string;
  lang?: string;
}

export interface WebFace {
  /** The CSS family: the chain font's name. */
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** 'truetype' for glyf outlines, 'opentype' for CFF (the CJK faces). */
  format: 'truetype' | 'opentype' | 'woff2';
  mediaType: 'font/ttf' | 'font/otf' | 'font/woff2';
  /** The characters kept. */
  characters: string;
  bytes: Uint8Array;
}

// Invisible characters a shaper needs beside the letters: joiners (Persian ZWNJ), direction marks, the space.
const ALWAYS = ' \u200c\u200d\u200e\u200f';

/**
 * The faces from the fallback chain that the text needs, each holding only what it draws. A browser falls
 * back letter by letter through the CSS stack, so each character goes to the first face in the stack that
 * has it (a font preferred for the sample's language first, as the :lang() rules put it). `styles` are
 * the faces to make (regular body, bold headings); the house faces (PT) are embedded as they are today.
 * `format`: 'sfnt' for an EPUB (TTF or OTF bytes), 'woff2' for the web page's data URIs.
 */
export async function subsetFallbackFaces(allSamples: TextSample[], chain: FontChain, styles: FaceStyle[], format: 'sfnt' | 'woff2'): Promise<WebFace[]> {
  const samples = samplesBeyondHouse(allSamples, chain);
  const wanted = new Map<string, { face: OpenedFace; style: FaceStyle; characters: Set<string> }>();
  // A book repeats its few hundred characters hundreds of thousands of times: each is looked up once per style, language and context.
  for (const style of styles) {
    const faces = new Map<string, OpenedFace | undefined>();
    for (const sample of samples) {
      for (const { character, context } of charactersInContext(sample.text)) {
        const codePoint = character.codePointAt(0)!;
        if (isIgnorable(codePoint)) continue;
        const lookup = `${character}|${sample.lang}|${context}`;
        if (!faces.has(lookup)) faces.set(lookup, chain.faceFor(character, style, sample.lang, context));
        const face = faces.get(lookup);
        if (!face || face.chainFont.origin === 'house') continue;
        const key = `${face.file}|${face.face}`;
        const entry = wanted.get(key) ?? { face, style, characters: new Set(ALWAYS) };
        entry.characters.add(character);
        wanted.set(key, entry);
      }
    }
  }
  const faces = [...wanted.values()].map(async ({ face, style, characters }): Promise<WebFace> => {
    const text = [...characters].sort().join('');
    const bytes = await subsetOnce(face.file, text, format);
    const cff = bytes.length > 0 && format === 'sfnt' && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'OTTO';
    const kind = format === 'woff2' ? 'woff2' : cff ? 'opentype' : 'truetype';
    return {
      family: face.chainFont.name,
      weight: face.face.startsWith('bold') ? 700 : 400,
      style: face.face.endsWith('italic') ? 'italic' : 'normal',
      format: kind,
      mediaType: kind === 'woff2' ? 'font/woff2' : kind === 'opentype' ? 'font/otf' : 'font/ttf',
      characters: text,
      bytes,
    };
  });
  return Promise.all(faces);
}

/**
 * Only the samples holding a character the house faces lack can need a fallback face: a guide in English
 * and Russian has none, and its hundreds of thousands of characters are not looked at one by one.
 */
function samplesBeyondHouse(samples: TextSample[], chain: FontChain): TextSample[] {
  const house = (['serif', 'sans'] as const).flatMap((family) => chain.candidates({ family }).filter((font) => font.origin === 'house').map((font) => chain.open(font, { family })!));
  const lacking = new Map<string, boolean>();
  const lacks = (character: string) => {
    let known = lacking.get(character);
    if (known === undefined) {
      const codePoint = character.codePointAt(0)!;
      lacking.set(character, (known = !isIgnorable(codePoint) && house.some((face) => !face.font.hasGlyphForCodePoint(codePoint))));
    }
    return known;
  };
  return samples.filter((sample) => [...sample.text].some(lacks));
}

/** Each character with the script of its word (「 in 「お盆」 goes with the kana), as the PDF's runs judge it. */
function* charactersInContext(text: string): Generator<{ character: string; context?: ScriptName }> {
  let context: ScriptName | undefined;
  for (const word of text.match(/\s+|\S+/gu) ?? []) {
    context = mainScript(word) ?? context;
    for (const character of word) {
      const script = scriptOf(character.codePointAt(0)!);
      yield { character, context: NEUTRAL_SCRIPTS.has(script) ? context : script };
    }
  }
}

/** harfbuzz's subsetter (subset-font, wasm) keeps the layout tables, so Arabic still joins and conjuncts still form in the reader. */
export function subsetOnce(file: string, text: string, format: 'sfnt' | 'woff2'): Promise<Uint8Array> {
  const key = `${file}\0${format}\0${text}`;
  let bytes = caches.fontSubsets.get(key);
  if (!bytes) {
    bytes = subsetFont(readFileSync(file), text, { targetFormat: format }).then((buffer) => new Uint8Array(buffer));
    caches.fontSubsets.set(key, bytes);
  }
  return bytes;
}

/**
 * The CSS font-family lists in the PDF's order: the house face, then the fallback fonts for that family,
 * then the generic family. `byLang` gives the rules that put a language's preferred font first, e.g.
 * `:lang(ja) { font-family: "PT Serif", "Noto Sans JP", … }`, as the PDF prefers it for Japanese text.
 */
export function cssFontStacks(chain: FontChain): { serif: string; sans: string; byLang: { selector: string; serif: string; sans: string }[] } {
  const stack = (family: 'serif' | 'sans', first: ChainFont[] = []) => {
    const fonts = chain.candidates({ family }).filter((font) => !first.includes(font));
    const house = fonts.filter((font) => font.origin === 'house');
    const rest = fonts.filter((font) => font.origin !== 'house');
    const names = [...house, ...first.filter((f) => !f.family || f.family === family), ...rest].map((font) => `"${font.name}"`);
    return [...new Set(names), family === 'serif' ? 'serif' : 'sans-serif'].join(', ');
  };
  const langs = [...new Set(chain.fonts.flatMap((font) => font.langs ?? []))];
  return {
    serif: stack('serif'),
    sans: stack('sans'),
    byLang: langs.map((lang) => {
      const preferred = chain.fonts.filter((font) => font.langs?.includes(lang));
      return { selector: `:lang(${lang})`, serif: stack('serif', preferred), sans: stack('sans', preferred) };
    }),
  };
}
