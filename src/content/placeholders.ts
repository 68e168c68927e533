// Finds the "Replace this:" placeholders `studyguide new` writes, so a guide is never printed with them by mistake.
import { isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { positionOfNode, type SourceFile } from './yaml.js';

/** How every placeholder in templates/new-guide/ begins. */
export const PLACEHOLDER = 'Replace this:';

/** One warning per file, at its first placeholder, listing the lines of the others: a to-do list, not a wall of reports. */
export function checkPlaceholders(sources: SourceFile[], diagnostics: Diagnostic[]): void {
  for (const source of sources) {
    const places: { line: number; column: number }[] = [];
    visit(source.document, {
      Scalar(_, node) {
        if (isScalar(node) && typeof node.value === 'string' && node.value.includes(PLACEHOLDER)) places.push(positionOfNode(source, node));
      },
    });
    if (!places.length) continue;
    const lines = places.map((p) => p.line);
    diagnostics.push({
      severity: 'warning',
      code: 'placeholder',
      message: places.length === 1 ? `a placeholder from studyguide new is still here` : `${places.length} placeholders from studyguide new are still here (lines ${lines.join(', ')})`,
      file: source.file,
      ...places[0]!,
      hint: `write the guide's own words in place of each "${PLACEHOLDER} …"; the comment above it says what goes there`,
    });
  }
}
