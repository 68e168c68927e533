// English and Russian hyphenation for left-aligned body text: soft hyphens that pdfkit shows only at a line break.
import english from 'hyphen/en-gb/index.js';
import russian from 'hyphen/ru/index.js';

export const SOFT_HYPHEN = '\u00AD';

/** Short words are never split: a broken five-letter word reads worse than a ragged line. */
const MIN_WORD_LENGTH = 7;

export function hyphenate(text: string, lang: string): string {
  const hyphenator = lang.startsWith('ru') ? russian.hyphenateSync : english.hyphenateSync;
  // Words with digits, capitals (names) or hyphens already are left whole, and so are web addresses:
  // a hyphen added to one would make it wrong to type.
  return text.replace(/\S+/g, (token) =>
    /^\W*(https?:\/\/|www\.)/.test(token)
      ? token
      : token.replace(/[\p{L}]+/gu, (word) =>
          word.length < MIN_WORD_LENGTH || /\p{Lu}/u.test(word) ? word : hyphenator(word, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD_LENGTH }),
        ),
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
