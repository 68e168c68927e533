// The compose stage: a Guide and an edition → one XHTML document (the single source of every output).
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Guide } from '../content/load.js';
import { activitySchema, guideSchema, themeSchema, type ACTIVITY_KINDS, type Question } from '../content/schema.js';
import { closest } from '../content/did-you-mean.js';
import { withNulls } from './optional-fields.js';
import { markForeignScripts } from './language.js';
import { declaredScriptLanguages } from '../text/scripts.js';
import { applyTypography } from './typography.js';
import { isTemplateError, templateErrorDiagnostic, type TemplateSet } from './templates.js';
import { elementChildren, linkTargets, parseXhtml, serialize, XhtmlSyntaxError, type ElementNode } from './tree.js';
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

/** `template` picks the top-level template: the whole guide (document.hbs) or the one-sheet handout (handout.hbs). */
export function composeDocument(guide: Guide, edition: Edition, templates: TemplateSet, template: 'document' | 'handout' = 'document'): ComposeResult {
  const rendered = renderToTree(templates, template, viewModel(guide, edition), edition);
  if (!rendered.root) return { diagnostics: rendered.diagnostics };
  const root = rendered.root;
  const brokenLinks = checkCrossReferences(root, guide, edition);
  if (brokenLinks.length) return { diagnostics: brokenLinks };
  applyTypography(root);
  markForeignScripts(root, { scriptLanguages: guideScriptLanguages(guide) });
  const meta = guide.meta;
  return {
    document: { guideId: guide.id, edition, root, xhtml: xhtmlOf(root), title: template === 'handout' ? `${meta.title}: a handout for screenings` : `${meta.title}: a study guide`, lang: meta.language },
    diagnostics: [],
  };
}

/** The languages a guide declares (its original title's, its glossary terms'), which tell what its scripts write. */
export function guideScriptLanguages(guide: Guide) {
  const meta = guide.meta;
  const glossary = (meta.glossary ?? []).flatMap((group) => group.terms.flatMap((term) => (term.lang ? [term.lang] : [])));
  return declaredScriptLanguages([...(meta.original_title ? [meta.original_title.lang] : []), ...glossary]);
}

export const xhtmlOf = (root: ElementNode) => `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;

/** Renders a top-level template and parses the result strictly; a template error, malformed markup or an unknown element is reported against the template. */
export function renderToTree(templates: TemplateSet, template: string, model: object, edition: Edition): { root?: ElementNode; diagnostics: Diagnostic[] } {
  const documentFile = path.join(templates.dir, `${template}.hbs`);
  let xhtml: string;
  try {
    xhtml = templates.render(template, model);
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
  return { root, diagnostics: [] };
}

/** Every link to an id in the guide (#glossary) must find it in this edition; the error points at the link in the YAML. */
function checkCrossReferences(root: ElementNode, guide: Guide, edition: Edition): Diagnostic[] {
  const ids: string[] = [];
  const collect = (node: ElementNode): void => {
    if (node.attrs.id) ids.push(node.attrs.id);
    elementChildren(node).forEach(collect);
  };
  collect(root);
  const missing = [...linkTargets(root)].filter((id) => !ids.includes(id));
  return missing.flatMap((id) => {
    const places = guide.sources.flatMap((source) =>
      source.text.split('\n').flatMap((line, index) => {
        const column = line.indexOf(`](#${id})`);
        return column < 0 ? [] : [{ file: source.file, line: index + 1, column: column + 3 }];
      }),
    );
    const message = `the link to "#${id}" goes nowhere in the ${edition} edition`;
    const suggestion = closest(id, ids);
    const hint = suggestion ? `did you mean "#${suggestion}"?` : 'link to the id of a chapter, heading, question or activity that both editions have, e.g. #glossary';
    return (places.length ? places : [{ file: guide.dir }]).map((place) => ({ severity: 'error' as const, code: 'broken-link', message, hint, ...place }));
  });
}

/** Everything the templates see. Numbers are given here, once, so every format shows the same ones. */
function viewModel(guide: Guide, edition: Edition) {
  let next = 1;
  // Numbered in reading order: before, during and after viewing, then each theme chapter, then film form.
  const number = (questions: Question[] | undefined, { writeIn = true } = {}) =>
    (questions ?? []).map((q) => ({ ...q, number: next++, lines: writeIn ? WRITE_IN_LINES[q.level] : 0, guidance: q.guidance ?? null }));
  const meta = guide.meta;
  const before = number(meta.questions.before);
  // Things to notice while watching get no lines: nobody should be writing during the film.
  const during = number(meta.questions.during, { writeIn: false });
  const after = number(meta.questions.after);
  const themes = guide.themes.map((t) => ({ ...withNulls(themeSchema, t), questions: number(t.questions) }));
  const filmForm = number(meta.film_form?.questions);
  const details = meta.advisory.details ?? [];
  return {
    guide: withNulls(guideSchema, meta),
    edition: { name: edition, label: edition === 'teacher' ? 'Teacher edition' : 'Student edition', teacher: edition === 'teacher' },
    palette: meta.palette?.swatches ?? [],
    themes,
    // The screening handout asks the first six questions for after the film, numbered 1 to 6 on the sheet.
    questions: { before, during, after, filmForm, handout: after.slice(0, 6) },
    advisory: { withoutSpoilers: details.filter((d) => !d.spoiler), withSpoilers: details.filter((d) => d.spoiler) },
    activities: (meta.activities ?? []).map((a) => ({ ...withNulls(activitySchema, a), kindLabel: ACTIVITY_KIND_LABELS[a.kind] })),
  };
}

const ACTIVITY_KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], string> = {
  'pre-viewing': 'Before viewing',
  'post-viewing': 'After viewing',
  creative: 'Creative task',
  essay: 'Essay prompts',
  comparison: 'Comparison',
  'primary-source': 'Primary source',
};
