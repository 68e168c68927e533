// Cross-field rules the schema cannot express: theme references that resolve (unique ids are in anchors.ts).
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
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
  const guide = { source: guideSource };
  const listed = asList(asRecord(guideSource.data).themes).map(asString);
  listed.forEach((id, index) => {
    if (id === undefined) return;
    if (listed.indexOf(id) !== index) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-id',
        message: `theme "${id}" is listed twice`,
        file: guide.source.file,
        ...positionOf(guide.source, ['themes', index]),
      });
    }
    if (!themeFilesOnDisk.includes(id)) {
      const suggestion = closest(id, themeFilesOnDisk);
      diagnostics.push({
        severity: 'error',
        code: 'unknown-reference',
        message: `theme "${id}" has no file themes/${id}.yaml`,
        file: guide.source.file,
        ...positionOf(guide.source, ['themes', index]),
        hint: suggestion ? `did you mean "${suggestion}"?` : `create themes/${id}.yaml`,
      });
    }
  });
  for (const source of themes) {
    const theme = { source, data: { id: asString(asRecord(source.data).id) } };
    const fileId = yamlStem(path.basename(source.file));
    if (theme.data.id !== undefined && theme.data.id !== fileId) {
      diagnostics.push({
        severity: 'error',
        code: 'id-mismatch',
        message: `the theme's id "${theme.data.id}" differs from its file name "${path.basename(source.file)}"`,
        file: theme.source.file,
        ...positionOf(theme.source, ['id']),
        hint: `rename the file or set id: ${fileId}`,
      });
    }
  }
  if (!Array.isArray(asRecord(guideSource.data).themes)) return;
  for (const id of themeFilesOnDisk) {
    if (!listed.includes(id)) {
      diagnostics.push({
        severity: 'warning',
        code: 'unused-file',
        message: `themes/${id}.yaml is not listed under themes, so it is left out of the guide`,
        file: guide.source.file,
        ...positionOf(guide.source, ['themes'], { key: true }),
        hint: `add "- ${id}" under themes`,
      });
    }
  }
}
