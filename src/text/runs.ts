// Splits a paragraph into runs that share a face, a direction (bidi level) and a language, ready to be shaped whole.
import bidiModule, { type Bidi, type EmbeddingLevels } from 'bidi-js';
import { isIgnorable, mainScript, type FaceStyle, type FontChain, type OpenedFace } from '../fonts/chain.js';
import { directionOfLang, langForScript, NEUTRAL_SCRIPTS, scriptGroup, scriptOf, type ScriptName } from './scripts.js';

export { directionOfLang } from './scripts.js';

// bidi-js is CommonJS typed as an ES module: at run time its default import is the factory itself.
export const bidi = (bidiModule as unknown as () => Bidi)();

/** A stretch of a paragraph in one style: what inline markup (em, strong, a, span lang) makes. */
export interface StyledText<T = unknown> {
  text: string;
  style: FaceStyle;
  /** The language the markup declares for it (lang="fa"), if any. */
  lang?: string;
  /**
   * Its own direction (dir="rtl"): it is then set apart from the text around it, as HTML does, so the
   * number after an Arabic title stays in the English sentence. A right-to-left `lang` implies it.
   */
  dir?: 'ltr' | 'rtl';
  /** Whatever the caller needs back on each run (a link, a muted colour). */
  data?: T;
}

export interface TextRun<T = unknown> {
  /** UTF-16 offsets into the paragraph's text. */
  start: number;
  end: number;
  text: string;
  /** The bidi embedding level: odd is right to left. */
  level: number;
  face: OpenedFace;
  style: FaceStyle;
  /** The declared language, or the one the script tells (ar, ja); undefined for text in the paragraph's own. */
  lang?: string;
  /** Which StyledText it came from. */
  source: number;
  data?: T;
}

export interface Paragraph<T = unknown> {
  text: string;
  direction: 'ltr' | 'rtl';
  levels: EmbeddingLevels;
  runs: TextRun<T>[];
  /** Characters no face in the chain has (the load check reports them first; drawn as empty boxes). */
  missing: { index: number; character: string }[];
}

export interface RunOptions {
  /** The paragraph's direction; when absent, right to left only if it holds right-to-left letters and no left-to-right ones. */
  direction?: 'ltr' | 'rtl';
  /** What the guide declares each script to be written in (see declaredScriptLanguages). */
  scriptLanguages?: ReadonlyMap<ScriptName, string>;
}

/** A paragraph with right-to-left letters and no left-to-right ones is right to left (a Persian glossary entry). */
export function autoDirection(text: string): 'ltr' | 'rtl' {
  let rtl = false;
  for (const character of text) {
    const type = bidi.getBidiCharTypeName(character);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') rtl = true;
  }
  return rtl ? 'rtl' : 'ltr';
}

/** Splits styled text into runs by style, word coverage, script and bidi level. */
export function splitRuns<T>(parts: StyledText<T>[], chain: FontChain, options: RunOptions = {}): Paragraph<T> {
  const text = parts.map((p) => p.text).join('');
  const direction = options.direction ?? autoDirection(text);
  const levels = isolatedLevels(parts, direction);
  const units = assignFaces(parts, chain, options.scriptLanguages ?? new Map());
  const runs: (TextRun<T> & { letters: boolean })[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = units.faces[i]!;
    const last = runs[runs.length - 1];
    const level = levels.levels[i]!;
    // Spaces, digits and punctuation join the run they stand in; the first letter of a run gives it its language.
    if (last && last.face === unit.face && last.level === level && last.source === unit.source && (unit.neutral || !last.letters || last.lang === unit.lang)) {
      if (!unit.neutral && !last.letters) last.lang = unit.lang;
      last.letters ||= !unit.neutral;
      last.end = i + 1;
      continue;
    }
    const part = parts[unit.source]!;
    const lang = unit.neutral ? part.lang : unit.lang;
    runs.push({ start: i, end: i + 1, text: '', level, face: unit.face, style: part.style, lang, source: unit.source, data: part.data, letters: !unit.neutral });
  }
  const finished = runs.map(({ letters: _, ...run }): TextRun<T> => ({ ...run, text: text.slice(run.start, run.end) }));
  return { text, direction, levels, runs: finished, missing: units.missing };
}

const ISOLATE = { ltr: '\u2066', rtl: '\u2067' } as const;
const POP_ISOLATE = '\u2069';

/**
 * The bidi levels of the paragraph, each part with a direction of its own wrapped in an isolate (LRI or
 * RLI … PDI) for the algorithm and the marks then dropped, so the levels line up with the text again.
 */
function isolatedLevels(parts: StyledText[], direction: 'ltr' | 'rtl'): EmbeddingLevels {
  const dirs = parts.map((part) => part.dir ?? (part.lang && directionOfLang(part.lang) === 'rtl' ? 'rtl' : undefined));
  if (!dirs.some(Boolean)) return bidi.getEmbeddingLevels(parts.map((p) => p.text).join(''), direction);
  const marked = parts.map((part, i) => (dirs[i] ? ISOLATE[dirs[i]!] + part.text + POP_ISOLATE : part.text)).join('');
  const all = bidi.getEmbeddingLevels(marked, direction);
  const levels: number[] = [];
  parts.forEach((part, i) => {
    const start = parts.slice(0, i).reduce((sum, p, k) => sum + p.text.length + (dirs[k] ? 2 : 0), 0) + (dirs[i] ? 1 : 0);
    for (let k = 0; k < part.text.length; k++) levels.push(all.levels[start + k]!);
  });
  return { levels: Uint8Array.from(levels), paragraphs: [{ start: 0, end: levels.length - 1, level: direction === 'rtl' ? 1 : 0 }] };
}

interface UnitFace {
  face: OpenedFace;
  lang?: string;
  source: number;
  /** A space, digit or punctuation mark: it takes the language of the letters around it. */
  neutral: boolean;
}

/**
 * A face for every UTF-16 unit. Each word (a stretch without spaces in one script) takes the first face
 * that has all its letters, so "Nguyễn" is set whole in Noto Serif rather than mixing two designs; a word
 * no single face covers is set letter by letter. Spaces take the face of the word before them.
 */
function assignFaces(parts: StyledText[], chain: FontChain, scriptLanguages: ReadonlyMap<ScriptName, string>): { faces: UnitFace[]; missing: Paragraph['missing'] } {
  const faces: UnitFace[] = [];
  const missing: Paragraph['missing'] = [];
  const allWords = parts.map((part) => words(part.text));
  const following = scriptsAhead(allWords);
  let offset = 0;
  let context: ScriptName | undefined;
  parts.forEach((part, source) => {
    const partWords = allWords[source]!;
    const wordFaces: (OpenedFace | undefined)[] = [];
    partWords.forEach((word, w) => {
      const script = mainScript(word.text) ?? context;
      if (mainScript(word.text)) context = script;
      word.script = script;
      word.lang = part.lang ?? inferredLang(script, word.text, scriptLanguages);
      // Punctuation opening what follows ("「" before a Japanese word in another span) may need that word's face.
      const ahead = mainScript(word.text) ? undefined : following.get(word);
      wordFaces.push(isSpace(word.text) ? undefined : (chain.faceFor(word.text, part.style, word.lang, script) ?? (ahead ? chain.faceFor(word.text, part.style, word.lang, ahead) : undefined)));
      if (!wordFaces[w] && ahead && !isSpace(word.text)) word.script = ahead;
    });
    partWords.forEach((word, w) => {
      const whole = isSpace(word.text) ? spaceFace(word.text, wordFaces, w, chain, part.style) : wordFaces[w];
      let index = offset + word.start;
      for (const character of word.text) {
        const face = whole ?? chain.faceFor(character, part.style, word.lang, word.script) ?? fallbackFace(chain, part.style, character, index, missing);
        const neutral = NEUTRAL_SCRIPTS.has(scriptOf(character.codePointAt(0)!));
        for (let k = 0; k < character.length; k++) faces.push({ face, lang: word.lang, source, neutral });
        index += character.length;
      }
    });
    offset += part.text.length;
  });
  return { faces, missing };
}

/** For each word, the script of the next word that has letters, across the paragraph's parts. */
function scriptsAhead(allWords: Word[][]): Map<Word, ScriptName | undefined> {
  const ahead = new Map<Word, ScriptName | undefined>();
  let next: ScriptName | undefined;
  for (const word of allWords.flat().reverse()) {
    ahead.set(word, next);
    next = mainScript(word.text) ?? next;
  }
  return ahead;
}

function inferredLang(script: ScriptName | undefined, text: string, scriptLanguages: ReadonlyMap<ScriptName, string>): string | undefined {
  if (!script || script === 'Latin') return undefined;
  const hasKana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
  const hasHangul = /\p{Script=Hangul}/u.test(text);
  const group = scriptGroup(script) === 'EastAsian' && (hasKana || hasHangul) ? (hasKana ? 'Hiragana' : 'Hangul') : script;
  return langForScript(group, scriptLanguages, { hasKana, hasHangul });
}

const SPACE = /^\s+$/u;
function isSpace(text: string): boolean {
  return SPACE.test(text);
}

interface Word {
  start: number;
  text: string;
  script?: ScriptName;
  lang?: string;
}

/** Words and the spaces between them; a change of script (Latin to Arabic, not Han to kana) also ends a word. */
function words(text: string): Word[] {
  const out: Word[] = [];
  let start = 0;
  let group: string | undefined;
  let space: boolean | undefined;
  let index = 0;
  for (const character of text) {
    const isWhite = /\s/u.test(character);
    const script = scriptOf(character.codePointAt(0)!);
    const letterGroup = NEUTRAL_SCRIPTS.has(script) || isIgnorable(character.codePointAt(0)!) ? undefined : scriptGroup(script);
    const breaks = index > start && (isWhite !== space || (letterGroup && group && letterGroup !== group));
    if (breaks) {
      out.push({ start, text: text.slice(start, index) });
      start = index;
      group = undefined;
    }
    space = isWhite;
    group = letterGroup ?? group;
    index += character.length;
  }
  if (index > start) out.push({ start, text: text.slice(start, index) });
  return out;
}

/** Spaces take the face of the word before them in the same stretch of markup, else of the word after, else the first that has them. */
function spaceFace(text: string, wordFaces: (OpenedFace | undefined)[], at: number, chain: FontChain, style: FaceStyle): OpenedFace | undefined {
  const covers = (face: OpenedFace | undefined) => face && [...text].every((c) => face.font.hasGlyphForCodePoint(c.codePointAt(0)!));
  const before = wordFaces.slice(0, at).reverse().find(Boolean);
  const after = wordFaces.slice(at + 1).find(Boolean);
  if (covers(before)) return before;
  if (covers(after)) return after;
  return chain.faceFor(text, style);
}

/** The house face, for a character no face has: the load check has already said so, the page shows a box. */
function fallbackFace(chain: FontChain, style: FaceStyle, character: string, index: number, missing: Paragraph['missing']): OpenedFace {
  missing.push({ index, character });
  return chain.open(chain.candidates(style)[0]!, style)!;
}
