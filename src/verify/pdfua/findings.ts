// Collects PDF/UA rule failures (one per rule and message, counted) and hands them out as Diagnostics.
import type { Diagnostic } from '../../diagnostics.js';

/** Records that a rule (a clause of ISO 14289-1 and veraPDF's test number, e.g. "7.1-3") was broken at a place. */
export type Report = (rule: string, message: string, where: string) => void;

interface Finding {
  rule: string;
  message: string;
  /** How many times it was found; `where` is the first. */
  count: number;
  where: string;
}

/** A long document breaks one rule in hundreds of places: each rule and message is one finding, with its count and first place. */
export class Findings {
  private readonly found = new Map<string, Finding>();

  readonly report: Report = (rule, message, where) => {
    const key = `${rule} ${message}`;
    const known = this.found.get(key);
    if (known) known.count++;
    else this.found.set(key, { rule, message, count: 1, where });
  };

  /** In the order first found; `file` is the PDF's path, or a name the caller gives it. */
  diagnostics(file: string): Diagnostic[] {
    return [...this.found.values()].map(({ rule, message, count, where }) => ({
      severity: 'error',
      code: 'pdfua',
      rule: `PDF/UA-1 ${rule}`,
      message: `${message} (${count}×, first: ${where})`,
      file,
    }));
  }
}
