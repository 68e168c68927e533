// The kinds of value a guide's schema is built from: text that may not be blank, Markdown (block or inline), titles, real dates, a web address a QR code can hold.
import { z } from 'zod';
import { qrCodeOf } from '../qr-code.js';

/** Which text fields are Markdown, and whether they are set as whole blocks (paragraphs, lists, tables) or inside a line. */
export const markdownFields = z.registry<{ markdown: 'block' | 'inline' }>();

/** Blank is not text: spaces, no-break spaces and zero-width characters alone would make an empty heading or paragraph. */
export const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF\u00AD]/;
export const text = (max?: number) => {
  const visible = z.string().regex(VISIBLE, 'must hold some text, not only spaces');
  return max ? visible.max(max, `is longer than ${max} characters`) : visible;
};

/** Markdown set as blocks: paragraphs, lists and tables (raw HTML is shown as text, never as markup). */
export const markdown = (description: string) => text().describe(`${description} (Markdown)`).register(markdownFields, { markdown: 'block' });
/** Markdown set inside a line (a table cell, a list item, after a question number): emphasis and links only. */
export const inlineMarkdown = (description: string) => text().describe(`${description} (Markdown, within one paragraph)`).register(markdownFields, { markdown: 'inline' });
/** One line of plain text: a name, a label, a role. */
export const plain = (description: string) => text(MAX_LINE).describe(description);
/** A heading: it has to fit the contents, the running head and a bookmark. */
export const title = (description: string) => text(MAX_TITLE).describe(description);

/** A stable identifier, which becomes an anchor in every format. */
export const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "war-trauma"')
  .describe('A stable identifier: lower-case words joined by hyphens');

export const MAX_TITLE = 120;
export const MAX_LINE = 200;

/** A day that is in the calendar, in the years an EPUB's zip entries can carry in any time zone (1980–2099 UTC, less a day each end). */
export const date = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .superRefine((value, context) => {
      const problem = calendarProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .describe(description);

export function calendarProblem(value: string): string | undefined {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `is not a date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (year < 1981 || year > 2098) return 'must be in the years 1981 to 2098 (the e-book’s zip format holds no other dates)';
  return undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The handout prints the web address as a QR code at error correction level M; it must fit a code a phone can read from paper. */
export const MAX_WEB_ADDRESS = 200;
export const webAddress = z
  .url({ protocol: /^https?$/, message: 'must be a web address starting with https:// (or http://)' })
  .max(MAX_WEB_ADDRESS, { message: `is longer than ${MAX_WEB_ADDRESS} characters, too long for a QR code a phone can read from paper`, abort: true })
  .refine((address) => fitsQrCode(address), 'cannot be put into a QR code')
  .describe('Where the guide is published online; the handout prints it with a QR code');

function fitsQrCode(address: string): boolean {
  try {
    qrCodeOf(address);
    return true;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag, with an optional script or region subtag. */
export const languageTag = (description: string) =>
  z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "ru" or "en-GB"')
    .describe(description);
