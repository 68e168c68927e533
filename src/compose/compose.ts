// The compose stage: a Guide and an edition → one XHTML document (the single source of every output).
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Guide } from '../content/load.js';
import type { Question } from '../content/schema.js';
import type { Theme } from '../theme.js';
import { markRussian } from './language.js';
import { applyTypography } from './typography.js';
import { isTemplateError, templateErrorDiagnostic, type TemplateSet } from './templates.js';
import { parseXhtml, serialize, XhtmlSyntaxError, type ElementNode } from './tree.js';
import { checkVocabulary } from './vocabulary.js';

export const EDITIONS = ['student', 'teacher'] as const;
export type Edition = (typeof EDITIONS)[number];

export interface ComposedDocument {
  guideId: string;
  edition: Edition;
  /** The root <html> element; renderers walk this. */
  root: ElementNode;
  /** The same document as text (the golden file, and what a debug dump shows). */
  xhtml: string;
  title: string;
  lang: string;
}

export type ComposeResult = { document: ComposedDocument; diagnostics: Diagnostic[] } | { document?: undefined; diagnostics: Diagnostic[] };

/** Ruled lines in the student edition: more room for questions that ask for more thought. */
const WRITE_IN_LINES: Record<Question['level'], number> = { recall: 2, analysis: 4, evaluation: 5, creation: 6 };

export function composeDocument(guide: Guide, edition: Edition, templates: TemplateSet, theme: Theme): ComposeResult {
  const documentFile = path.join(templates.dir, 'document.hbs');
  let xhtml: string;
  try {
    xhtml = templates.render('document', viewModel(guide, edition, theme));
  } catch (error) {
    if (isTemplateError(error)) return { diagnostics: [templateErrorDiagnostic(error)] };
    return { diagnostics: [{ severity: 'error', code: 'template-render', message: (error as Error).message, file: documentFile }] };
  }
  let root: ElementNode;
  try {
    root = parseXhtml(xhtml);
  } catch (error) {
    if (!(error instanceof XhtmlSyntaxError)) throw error;
    const message = `the templates produced malformed XHTML at line ${error.line} of the composed document: ${error.message}`;
    return { diagnostics: [{ severity: 'error', code: 'malformed-document', message, file: documentFile }] };
  }
  const problems = checkVocabulary(root);
  if (problems.length) {
    return {
      diagnostics: problems.map((p) => ({
        severity: 'error' as const,
        code: 'document-vocabulary',
        message: `${p.message} (line ${p.line} of the composed ${edition} document)`,
        file: documentFile,
      })),
    };
  }
  applyTypography(root);
  markRussian(root);
  const meta = guide.meta;
  return {
    document: { guideId: guide.id, edition, root, xhtml: `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`, title: `${meta.title}: a study guide`, lang: meta.language },
    diagnostics: [],
  };
}

/** Everything the templates see. Numbers are given here, once, so every format shows the same ones. */
function viewModel(guide: Guide, edition: Edition, theme: Theme) {
  let next = 1;
  const number = (questions: Question[]) =>
    questions.map((q) => ({ ...q, number: next++, lines: WRITE_IN_LINES[q.level], guidance: q.guidance ?? null }));
  const before = number(guide.meta.questions.before);
  const themes = guide.themes.map((t) => ({ ...t, questions: number(t.questions) }));
  const after = number(guide.meta.questions.after);
  return {
    guide: { ...guide.meta, original_title: guide.meta.original_title ?? null },
    edition: { name: edition, label: edition === 'teacher' ? 'Teacher edition' : 'Student edition', teacher: edition === 'teacher' },
    palette: theme.palette,
    themes,
    questions: { before, after },
  };
}
