// Reports characters no font in the chain can draw, at their place in the YAML: pdfkit would print an empty box silently.
import path from 'node:path';
import { isMap, isPair, isScalar, visit, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { isIgnorable, mainScript, type FaceStyle, type FontChain } from '../fonts/chain.js';
import { locateFont } from '../fonts/locate.js';
import { fallbackFontSchema, type FallbackFont } from '../fonts/schema.js';
import { fontChainFor, type GuideFonts } from '../fonts/theme-chain.js';
import { NEUTRAL_SCRIPTS, scriptOf, type ScriptName } from '../text/scripts.js';
import type { Theme } from '../theme.js';
import { characterName, isInvisible } from './character-names.js';
import { offsetInScalar } from './nfc.js';
import { positionOf, type SourceFile } from './yaml.js';

// Body text is set in the serif, headings in the sans. The bold and italic faces of each font have the
// same characters as the upright one, so only that is read: a Japanese title costs one CJK face here.
const STYLES: FaceStyle[] = [{ family: 'serif' }, { family: 'sans' }];

export function checkGlyphs(sources: SourceFile[], theme: Theme, diagnostics: Diagnostic[]): void {
  const chain = fontChainFor(theme, ownFonts(sources, diagnostics));
  const verdicts = new Map<string, Verdict>();
  // Nearly every character is in the house faces: those are settled once, without asking about scripts.
  const house = STYLES.map((style) => chain.open(chain.candidates(style)[0]!, style)!.font);
  const inHouse = new Map<number, boolean>();
  const isInHouse = (codePoint: number) => {
    let known = inHouse.get(codePoint);
    if (known === undefined) inHouse.set(codePoint, (known = house.every((font) => font.hasGlyphForCodePoint(codePoint))));
    return known;
  };
  const drawnByHouse = (codePoint: number) => isInHouse(codePoint) || isDropped(codePoint);
  const verdictFor: VerdictFor = (codePoint, lang, context) => {
    if (isInHouse(codePoint)) return OK;
    const key = `${codePoint}|${lang ?? ''}|${context ?? ''}`;
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, (verdict = judge(chain, codePoint, lang, context)));
    return verdict;
  };
  for (const source of sources) {
    visit(source.document, {
      Scalar(_, node, ancestors) {
        // Most text is wholly in the house faces: that is settled character by character, without splitting it into words and scripts.
        if (!isScalar(node) || typeof node.value !== 'string' || allIn(node.value, drawnByHouse)) return;
        const houseOnly = allIn(node.value, (codePoint) => isInHouse(codePoint) || isIgnorable(codePoint));
        checkScalar(source, node, node.value, { lang: langOfPlace(ancestors), houseOnly }, verdictFor, diagnostics);
      },
    });
    checkReferences(source, verdictFor, diagnostics);
  }
}

/** Whether every character of the text passes the test (checked by code point; surrogate pairs whole). */
function allIn(text: string, test: (codePoint: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    if (!test(codePoint)) return false;
  }
  return true;
}

type VerdictFor = (codePoint: number, lang: string | undefined, context: ScriptName | undefined) => Verdict;

/** One error per character no font has; one per package for the characters an uninstalled font would draw. */
function checkScalar(source: SourceFile, node: Node, value: string, { lang, houseOnly }: { lang?: string; houseOnly: boolean }, verdictFor: VerdictFor, diagnostics: Diagnostic[]): void {
  const needsPackage = new Map<string, string[]>();
  const reported = new Set<number>();
  // Punctuation and digits are judged with the letters of their word (「 in 「お盆」), else the words before.
  let context = mainScript(value);
  for (const word of value.match(/\s+|\S+/gu) ?? []) {
    context = mainScript(word) ?? context;
    for (const character of word) {
      const codePoint = character.codePointAt(0)!;
      if (reported.has(codePoint)) continue;
      if (isIgnorable(codePoint)) {
        if (!printsAsBox(codePoint, houseOnly)) continue;
        reported.add(codePoint);
        diagnostics.push(invisibleBoxed(`the character ${characterName(character)}`, at(source, node, character)));
        continue;
      }
      const script = scriptOf(codePoint);
      const verdict = verdictFor(codePoint, lang, NEUTRAL_SCRIPTS.has(script) ? context : script);
      if (verdict.ok) continue;
      reported.add(codePoint);
      if (verdict.missingPackage) needsPackage.set(verdict.missingPackage, [...(needsPackage.get(verdict.missingPackage) ?? []), character]);
      else diagnostics.push(notInFonts(source, node, character, verdict.tried));
    }
  }
  for (const [name, characters] of needsPackage) diagnostics.push(packageNeeded(source, node, value, characters, name));
}

type Verdict = { ok: true } | { ok: false; tried: string[]; missingPackage?: string };
const OK: Verdict = { ok: true };

function judge(chain: FontChain, codePoint: number, lang: string | undefined, context: ScriptName | undefined): Verdict {
  const character = String.fromCodePoint(codePoint);
  const preferred = chain.preferredPackageMissing(codePoint, STYLES[0]!, lang, context);
  if (preferred) return { ok: false, tried: [], missingPackage: preferred };
  const failing = STYLES.filter((style) => !chain.faceFor(character, style, lang, context));
  if (failing.length === 0) return { ok: true };
  const explained = failing.map((style) => chain.explainMissing(codePoint, style, lang, context));
  const tried = [...new Set(explained.flatMap((e) => e.tried))];
  return { ok: false, tried, missingPackage: explained.find((e) => e.missingPackage)?.missingPackage };
}

/** The language a value is written in: the `lang` beside it (original_title, a glossary term), if any. */
function langOfPlace(ancestors: readonly unknown[]): string | undefined {
  const parent = ancestors[ancestors.length - 2];
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'lang');
  return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
}

function hexOf(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function at(source: SourceFile, node: Node, character: string): { file: string; line: number; column: number } {
  const { line, col } = source.lineCounter.linePos(offsetInScalar(source, node, character));
  return { file: source.file, line, column: col };
}

function notInFonts(source: SourceFile, node: Node, character: string, tried: string[]): Diagnostic {
  return missingGlyph(`the character ${describe(character)}`, character, tried, at(source, node, character));
}

function missingGlyph(what: string, character: string, tried: string[], place: { file: string; line: number; column: number }): Diagnostic {
  const invisible = isInvisible(character.codePointAt(0)!);
  return {
    severity: 'error',
    code: 'missing-glyph',
    message: `${what} is in none of the fonts (${tried.join(', ')}), so it would print as an empty box`,
    ...place,
    hint: invisible
      ? 'replace it with an ordinary space (or delete it); it usually comes from a word processor'
      : 'use another character, describe it in words, or add a font that has it (fonts: in the guide, or fallback_fonts: in the theme)',
  };
}

/**
 * Invisible characters the PDF drops on the way: the soft hyphen, the variation selectors and a byte order
 * mark. Every other one (a zero-width space, a joiner, a direction mark) has no glyph in the house faces and
 * prints as their empty box; a text in another script (set with a font made for it, which has these marks
 * where its script needs them: a Persian non-joiner, a Hebrew direction mark) is left to that font.
 */
function isDropped(codePoint: number): boolean {
  return codePoint === 0xad || codePoint === 0xfeff || (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

function printsAsBox(codePoint: number, houseOnly: boolean): boolean {
  // Tabs and line breaks are layout, never drawn.
  if (!isIgnorable(codePoint) || isDropped(codePoint) || codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) return false;
  return houseOnly;
}

function invisibleBoxed(what: string, place: { file: string; line: number; column: number }): Diagnostic {
  const is = what.endsWith('which') ? `${what} cannot be seen and` : `${what} cannot be seen, and`;
  return { severity: 'error', code: 'missing-glyph', message: `${is} would print in the PDF as an empty box`, ...place, hint: 'delete it; it usually comes with text pasted from a web page or a word processor' };
}

/** Characters made by Markdown's &…; references are judged as typed ones are, at the (first) reference. */
function checkReferences(source: SourceFile, verdictFor: VerdictFor, diagnostics: Diagnostic[]): void {
  const reported = new Set<number>();
  for (const { character, reference, position } of source.decoded ?? []) {
    const codePoint = character.codePointAt(0)!;
    if (reported.has(codePoint)) continue;
    if (isIgnorable(codePoint)) {
      // A reference has no text of its own script beside it here: what it makes is judged as in Latin text.
      if (!printsAsBox(codePoint, true)) continue;
      reported.add(codePoint);
      diagnostics.push(invisibleBoxed(`the character reference ${reference} stands for ${characterName(character)}, which`, { file: source.file, ...position }));
      continue;
    }
    const verdict = verdictFor(codePoint, undefined, undefined);
    if (verdict.ok) continue;
    reported.add(codePoint);
    const place = { file: source.file, ...position };
    if (verdict.missingPackage) diagnostics.push({ severity: 'error', code: 'font-not-installed', message: `the character reference ${reference} stands for ${describe(character)}, which needs a font from the package ${verdict.missingPackage}, which is not installed`, ...place, hint: `run: npm install ${verdict.missingPackage}` });
    else diagnostics.push(missingGlyph(`the character reference ${reference} stands for ${describe(character)}, which`, character, verdict.tried, place));
  }
}

/** "é" (U+00E9 LATIN SMALL LETTER E WITH ACUTE) for a visible character; U+202F NARROW NO-BREAK SPACE for one nobody can see. */
function describe(character: string): string {
  return isInvisible(character.codePointAt(0)!) ? characterName(character) : `"${character}" (${characterName(character)})`;
}

/**
 * The words as typed, from the first character that needs the package to the last (千と千尋の神隠し), at most 24
 * characters: listing the distinct characters instead would read as a garbled title (千と尋の神隠し).
 */
function typedStretch(value: string, characters: string[]): string {
  const letters = [...value];
  const needed = new Set(characters);
  const first = letters.findIndex((c) => needed.has(c));
  const last = letters.findLastIndex((c) => needed.has(c));
  if (first < 0) return characters.join('');
  const stretch = letters.slice(first, last + 1);
  return stretch.length > 24 ? `${stretch.slice(0, 24).join('')}…` : stretch.join('');
}

function packageNeeded(source: SourceFile, node: Node, value: string, characters: string[], name: string): Diagnostic {
  return {
    severity: 'error',
    code: 'font-not-installed',
    message: `"${typedStretch(value, characters)}" needs a font from the package ${name}, which is not installed`,
    ...at(source, node, characters[0]!),
    hint: `run: npm install ${name}`,
  };
}

/** The guide's `fonts` key, with each file checked: it must exist, be a TTF or OTF, and lie inside the guide folder. */
function ownFonts(sources: SourceFile[], diagnostics: Diagnostic[]): GuideFonts | undefined {
  for (const source of sources) {
    const raw = (source.data as { fonts?: unknown } | null | undefined)?.fonts;
    if (!Array.isArray(raw)) continue;
    const dir = path.dirname(source.file);
    const fonts: FallbackFont[] = [];
    raw.forEach((entry, index) => {
      const parsed = fallbackFontSchema.safeParse(entry);
      if (!parsed.success) return;
      fonts.push(parsed.data);
      for (const [face, spec] of Object.entries(parsed.data.files)) {
        const where = spec ? locateFont(spec, { baseDir: dir, root: dir }) : undefined;
        if (!where || !('problem' in where)) continue;
        const { code, message, hint } = where.problem;
        diagnostics.push({ severity: 'error', code, message, hint, file: source.file, ...positionOf(source, ['fonts', index, 'files', face]) });
      }
    });
    return { fonts, dir };
  }
  return undefined;
}
