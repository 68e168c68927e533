// Shared by the script tests: text read back from a PDF (pdftotext, pdf.js) made comparable with what was typed, and counted.

// Bidi formatting marks (pdftotext wraps right-to-left text in them) carry no text; the form feed ends a page.
const MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\f]/g;

/** What is left of extracted text to compare: no bidi marks, NFC (canonically equal text is equal), each run of whitespace one space. */
export function comparable(text: string): string {
  return text.replace(MARKS, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The same, but with line breaks taken out altogether: how a string reads that wrapped where it has no space (Chinese, Japanese). */
export function withoutLineBreaks(text: string): string {
  return text.replace(MARKS, '').normalize('NFC').replace(/[ \t]*\n[ \t\n]*/g, '').replace(/\s+/g, ' ').trim();
}

/** How often `typed` occurs in `text`, not overlapping. */
export function occurrences(text: string, typed: string): number {
  return typed ? text.split(typed).length - 1 : 0;
}

/**
 * How often `typed` comes back whole and in order from extracted text: with line breaks read as spaces, or
 * (for a string that wrapped inside a word) read as nothing, whichever finds more. Characters are never reordered.
 */
export function timesExtracted(text: string, typed: string): number {
  const wanted = comparable(typed);
  return Math.max(occurrences(comparable(text), wanted), occurrences(withoutLineBreaks(text), wanted));
}
