// The compose stage: a Guide and an edition → one XHTML document (the single source of every output).
import type { Diagnostic } from '../diagnostics.js';
import type { Guide } from '../content/load.js';
import { activitySchema, guideSchema, questionSchema, themeSchema, type ACTIVITY_KINDS, type Question } from '../content/schema.js';
import type { GuideImage } from '../content/images.js';
import { figureViews } from './figures.js';
import { withNulls } from './optional-fields.js';
import { markForeignScripts } from './language.js';
import { declaredScriptLanguages } from '../text/scripts.js';
import { applyTypography } from './typography.js';
import { isTemplateError, templateErrorDiagnostic, type TemplateSet } from './templates.js';
import { checkCrossReferences, checkUniqueIds } from './document-checks.js';
import { findElement, parseXhtml, serialize, XhtmlSyntaxError, type ElementNode } from './tree.js';
import { checkVocabulary } from './vocabulary.js';
import { stableUuid } from './identifier.js';
import type { GuideFonts } from '../fonts/theme-chain.js';
import { printableWebAddress } from './web-address.js';
import type { LogoView } from '../look/logo.js';

export const EDITIONS = ['student', 'teacher'] as const;
export type Edition = (typeof EDITIONS)[number];

export interface ComposedDocument {
  /** The guide's (or pack's) folder name; the build plan names output files after it. */
  guideId: string;
  /** Which edition this is; the build plan names files and picks formats by it, renderers never read it. */
  edition: Edition;
  /** The root <html> element; renderers walk this. */
  root: ElementNode;
  /** The same document as text (the golden file, and what a debug dump shows). */
  xhtml: string;
  /** The top-level template that made it: where a renderer's problems are reported when no content line is to blame. */
  templateFile: string;
  /** Every word a renderer prints or stores outside the body, decided here once. */
  header: DocumentHeader;
  /** Fonts of the guide's own (a course pack's guides'), which renderers add to the theme's chain. */
  fontSources: GuideFonts[];
  title: string;
  lang: string;
  /** The pictures the document's figures show, by their <img src> ("images/figure-….png"); absent when it has none. */
  images?: ReadonlyMap<string, GuideImage>;
}

export interface DocumentHeader {
  /** "Teacher edition": the page foot, the cover. */
  editionLabel: string;
  /** A fixed identifier (urn:uuid:…), the same on every build of this edition. */
  identifier: string;
  /** One sentence saying what the document is, for e-book and web page metadata. */
  description: string;
  /** What a reader may do with it. */
  rights: string;
  /** How to cite this edition as the source of page numbers ("Beanpole: a study guide, student edition"). */
  citation: string;
  /**
   * The title a file carries (PDF and Word document title, EPUB dc:title, web page title): it names the
   * edition, so two editions can be told apart on an e-reader's shelf or in a window's title bar. Running
   * heads and title pages keep the plain title; the page foot names the edition.
   */
  editionTitle: string;
  /** Who wrote the guide (or put the pack together): the PDF Author, EPUB dc:creator, Word creator. */
  authors: string[];
  /** The school or organisation that publishes it: EPUB dc:publisher. */
  publisher: string;
  /** An email address or web address for questions about the guide. */
  contact?: string;
  /** The content's own date (YYYY-MM-DD); the build may set another with SOURCE_DATE_EPOCH. */
  date: string;
  /** Running heads and page numbers in print; off for the one-sheet handout. */
  furniture: boolean;
}

export type ComposeResult = { document: ComposedDocument; diagnostics: Diagnostic[] } | { document?: undefined; diagnostics: Diagnostic[] };

/** Ruled lines in the student edition: more room for questions that ask for more thought. */
const WRITE_IN_LINES: Record<Question['level'], number> = { recall: 2, analysis: 4, evaluation: 5, creation: 6 };

/** `template` picks the top-level template: the whole guide (document.hbs) or the one-sheet handout (handout.hbs). */
export function composeDocument(guide: Guide, edition: Edition, templates: TemplateSet, template: 'document' | 'handout' = 'document', look: LookForCompose = {}): ComposeResult {
  const { documents, diagnostics } = composeEditions(guide, [edition], templates, template, look);
  return documents[0] ? { document: documents[0], diagnostics } : { diagnostics };
}

/**
 * Composes each edition of a guide. A mistake in a template or a link shows in every edition, but the
 * reader needs it once: identical reports are kept once, and a link that fails in several editions is
 * one report naming them.
 */
export function composeEditions(guide: Guide, editions: readonly Edition[], templates: TemplateSet, template: 'document' | 'handout' = 'document', look: LookForCompose = {}): { documents: ComposedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics = new Map<string, Diagnostic>();
  const trees: { edition: Edition; root: ElementNode }[] = [];
  const webAddress = printableWebAddress(guide);
  const logo = look.logo ? { src: look.logo.src, alt: look.logo.alt, width: look.logo.width, height: look.logo.height } : null;
  for (const edition of editions) {
    const rendered = renderToTree(templates, template, { ...viewModel(guide, edition), webAddress: webAddress.address, logo }, edition);
    for (const d of rendered.diagnostics) diagnostics.set(JSON.stringify(d), d);
    if (rendered.root) trees.push({ edition, root: rendered.root });
  }
  const broken = [...checkCrossReferences(trees, guide), ...checkUniqueIds(trees, templates.fileOf(template))];
  if (diagnostics.size || broken.length) return { documents: [], diagnostics: [...diagnostics.values(), ...broken] };
  const documents = trees.map(({ edition, root }) => {
    applyTypography(root);
    markForeignScripts(root, { scriptLanguages: guideScriptLanguages(guide) });
    return finishDocument(guide, edition, root, template, templates.fileOf(template), look.logo);
  });
  // Only the handout prints the address, so only the handout warns about a placeholder.
  return { documents, diagnostics: template === 'handout' ? webAddress.diagnostics : [] };
}

function finishDocument(guide: Guide, edition: Edition, root: ElementNode, template: 'document' | 'handout', templateFile: string, logo?: LogoView): ComposedDocument {
  const meta = guide.meta;
  const title = template === 'handout' ? `${meta.title}: a handout for screenings` : `${meta.title}: a study guide`;
  const description = `A study guide to ${meta.title} (${meta.director}, ${meta.year}): ${edition} edition.`;
  const identity = { authors: meta.authors, publisher: meta.publisher, contact: meta.contact };
  const header = { ...headerFor(guide.id, edition, title, description, meta.date, identity), furniture: template !== 'handout' };
  // There is one handout, so its title needs no edition.
  if (template === 'handout') header.editionTitle = title;
  const images = template === 'document' ? figureViews(guide).images : new Map<string, GuideImage>();
  // Only when a template shows it: an overriding title page may leave the logo out.
  if (logo && usesPicture(root, logo.src)) images.set(logo.src, logo.image);
  const fontSources = [{ fonts: meta.fonts ?? [], dir: guide.dir }];
  return { guideId: guide.id, edition, root, xhtml: xhtmlOf(root), templateFile, title, lang: meta.language, header, fontSources, ...(images.size ? { images } : {}) };
}

/** What a school's look adds to composing: its logo, which the title page and handout templates may show. */
export interface LookForCompose {
  logo?: LogoView;
}

function usesPicture(root: ElementNode, src: string): boolean {
  return findElement(root, (n) => n.name === 'img' && n.attrs.src === src) !== undefined;
}

export const RIGHTS = 'May be copied for teaching, screenings and private study; not for sale.';

export function editionLabel(edition: Edition): string {
  return edition === 'teacher' ? 'Teacher edition' : 'Student edition';
}

/** Who wrote and who publishes a guide or a pack. */
export type Identity = Pick<DocumentHeader, 'authors' | 'publisher' | 'contact'>;

/** The header of a guide's or a pack's edition; `name` is its folder name, which keeps the identifier stable. */
export function headerFor(name: string, edition: Edition, title: string, description: string, date: string, identity: Identity): DocumentHeader {
  return {
    furniture: true,
    editionLabel: editionLabel(edition),
    identifier: `urn:uuid:${stableUuid(`studyguide:${name}:${edition}`)}`,
    description,
    rights: RIGHTS,
    citation: `${title}, ${edition} edition`,
    editionTitle: `${title}, ${edition} edition`,
    date,
    authors: identity.authors,
    publisher: identity.publisher,
    ...(identity.contact ? { contact: identity.contact } : {}),
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
  const documentFile = templates.fileOf(template);
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

/** Everything the templates see. Numbers are given here, once, so every format shows the same ones. */
function viewModel(guide: Guide, edition: Edition) {
  let next = 1;
  // Numbered in reading order: before, during and after viewing, then each theme chapter, then film form.
  const number = (questions: Question[] | undefined, { writeIn = true } = {}) =>
    (questions ?? []).map((q) => ({ ...withNulls(questionSchema, q), number: next++, lines: writeIn ? WRITE_IN_LINES[q.level] : 0 }));
  // Figures carry their number and picture into copies of the guide's data; the guide itself is left as loaded.
  const figures = figureViews(guide);
  const meta = figures.meta;
  const before = number(meta.questions.before);
  // Things to notice while watching get no lines: nobody should be writing during the film.
  const during = number(meta.questions.during, { writeIn: false });
  const after = number(meta.questions.after);
  const themes = figures.themes.map((t) => ({ ...withNulls(themeSchema, t), questions: number(t.questions) }));
  const filmForm = number(meta.film_form?.questions);
  const details = meta.advisory.details ?? [];
  const activities = (meta.activities ?? []).map((a) => ({ ...withNulls(activitySchema, a), kindLabel: ACTIVITY_KIND_LABELS[a.kind] }));
  return {
    guide: withNulls(guideSchema, meta),
    // The colophon links the contact: an email address by mailto:, a web address as it is.
    contact: meta.contact ? { text: meta.contact, href: meta.contact.includes('@') && !/^https?:/.test(meta.contact) ? `mailto:${meta.contact}` : meta.contact } : null,
    edition: { name: edition, label: editionLabel(edition), teacher: edition === 'teacher' },
    palette: meta.palette?.swatches ?? [],
    themes,
    // The screening handout asks the first six questions for after the film, under the numbers they have in the guide.
    questions: { before, during, after, filmForm, handout: after.slice(0, 6) },
    advisory: { withoutSpoilers: details.filter((d) => !d.spoiler), withSpoilers: details.filter((d) => d.spoiler) },
    // Activities for before the film come before the spoiler warning; the rest after it.
    activities: { before: activities.filter((a) => BEFORE_VIEWING.has(a.kind)), after: activities.filter((a) => !BEFORE_VIEWING.has(a.kind)) },
    figures: figures.credits,
  };
}

const BEFORE_VIEWING = new Set<string>(['pre-viewing', 'primary-source']);

const ACTIVITY_KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], string> = {
  'pre-viewing': 'Before viewing',
  'post-viewing': 'After viewing',
  creative: 'Creative task',
  essay: 'Essay',
  comparison: 'Comparison',
  'primary-source': 'Primary source',
};
