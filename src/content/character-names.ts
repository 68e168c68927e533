// Names for characters a teacher cannot see (odd spaces, joiners, direction marks, controls), so a message can say which one it found.

/** The invisible or look-alike characters that turn up in pasted text, by their Unicode names. */
const NAMES: Record<number, string> = {
  0x09: 'CHARACTER TABULATION (a tab)',
  0x0a: 'LINE FEED (a line break)',
  0x0d: 'CARRIAGE RETURN',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x34f: 'COMBINING GRAPHEME JOINER',
  0x61c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (a byte order mark)',
  0xfffc: 'OBJECT REPLACEMENT CHARACTER',
  0xfffd: 'REPLACEMENT CHARACTER (text that was damaged before it was pasted)',
};

/** Characters a reader cannot see, or cannot tell from an ordinary space. */
export function isInvisible(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (NAMES[code] !== undefined && code !== 0xfffd && code !== 0xfffc) || (code >= 0xe0000 && code <= 0xe007f);
}

/** "U+202F NARROW NO-BREAK SPACE"; a control character without a name in the table is "the control character U+0007". */
export function characterName(character: string): string {
  const code = character.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  if (name) return `${hex} ${name}`;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `the control character ${hex}`;
  return hex;
}

/**
 * A piece of text in double quotes for a message, with every invisible character written as its name:
 * `"level⟨U+202F NARROW NO-BREAK SPACE⟩"` rather than a quote around what looks like nothing.
 */
export function quoted(text: string): string {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code === 0x20) out += ' ';
    else if (isInvisible(code) || code === 0xfffd) out += `⟨${characterName(character)}⟩`;
    else out += character;
  }
  return `"${out}"`;
}

/** The distinct invisible characters in a text, by name (for a hint: "it holds U+00A0 NO-BREAK SPACE"). */
export function invisibleCharacters(text: string): string[] {
  const names = new Set<string>();
  for (const character of text) if (isInvisible(character.codePointAt(0)!) && character !== '\n') names.add(characterName(character));
  return [...names];
}
