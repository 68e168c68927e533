// English and Russian hyphenation for left-aligned body text: soft hyphens that pdfkit shows only at a line break.
import english from 'hyphen/en-gb/index.js';
import russian from 'hyphen/ru/index.js';
import { BoundedMap, caches } from '../../cache.js';

export const SOFT_HYPHEN = '\u00AD';

/** Short words are never split: a broken five-letter word reads worse than a ragged line. */
const MIN_WORD_LENGTH = 7;
const WORDS_PER_LANGUAGE = 50_000;

/** The same runs of text come back in every layout of a build (two passes, two editions, the booklet): each is hyphenated once per process. */
export function hyphenate(text: string, lang: string): string {
  const key = `${lang}|${text}`;
  let result = caches.hyphenatedRuns.get(key);
  if (result === undefined) {
    result = hyphenateRun(text, lang);
    caches.hyphenatedRuns.set(key, result);
  }
  return result;
}

function hyphenateRun(text: string, lang: string): string {
  const russianText = lang.startsWith('ru');
  const hyphenator = russianText ? russian.hyphenateSync : english.hyphenateSync;
  const language = russianText ? 'ru' : 'en';
  let known = caches.hyphenatedWords.get(language);
  if (!known) caches.hyphenatedWords.set(language, (known = new BoundedMap(WORDS_PER_LANGUAGE)));
  const hyphenateWord = (word: string): string => {
    let result = known.get(word);
    if (result === undefined) {
      result = hyphenator(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LENGTH });
      known.set(word, result);
    }
    return result;
  };
  // Words with digits, capitals (names) or hyphens already are left whole, and so are web addresses:
  // a hyphen added to one would make it wrong to type.
  return text.replace(/\S+/g, (token) =>
    /^\W*(https?:\/\/|www\.)/.test(token)
      ? token
      : token.replace(/[\p{L}]+/gu, (word) => (word.length < MIN_WORD_LENGTH || /\p{Lu}/u.test(word) ? word : hyphenateWord(word))),
  );
}
