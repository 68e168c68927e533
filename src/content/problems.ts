// The problems found in one text, gathered so that a flood of one mistake makes a few messages, not thousands.
import type { Diagnostic } from '../diagnostics.js';

/**
 * The problems of one text, each kind at up to five places, the last with a count of the rest: a pasted
 * text with 20,000 "<!--" lines, or a quote nested a thousand deep, makes a few messages, not a flood.
 */
export class Problems {
  private readonly byMessage = new Map<string, { places: Set<number>; hint: string }>();

  /** `index` is the place in the text (a character index); the same message at the same place counts once. */
  add(index: number, message: string, hint: string): void {
    const entry = this.byMessage.get(message) ?? { places: new Set<number>(), hint };
    entry.places.add(index);
    this.byMessage.set(message, entry);
  }

  get size(): number {
    return this.byMessage.size;
  }

  diagnostics(at: (index: number) => Pick<Diagnostic, 'file' | 'line' | 'column'>, code = 'markdown-not-supported'): Diagnostic[] {
    return [...this.byMessage].flatMap(([message, { places, hint }]) => {
      const shown = [...places].slice(0, MAX_PLACES);
      const more = places.size - shown.length;
      return shown.map((index, i) => ({
        severity: 'error' as const,
        code,
        message: more && i === shown.length - 1 ? `${message} (and ${more} more time${more === 1 ? '' : 's'} further on in this text)` : message,
        ...at(index),
        hint,
      }));
    });
  }
}

const MAX_PLACES = 5;
