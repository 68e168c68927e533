// The figure blocks of a guide's files: each picture read and checked (see images.ts), and each figure's alt text required unless it is decorative.
import type { Diagnostic } from '../diagnostics.js';
import { readImage, type GuideImage } from './images.js';
import { positionOf, type PathSegment, type SourceFile } from './yaml.js';

/** Where figure lists stand in a guide's files ("*" is every item of a list), as the schema allows them. */
const GUIDE_PLACES: readonly (readonly string[])[] = [
  ['context', 'sections', '*', 'figures'],
  ['filmmakers', '*', 'figures'],
  ['film_form', 'sections', '*', 'figures'],
];
const THEME_PLACES: readonly (readonly string[])[] = [['figures']];

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined);

/**
 * Checks every figure in one file (a guide part, or a theme chapter when `theme` is set), adding each
 * picture that passes to `images` under its path as written. Works on the raw YAML, so it still reports
 * when the schema found problems elsewhere in the file.
 */
export function checkFigures(source: SourceFile, guideDir: string, images: Map<string, GuideImage>, diagnostics: Diagnostic[], { theme = false } = {}): void {
  for (const place of theme ? THEME_PLACES : GUIDE_PLACES) {
    for (const at of figureLists(source.data, place, [])) {
      const list = valueAt(source.data, at);
      if (!Array.isArray(list)) continue;
      list.forEach((raw, index) => {
        const figure = asRecord(raw);
        if (figure) checkFigure(source, guideDir, figure, [...at, index], images, diagnostics);
      });
    }
  }
}

function checkFigure(source: SourceFile, guideDir: string, figure: Raw, at: PathSegment[], images: Map<string, GuideImage>, diagnostics: Diagnostic[]): void {
  const file = typeof figure.file === 'string' && figure.file.trim() ? figure.file.trim() : undefined;
  const name = file ? `the figure "${file}"` : 'this figure';
  const report = (path: PathSegment[], code: string, message: string, hint?: string, key = false) =>
    diagnostics.push({ severity: 'error', code, message, file: source.file, ...positionOf(source, path, { key }), hint });
  if (file && !images.has(file)) {
    const result = readImage(guideDir, file);
    if ('image' in result) images.set(file, result.image);
    else report([...at, 'file'], 'figure-file', result.problem, result.hint);
  }
  const alt = typeof figure.alt === 'string' ? figure.alt.trim() : '';
  if (figure.decorative === true && 'alt' in figure) {
    report([...at, 'alt'], 'figure-alt', `${name} is marked decorative, so it has no alt text`, 'remove "alt:", or remove "decorative: true" if the picture carries meaning');
  } else if (figure.decorative !== true && !alt) {
    const hint = 'add "alt:" saying what the picture shows, for a reader who cannot see it; or "decorative: true" if it is only ornament';
    report('alt' in figure ? [...at, 'alt'] : at, 'figure-alt', `${name} has no alt text`, hint, !('alt' in figure));
  }
}

/** The paths of every list that `place` matches in the data, with "*" expanded over list items. */
function figureLists(data: unknown, place: readonly string[], prefix: PathSegment[]): PathSegment[][] {
  if (place.length === 0) return [prefix];
  const [head, ...rest] = place;
  if (head === '*') return Array.isArray(data) ? data.flatMap((item, index) => figureLists(item, rest, [...prefix, index])) : [];
  const record = asRecord(data);
  return record && head! in record ? figureLists(record[head!], rest, [...prefix, head!]) : [];
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return value;
}
