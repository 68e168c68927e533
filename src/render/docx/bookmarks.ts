// Word bookmark names for the document's ids: what headings, questions and cross-references point at.
import { createHash } from 'node:crypto';

/**
 * Word allows letters, digits and underscores in a bookmark name, starting with a letter, at most 40
 * characters; an id like "activity-savicheva-diary" becomes "activity_savicheva_diary". A long id keeps its
 * start and gains a short hash so two long ids never meet.
 */
export function bookmarkName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) name = `b${name}`;
  if (name.length <= 40) return name;
  const hash = createHash('sha1').update(id).digest('hex').slice(0, 6);
  return `${name.slice(0, 33)}_${hash}`;
}
