// `studyguide new`: writes a complete, minimal guide from the package's templates/new-guide/, checked before it appears.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { EDITIONS } from './compose/compose.js';
import { guideSchema } from './content/schema.js';
import { formatDiagnostic, UsageError } from './diagnostics.js';
import { PACKAGE_ROOT, prepare } from './prepare.js';

export interface NewGuideOptions {
  /** The guide's folder name: it names the output files too. */
  name: string;
  /** The folder that holds the guide folders (created if missing). */
  contentDir: string;
  title: string;
  director: string;
  year: string;
  originalTitle?: string;
  /** The language tag of the original title. */
  lang?: string;
  /** The guide's date, YYYY-MM-DD; today by default. */
  date?: string;
}

export interface NewGuide {
  dir: string;
  files: string[];
}

const TEMPLATE_DIR = path.join(PACKAGE_ROOT, 'templates', 'new-guide');
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Writes the guide, or throws a UsageError saying why not; nothing is left behind on failure. */
export function createGuide(options: NewGuideOptions): NewGuide {
  const model = checkedModel(options);
  const target = path.join(options.contentDir, options.name);
  refuseExisting(target);
  mkdirSync(options.contentDir, { recursive: true });
  // Written beside its final place and checked there, then renamed: the folder appears whole or not at all.
  const staging = mkdtempSync(path.join(options.contentDir, `.new-${options.name}-`));
  try {
    const files = writeTemplates(path.join(staging, options.name), { ...model, schema: schemaReference(target) });
    selfCheck(staging, options.name);
    refuseExisting(target);
    renameSync(path.join(staging, options.name), target);
    return { dir: target, files: files.map((file) => path.join(target, file)) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function refuseExisting(target: string): void {
  if (!existsSync(target) && !isDanglingLink(target)) return;
  const shown = path.relative(process.cwd(), target) || target;
  throw new UsageError(`${shown} already exists; studyguide new never writes over a folder: choose another name, or move that one away first`);
}

const isDanglingLink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** What the templates are filled with, after checking each value as the guide's schema and fonts will. */
function checkedModel(options: NewGuideOptions) {
  if (!NAME.test(options.name)) {
    const suggestion = slug(options.name);
    throw new UsageError(`the guide's name "${options.name}" must be lower-case letters and digits joined by hyphens: it names the folder and every output file${suggestion ? `; try ${suggestion}` : ''}`);
  }
  const title = required(options.title, '--title');
  const director = required(options.director, '--director');
  const year = Number(options.year);
  if (!/^\d{4}$/.test(options.year.trim()) || !guideSchema.shape.year.safeParse(year).success) throw new UsageError(`--year must be the year of release, e.g. 1953 (got "${options.year}")`);
  if ((options.lang === undefined) !== (options.originalTitle === undefined)) throw new UsageError('--original-title and --lang go together: give the title in its own language and the tag of that language, e.g. --original-title "東京物語" --lang ja');
  const originalTitle = options.originalTitle === undefined ? undefined : { text: required(options.originalTitle, '--original-title'), lang: languageTag(options.lang!) };
  return { name: options.name, title, director, year, originalTitle, date: options.date ?? new Date().toISOString().slice(0, 10) };
}

function required(value: string, flag: string): string {
  const text = value.normalize('NFC').trim();
  if (!text) throw new UsageError(`${flag} must not be empty`);
  if (/[\u0000-\u001F\u007F]/.test(text)) throw new UsageError(`${flag} must be one line of text, without control characters`);
  return text;
}

function languageTag(lang: string): string {
  const parsed = guideSchema.shape.original_title.unwrap().shape.lang.safeParse(lang.trim());
  if (!parsed.success) throw new UsageError(`--lang ${parsed.error.issues[0]!.message} (got "${lang}")`);
  return parsed.data;
}

/** "Tokyo Story" → "tokyo-story"; empty when nothing of the name is left in Latin letters. */
function slug(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Where the editor finds the schemas: a relative path when the installed package sits inside the project
 * (node_modules/studyguide), which survives moving the project; otherwise the absolute path of the install.
 */
function schemaReference(guideDir: string): string {
  const schemaDir = path.join(PACKAGE_ROOT, 'schema');
  const project = path.dirname(path.dirname(guideDir));
  const relative = path.relative(guideDir, schemaDir);
  const inside = !path.relative(project, schemaDir).startsWith('..');
  return (inside ? relative : schemaDir).split(path.sep).join('/');
}

/** Every file under templates/new-guide/, filled in; returns the paths written, relative to `dir`. */
function writeTemplates(dir: string, model: object): string[] {
  const env = Handlebars.create();
  env.registerHelper('yaml', (value: unknown) => stringify(value, { lineWidth: 0 }).trimEnd());
  const files = (readdirSync(TEMPLATE_DIR, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => path.relative(TEMPLATE_DIR, path.join(entry.parentPath, entry.name)))
    .sort();
  return files.map((file) => {
    const template = env.compile(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'), { strict: true, noEscape: true });
    const out = file.slice(0, -'.hbs'.length);
    mkdirSync(path.dirname(path.join(dir, out)), { recursive: true });
    writeFileSync(path.join(dir, out), template(model), { flag: 'wx' });
    return out;
  });
}

// Raised by the glyph check when a value given on the command line needs a font that is not there.
const FONT_PROBLEMS = new Set(['missing-glyph', 'font-not-installed']);

/**
 * The new guide must load and compose cleanly in both editions. Only the words given on the command line
 * can make it fail (a title in a script no installed font draws): that is said as a usage error with the
 * glyph check's own words; anything else is a bug in studyguide, not the teacher's.
 */
function selfCheck(contentDir: string, name: string): void {
  const { diagnostics } = prepare({ contentDir, guides: [name], editions: EDITIONS });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return;
  if (errors.every((d) => FONT_PROBLEMS.has(d.code))) {
    const problems = [...new Map(errors.map((d) => [d.message, `  ${d.message}${d.hint ? `\n    hint: ${d.hint}` : ''}`])).values()];
    throw new UsageError(`the guide cannot be printed with the words given:\n${problems.join('\n')}`);
  }
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  throw new Error(`the guide studyguide new wrote does not pass its own check:\n${errors.map((d) => formatDiagnostic(d, read)).join('\n')}`);
}
