// The build plan: which files a run makes (document, format, output path), decided in one place from the options.
import path from 'node:path';
import type { ComposedDocument, Edition } from './compose/compose.js';
import type { Paper } from './theme.js';

/**
 * pdf, epub, html, docx: one per edition; booklet: the student edition on half-size pages, imposed for
 * folding; handout: one sheet for a screening audience, from its own template; moodle, qti, cc: the
 * questions as banks for learning platforms, from the teacher edition; xhtml: the composed document
 * itself, for debugging a template (as mdBook's debug backend does).
 */
export const FORMATS = ['pdf', 'epub', 'html', 'docx', 'booklet', 'handout', 'moodle', 'qti', 'cc', 'xhtml'] as const;
export type Format = (typeof FORMATS)[number];

/** What `build` makes unless --format says otherwise. */
export const DEFAULT_FORMATS: readonly Format[] = ['pdf', 'epub', 'html', 'docx', 'booklet', 'handout'];

/** Made once per guide, from the student edition: they are for screening audiences. */
export const STUDENT_ONLY_FORMATS: readonly Format[] = ['booklet', 'handout'];

/** The question banks, made once per guide from the teacher edition: they carry the guidance for whoever marks. */
export const QUESTION_BANK_FORMATS = ['moodle', 'qti', 'cc'] as const satisfies readonly Format[];

/** What a course pack can be made as. */
export const PACK_FORMATS = ['pdf', 'epub', 'xhtml'] as const satisfies readonly Format[];
export const DEFAULT_PACK_FORMATS: readonly Format[] = ['pdf', 'epub'];

/** A guide or a course pack: its composed editions, and a guide's screening handout. */
export interface Publication {
  /** The guide's or pack's folder name: its files go in output/<name>/ and are named after it. */
  name: string;
  editions: ComposedDocument[];
  handout?: ComposedDocument;
}

export interface Job {
  publication: string;
  edition: Edition;
  format: Format;
  document: ComposedDocument;
  path: string;
  /** The file name of the PDF of the same edition, which the EPUB cites as the source of its page numbers. */
  printedAs: string;
}

export interface PlanOptions {
  outDir: string;
  formats: readonly Format[];
  /** The run's paper: named in the file names of the formats it changes, unless it is A4. */
  paper: Paper;
  /** How many editions the run makes: with both, only the student edition gets a web page. */
  editionCount: number;
}

const SPECIAL_NAMES: Partial<Record<Format, (name: string, edition: Edition) => string>> = {
  handout: (name) => `${name}-handout`,
  booklet: (name, edition) => `${name}-${edition}-booklet`,
  moodle: (name) => `${name}-questions`,
  qti: (name) => `${name}-questions`,
  cc: (name) => `${name}-questions`,
};

const EXTENSIONS: Partial<Record<Format, string>> = { booklet: 'pdf', handout: 'pdf', moodle: 'moodle.xml', qti: 'qti.zip', cc: 'imscc' };

/**
 * The formats whose bytes depend on the paper: the PDFs are laid out on it, the EPUB takes its page
 * numbers from the PDF and the Word file its page size. A4 is the default and keeps the plain name;
 * any other paper is named (beanpole-student-letter.pdf), so one run never overwrites another paper's files.
 */
export const PAPER_DEPENDENT_FORMATS: readonly Format[] = ['pdf', 'epub', 'docx', 'booklet', 'handout'];

export function fileName(name: string, edition: Edition, format: Format, paper: Paper = 'a4'): string {
  const stem = SPECIAL_NAMES[format]?.(name, edition) ?? `${name}-${edition}`;
  const paperPart = paper !== 'a4' && PAPER_DEPENDENT_FORMATS.includes(format) ? `-${paper}` : '';
  return `${stem}${paperPart}.${EXTENSIONS[format] ?? format}`;
}

export function planJobs(publications: Publication[], options: PlanOptions): Job[] {
  return publications.flatMap((publication) =>
    publication.editions.flatMap((document) =>
      formatsFor(document.edition, options).flatMap((format): Job[] => {
        const source = format === 'handout' ? publication.handout : document;
        if (!source) return [];
        const job = { publication: publication.name, edition: document.edition, format, document: source };
        const named = (f: Format) => fileName(publication.name, document.edition, f, options.paper);
        return [{ ...job, path: path.join(options.outDir, publication.name, named(format)), printedAs: named('pdf') }];
      }),
    ),
  );
}

/**
 * The web page is what a teacher links from a course site, so when both editions are built only the
 * student's gets one; `--edition teacher --format html` still makes the teacher's. The booklet and the
 * handout are made from the student edition only, the question banks from the teacher edition only.
 */
function formatsFor(edition: Edition, options: PlanOptions): readonly Format[] {
  const banks: readonly Format[] = QUESTION_BANK_FORMATS;
  if (edition !== 'teacher') return options.formats.filter((f) => !banks.includes(f));
  const formats = options.formats.filter((f) => !STUDENT_ONLY_FORMATS.includes(f));
  return options.editionCount > 1 ? formats.filter((f) => f !== 'html') : formats;
}

/** SOURCE_DATE_EPOCH when set (reproducible builds), otherwise the content's own date (YYYY-MM-DD). */
export function buildDate(contentDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${contentDate}T00:00:00Z`);
}
