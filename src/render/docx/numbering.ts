// Word numbering for the document's lists: one definition per numbered list, so each starts where the document says.
import type { INumberingOptions } from 'docx';
import type { Theme } from '../../theme.js';
import { bulletLevel, numberedLevel, type NumberingLevel } from './styles.js';

const LEVELS = [0, 1, 2, 3];

/**
 * Collects numbering definitions while the blocks are built. A question list starts at its first
 * question's number (question 8 is "8." in Word as in the PDF), and every other numbered list starts at 1,
 * so no list continues the count of the one before it.
 */
export class ListNumbering {
  private readonly configs: INumberingOptions['config'][number][] = [];

  constructor(private readonly theme: Theme) {
    this.configs.push({ reference: 'bullets', levels: LEVELS.map((level) => bulletLevel(theme, level)) });
  }

  /** A new numbered list; question lists get their numbers in bold, as a label. */
  numbered(start: number, { questions = false } = {}): string {
    const reference = `${questions ? 'questions' : 'numbered'}-${this.configs.length}`;
    const levels: NumberingLevel[] = LEVELS.map((level) => numberedLevel(this.theme, level, level === 0 ? start : 1, questions));
    this.configs.push({ reference, levels });
    return reference;
  }

  options(): INumberingOptions {
    return { config: this.configs };
  }
}
