// What writing system a character belongs to, and the language tag a run of it gets when the guide declares none.
import { getScript } from 'unicode-properties';

/** Script names as the Unicode Character Database spells them ("Latin", "Han", "Arabic"), which unicode-properties returns. */
export type ScriptName = string;

/** Characters every script uses (spaces, digits, punctuation) and combining marks that take their base's script. */
export const NEUTRAL_SCRIPTS = new Set(['Common', 'Inherited', 'Unknown']);

// Japanese mixes Han with kana, Korean may mix Han with Hangul: a run of East Asian text stays one run.
const EAST_ASIAN = new Set(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo']);

export function scriptOf(codePoint: number): ScriptName {
  return getScript(codePoint);
}

/** Scripts that belong in one run: East Asian scripts count as one; each other script is its own. */
export function scriptGroup(script: ScriptName): string {
  return EAST_ASIAN.has(script) ? 'EastAsian' : script;
}

const RTL_SCRIPTS = new Set(['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko', 'Samaritan', 'Mandaic', 'Adlam']);

export function isRightToLeftScript(script: ScriptName): boolean {
  return RTL_SCRIPTS.has(script);
}

/** The language a script most likely writes when nothing else says: only where one language is the clear default. */
const DEFAULT_LANG: Record<string, string> = {
  Cyrillic: 'ru',
  Greek: 'el',
  Arabic: 'ar',
  Hebrew: 'he',
  Devanagari: 'hi',
  Bengali: 'bn',
  Tamil: 'ta',
  Hangul: 'ko',
  Hiragana: 'ja',
  Katakana: 'ja',
  Han: 'zh',
  Thai: 'th',
  Armenian: 'hy',
  Georgian: 'ka',
};

/** The primary language subtag and the script subtag, if any, of a BCP 47 tag ("zh-Hant-TW" → zh, Hant). */
export function parseLangTag(tag: string): { language: string; script?: string; region?: string } {
  const [language = '', ...rest] = tag.split('-');
  const script = rest.find((part) => /^[A-Za-z]{4}$/.test(part));
  const region = rest.find((part) => /^([A-Za-z]{2}|\d{3})$/.test(part));
  return { language: language.toLowerCase(), script: script && script[0]!.toUpperCase() + script.slice(1).toLowerCase(), region: region?.toUpperCase() };
}

// ISO 15924 codes of the scripts a language tag may name, matched to the Unicode names of the characters.
const SCRIPT_SUBTAGS: Record<string, string[]> = {
  Latn: ['Latin'],
  Cyrl: ['Cyrillic'],
  Grek: ['Greek'],
  Arab: ['Arabic'],
  Hebr: ['Hebrew'],
  Deva: ['Devanagari'],
  Beng: ['Bengali'],
  Taml: ['Tamil'],
  Hans: ['Han', 'Bopomofo'],
  Hant: ['Han', 'Bopomofo'],
  Hani: ['Han'],
  Jpan: ['Han', 'Hiragana', 'Katakana'],
  Kore: ['Han', 'Hangul'],
  Hang: ['Hangul'],
};

// The scripts each language is normally written in: a tag without a script subtag means these.
const LANGUAGE_SCRIPTS: Record<string, string[]> = {
  ja: ['Han', 'Hiragana', 'Katakana'],
  ko: ['Hangul', 'Han'],
  zh: ['Han', 'Bopomofo'],
  ar: ['Arabic'],
  fa: ['Arabic'],
  ur: ['Arabic'],
  ps: ['Arabic'],
  he: ['Hebrew'],
  yi: ['Hebrew'],
  hi: ['Devanagari'],
  mr: ['Devanagari'],
  ne: ['Devanagari'],
  sa: ['Devanagari'],
  bn: ['Bengali'],
  ta: ['Tamil'],
  el: ['Greek'],
  ru: ['Cyrillic'],
  uk: ['Cyrillic'],
  be: ['Cyrillic'],
  bg: ['Cyrillic'],
  mk: ['Cyrillic'],
  kk: ['Cyrillic'],
};

/**
 * What the guide's own declarations say each script is written in: a guide that declares its title
 * "fa" writes Persian wherever Arabic letters appear (Arabic script alone cannot tell Persian from
 * Arabic). The first declaration of a script wins; Latin is never inferred (English shares it).
 */
export function declaredScriptLanguages(declared: Iterable<string>): Map<ScriptName, string> {
  const languages = new Map<ScriptName, string>();
  for (const lang of declared) {
    const { language, script: subtag } = parseLangTag(lang);
    const scripts = subtag ? (SCRIPT_SUBTAGS[subtag] ?? []) : (LANGUAGE_SCRIPTS[language] ?? []);
    for (const script of scripts) if (script !== 'Latin' && !languages.has(script)) languages.set(script, lang);
  }
  return languages;
}

/**
 * The language of a run of `script` text with no language of its own: what the guide declares for that
 * script, else the script's usual language, else none. Han with kana is Japanese, Han with Hangul Korean.
 */
export function langForScript(script: ScriptName, declared: ReadonlyMap<ScriptName, string> = new Map(), context: { hasKana?: boolean; hasHangul?: boolean } = {}): string | undefined {
  if (script === 'Han' && context.hasKana) return declared.get('Hiragana') ?? 'ja';
  if (script === 'Han' && context.hasHangul) return declared.get('Hangul') ?? 'ko';
  return declared.get(script) ?? DEFAULT_LANG[script];
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'ps', 'sd', 'ug', 'ckb', 'he', 'yi', 'dv', 'syr']);

/** The direction a language is written in: Arabic, Persian, Urdu, Hebrew, Yiddish… right to left; ar-Latn is not. */
export function directionOfLang(lang: string | undefined): 'ltr' | 'rtl' {
  if (!lang) return 'ltr';
  const { language, script } = parseLangTag(lang);
  if (script) return script === 'Arab' || script === 'Hebr' || script === 'Syrc' || script === 'Thaa' ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
