// Cross-field rules the schema cannot express: unique ids and references that resolve.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { closest } from './did-you-mean.js';
import type { GuideFile, Question, ThemeFile } from './schema.js';
import { positionOf, type PathSegment, type SourceFile } from './yaml.js';

export interface LoadedTheme {
  source: SourceFile;
  data: ThemeFile;
}

/** Every question id appears once in the whole guide, so question links and numbering stay stable. */
export function checkUniqueQuestionIds(
  guide: { source: SourceFile; data: GuideFile },
  themes: LoadedTheme[],
  diagnostics: Diagnostic[],
): void {
  const seen = new Map<string, string>();
  const visit = (source: SourceFile, questions: Question[], base: PathSegment[]) => {
    questions.forEach((question, index) => {
      const where = `${path.basename(source.file)}:${positionOf(source, [...base, index, 'id']).line}`;
      const first = seen.get(question.id);
      if (first) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-id',
          message: `question id "${question.id}" is already used (first at ${first})`,
          file: source.file,
          ...positionOf(source, [...base, index, 'id']),
          hint: 'give each question its own id',
        });
      } else {
        seen.set(question.id, where);
      }
    });
  };
  visit(guide.source, guide.data.questions.before, ['questions', 'before']);
  for (const theme of themes) visit(theme.source, theme.data.questions, ['questions']);
  visit(guide.source, guide.data.questions.after, ['questions', 'after']);
}

/** Each theme listed in guide.yaml has a file whose id matches, and no theme file is left out. */
export function checkThemeReferences(
  guide: { source: SourceFile; data: GuideFile },
  themes: LoadedTheme[],
  themeFilesOnDisk: string[],
  diagnostics: Diagnostic[],
): void {
  const listed = guide.data.themes;
  listed.forEach((id, index) => {
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
  for (const theme of themes) {
    const fileId = path.basename(theme.source.file, '.yaml');
    if (theme.data.id !== fileId) {
      diagnostics.push({
        severity: 'error',
        code: 'id-mismatch',
        message: `the theme's id "${theme.data.id}" differs from its file name "${fileId}.yaml"`,
        file: theme.source.file,
        ...positionOf(theme.source, ['id']),
        hint: `rename the file or set id: ${fileId}`,
      });
    }
  }
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
