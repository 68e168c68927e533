// Cross-field rules the schema cannot express: theme references that resolve (unique ids are in anchors.ts).
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { quoted } from './character-names.js';
import { closest } from './did-you-mean.js';
import { yamlStem } from './file-names.js';
import { positionOf, type SourceFile } from './yaml.js';

// Rules read the raw YAML data defensively, so they still run (and report) when the schema found problems elsewhere.
type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Each theme listed in guide.yaml has a file whose id matches, and no theme file is left out. */
export function checkThemeReferences(guideSource: SourceFile, themes: SourceFile[], themeFilesOnDisk: string[], diagnostics: Diagnostic[]): void {
  const listed = asList(asRecord(guideSource.data).themes).map(asString);
  listed.forEach((id, index) => {
    if (id !== undefined) checkListedTheme(guideSource, id, index, listed, themeFilesOnDisk, diagnostics);
  });
  for (const source of themes) checkThemeId(source, diagnostics);
  if (!Array.isArray(asRecord(guideSource.data).themes)) return;
  for (const id of themeFilesOnDisk) {
    if (listed.includes(id)) continue;
    diagnostics.push({
      severity: 'warning',
      code: 'unused-file',
      message: `themes/${id}.yaml is not listed under themes, so it is left out of the guide`,
      file: guideSource.file,
      ...positionOf(guideSource, ['themes'], { key: true }),
      hint: `add "- ${id}" under themes`,
    });
  }
}

/** A theme named under themes: listed once, and with a file of its own. */
function checkListedTheme(guide: SourceFile, id: string, index: number, listed: (string | undefined)[], themeFilesOnDisk: string[], diagnostics: Diagnostic[]): void {
  const place = { file: guide.file, ...positionOf(guide, ['themes', index]) };
  if (listed.indexOf(id) !== index) diagnostics.push({ severity: 'error', code: 'duplicate-id', message: `theme "${id}" is listed twice`, ...place });
  if (themeFilesOnDisk.includes(id)) return;
  const suggestion = closest(id, themeFilesOnDisk);
  diagnostics.push({ severity: 'error', code: 'unknown-reference', message: quoted(id) === `"${id}"` ? `theme "${id}" has no file themes/${id}.yaml` : `theme ${quoted(id)} has no file in themes/: the name holds a character that cannot be seen`, ...place, hint: suggestion ? `did you mean "${suggestion}"?` : `create themes/${id}.yaml` });
}

/** A theme file's id, when it gives one, is its file name. */
function checkThemeId(source: SourceFile, diagnostics: Diagnostic[]): void {
  const id = asString(asRecord(source.data).id);
  const fileId = yamlStem(path.basename(source.file));
  if (id === undefined || id === fileId) return;
  diagnostics.push({
    severity: 'error',
    code: 'id-mismatch',
    message: `the theme's id "${id}" differs from its file name "${path.basename(source.file)}"`,
    file: source.file,
    ...positionOf(source, ['id']),
    hint: `rename the file or set id: ${fileId}`,
  });
}
