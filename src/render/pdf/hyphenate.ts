// English and Russian hyphenation for left-aligned body text: soft hyphens that pdfkit shows only at a line break.
import english from 'hyphen/en-gb/index.js';
import russian from 'hyphen/ru/index.js';

export const SOFT_HYPHEN = '\u00AD';

/** Short words are never split: a broken five-letter word reads worse than a ragged line. */
const MIN_WORD_LENGTH = 7;

// The same runs of text come back in every layout of a build (two passes, two editions, the booklet, and
// each paragraph is measured before it is drawn): each run, and each word, is hyphenated once per process.
const hyphenated = { english: new Map<string, string>(), russian: new Map<string, string>() };
const hyphenatedRuns = new Map<string, string>();
const RUNS_LIMIT = 20_000;

export function hyphenate(text: string, lang: string): string {
  const key = `${lang}|${text}`;
  let result = hyphenatedRuns.get(key);
  if (result === undefined) {
    result = hyphenateRun(text, lang);
    if (hyphenatedRuns.size >= RUNS_LIMIT) hyphenatedRuns.clear();
    hyphenatedRuns.set(key, result);
  }
  return result;
}

function hyphenateRun(text: string, lang: string): string {
  const russianText = lang.startsWith('ru');
  const hyphenator = russianText ? russian.hyphenateSync : english.hyphenateSync;
  const known = russianText ? hyphenated.russian : hyphenated.english;
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

type FragmentDrawer = (text: string, x: number, y: number, options: object) => void;

/**
 * pdfkit turns a soft hyphen at a line break into "-" but writes the others into the page as invisible glyphs,
 * which pdf.js and some screen readers then read as spaces ("hos pit al"). By the time a line reaches
 * `_fragment` the break hyphen is already real, so every soft hyphen left is unused and can go.
 * `_fragment` is internal to pdfkit (pinned in package-lock.json); the PDF tests catch a change.
 */
export function dropUnusedSoftHyphens(doc: PDFKit.PDFDocument): void {
  const target = doc as unknown as { _fragment: FragmentDrawer };
  const draw = target._fragment.bind(doc);
  target._fragment = (text, x, y, options) => draw(text.replaceAll(SOFT_HYPHEN, ''), x, y, options);
}
