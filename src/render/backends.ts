// Every output format's backend, in one map; each loads its renderer on first use, so a run pays only for the formats it makes.
import type { Format } from '../plan.js';
import { printSizes } from '../theme.js';
import type { Backend } from './backend.js';

const pdf: Backend = {
  name: 'pdf',
  formats: ['pdf'],
  async render(document, context) {
    const layout = await context.layout(document, printSizes(context.theme, context.paper).document);
    return { bytes: layout.bytes, diagnostics: [] };
  },
};

/** One print layout serves both: the EPUB takes its page numbers from the PDF of the same edition. */
const epub: Backend = {
  name: 'epub',
  formats: ['epub'],
  async start(document, context) {
    const { startCover } = await import('./epub/cover.js');
    startCover(document, context.theme, context.templates, context.cache);
  },
  async render(document, context) {
    const paper = printSizes(context.theme, context.paper).document;
    const layout = await context.layout(document, paper);
    const { renderEpub } = await import('./epub/index.js');
    const pagination = {
      source: `${document.header.citation}, printed on ${context.theme.pages[paper].name} (${context.printedAs})`,
      pageCount: layout.pageCount,
      pageStarts: layout.pageStarts,
      pageContinuations: layout.pageContinuations,
      contentsPages: layout.contentsPages,
      contentsStarts: layout.contentsStarts,
    };
    return { bytes: await renderEpub(document, context.theme, context.templates, { date: context.date, pagination, cache: context.cache }), diagnostics: [] };
  },
};

const html: Backend = {
  name: 'html',
  formats: ['html'],
  async render(document, context) {
    const { renderHtml } = await import('./html/index.js');
    return { bytes: await renderHtml(document, context.theme, context.templates), diagnostics: [] };
  },
};

/** Laid out afresh on the half-size page, so its page numbers, contents and bookmarks are the booklet's own; then imposed. */
const booklet: Backend = {
  name: 'booklet',
  formats: ['booklet'],
  async render(document, context) {
    const sizes = printSizes(context.theme, context.paper);
    const pages = await context.layout(document, sizes.booklet);
    const { imposeBooklet } = await import('./booklet.js');
    return { bytes: await imposeBooklet(pages.bytes, sizes.sheet, { title: document.title, date: context.date, lang: document.lang, author: document.header.authors.join(', ') }), diagnostics: [] };
  },
};

/** The screening handout is its own composed document (handout.hbs), printed on one sheet. */
const handout: Backend = {
  name: 'handout',
  formats: ['handout'],
  async render(document, context) {
    const pdf = await context.layout(document, printSizes(context.theme, context.paper).handout);
    if (pdf.pageCount <= 2) return { bytes: pdf.bytes, diagnostics: [] };
    const message = `the handout takes ${pdf.pageCount} pages; it is meant for one sheet, front and back`;
    return { bytes: pdf.bytes, diagnostics: [{ severity: 'warning', code: 'handout-length', message, file: document.templateFile, hint: 'shorten the spoiler-free synopsis, the content note or the facts' }] };
  },
};

/** The whole guide as an editable Word file, for a teacher to cut down or adapt. */
const docx: Backend = {
  name: 'docx',
  formats: ['docx'],
  async render(document, context) {
    const { renderDocx } = await import('./docx/index.js');
    return renderDocx(document, context);
  },
};

/** The questions of the teacher edition as an essay question bank for Moodle (Moodle XML). */
const moodle: Backend = {
  name: 'moodle',
  formats: ['moodle'],
  render: async (document, context) => (await import('./question-bank/moodle.js')).renderMoodleXml(document, context),
};

/** The questions as QTI 2.1 extended-text items in an IMS content package (Canvas and most other platforms). */
const qti: Backend = {
  name: 'qti',
  formats: ['qti'],
  render: async (document, context) => (await import('./question-bank/qti.js')).renderQti(document, context),
};

/** The questions as discussion topics in an IMS Common Cartridge 1.3, with a link to the guide's web page. */
const commonCartridge: Backend = {
  name: 'cc',
  formats: ['cc'],
  render: async (document, context) => (await import('./question-bank/cartridge.js')).renderCommonCartridge(document, context),
};

/** The composed document as it is: every bug in a template shows here, one stage before any renderer. */
const xhtml: Backend = {
  name: 'xhtml',
  formats: ['xhtml'],
  render: async (document) => ({ bytes: new TextEncoder().encode(document.xhtml), diagnostics: [] }),
};

export const BACKENDS: Readonly<Record<Format, Backend>> = Object.fromEntries(
  [pdf, epub, html, docx, booklet, handout, moodle, qti, commonCartridge, xhtml].flatMap((backend) => backend.formats.map((format) => [format, backend])),
) as Record<Format, Backend>;
