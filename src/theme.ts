// Reads templates/theme.yaml, the single place for fonts, sizes, colours, spacing and page sizes.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserError, type Diagnostic } from './diagnostics.js';
import { validateFile } from './content/validate.js';
import { positionOf, readYamlFile, type SourceFile } from './content/yaml.js';
import { openFont, resolveFontFile } from './font-files.js';
import { locateFont } from './fonts/locate.js';
import { fallbackFontSchema, type FallbackFont } from './fonts/schema.js';
import { contrastDiagnostics } from './look/contrast.js';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const fontFiles = z.strictObject({ regular: z.string(), italic: z.string(), bold: z.string(), bold_italic: z.string() });
const margins = z.strictObject({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() });
// A named pdfkit size, or [width, height] in points (half-letter has no pdfkit name).
/** The papers `--paper` may choose; half-letter is only ever a booklet's page. */
export const PAPER_CHOICES = ['a4', 'letter', 'a5'] as const;
const paperName = z.enum(['a4', 'letter', 'a5', 'half_letter']);
const page = z.strictObject({
  /** How the paper is called in words ("US Letter"), e.g. where the EPUB cites its print edition. */
  name: z.string(),
  size: z.union([z.enum(['A4', 'LETTER', 'A5']), z.tuple([z.number(), z.number()])]),
  margins,
  /** The page a screening booklet is laid out on when printing on this paper. */
  booklet: paperName.optional(),
  /** The paper of the one-sheet handout when this paper is chosen. */
  handout: paperName.optional(),
  /** For a booklet page: the landscape sheet, in points, that two of them are imposed on. */
  sheet: z.tuple([z.number(), z.number()]).optional(),
});

/** A school's logo on the title page, the e-book cover and the handout: a PNG or SVG beside the theme.yaml that names it. */
const logo = z.strictObject({
  file: z.string().min(1),
  /** Required: checked when the look is loaded, where the message can say what to write. */
  alt: z.string().optional(),
  /** Its height on the printed title page, in points (the handout's is two thirds of it). */
  height: z.number().min(12).max(200).optional(),
});

/** Every key theme.yaml may have, before the rules across keys: a school's override is checked against a partial copy of it. */
export const themeObjectSchema = z.strictObject({
  fonts: z.strictObject({ serif: fontFiles, sans: fontFiles }),
  fallback_fonts: z.array(fallbackFontSchema).default([]),
  sizes: z.strictObject({
    body: z.number(),
    small: z.number(),
    title: z.number(),
    subtitle: z.number(),
    h1: z.number(),
    h2: z.number(),
    h3: z.number(),
  }),
  line_height: z.number().min(1).max(3),
  colours: z.strictObject({
    text: hex,
    muted: hex,
    heading: hex,
    accent: hex,
    rule: hex,
    callout_background: hex,
    callout_border: hex,
    guidance_background: hex,
  }),
  spacing: z.strictObject({
    paragraph: z.number(),
    heading_before: z.number(),
    heading_after: z.number(),
    list_indent: z.number(),
    callout_padding: z.number(),
    write_in_line: z.number(),
  }),
  pages: z.strictObject({ a4: page, letter: page, a5: page, half_letter: page }),
  logo: logo.optional(),
});

export const themeSchema = themeObjectSchema.superRefine((theme, context) => {
  for (const name of PAPER_CHOICES) {
    const booklet = theme.pages[name].booklet ?? name;
    if (!theme.pages[booklet].sheet) {
      context.addIssue({ code: 'custom', path: ['pages', name, 'booklet'], message: `pages.${booklet} needs a sheet: [width, height] to impose the booklet on` });
    }
  }
});

export type Theme = z.infer<typeof themeSchema>;
export type FontFace = keyof Theme['fonts']['serif'];
export type Paper = keyof Theme['pages'];

/** Page sizes pdfkit knows by name, in points. */
const NAMED_SIZES = { A4: [595.28, 841.89], LETTER: [612, 792], A5: [419.53, 595.28] } as const;

/** A page's width and height in points, whether theme.yaml names its size or gives it. */
export function pageSize(page: Theme['pages'][Paper]): readonly [width: number, height: number] {
  return typeof page.size === 'string' ? NAMED_SIZES[page.size] : page.size;
}

/** What one --paper choice prints on: the guide's pages, the booklet's page and sheet, the handout's page. */
export interface PrintSizes {
  document: Paper;
  booklet: Paper;
  /** Width and height in points of the landscape sheet the booklet is imposed on. */
  sheet: readonly [number, number];
  handout: Paper;
}

/** The one place papers are mapped: read from theme.yaml, so a school's theme can change any of them. */
export function printSizes(theme: Theme, paper: Paper): PrintSizes {
  const page = theme.pages[paper];
  const booklet = page.booklet ?? paper;
  // loadTheme has checked that every booklet page names its sheet.
  return { document: paper, booklet, sheet: theme.pages[booklet].sheet!, handout: page.handout ?? paper };
}

/** Loads and validates the theme; a broken theme is a user error located in theme.yaml. */
export function loadTheme(file: string): Theme {
  const diagnostics: Diagnostic[] = [];
  const source = readYamlFile(file, diagnostics);
  const theme = source && source.data !== undefined ? validateFile(source, themeSchema, diagnostics) : undefined;
  if (theme && source) {
    checkFontFiles(theme, source, diagnostics);
    checkFallbackFiles(theme.fallback_fonts, source, path.dirname(file), diagnostics);
    diagnostics.push(...contrastDiagnostics(theme.colours, () => 'text', (key) => ({ file: source.file, ...positionOf(source, ['colours', key]) })));
  }
  if (!theme || diagnostics.length) throw new UserError(diagnostics);
  placeTheme(theme, path.dirname(file));
  return theme;
}

/** Every font the theme names must be installed and be a font fontkit can read; otherwise the PDF renderer would fail halfway. */
function checkFontFiles(theme: Theme, source: SourceFile, diagnostics: Diagnostic[]): void {
  for (const [family, faces] of Object.entries(theme.fonts)) {
    for (const [face, packagePath] of Object.entries(faces)) {
      const problem = fontFileProblem(packagePath);
      if (!problem) continue;
      diagnostics.push({ severity: 'error', code: 'bad-font', message: `fonts.${family}.${face}: ${problem}`, file: source.file, ...positionOf(source, ['fonts', family, face]), hint: 'name a .ttf or .otf file inside an installed package, e.g. "@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf" (WOFF2 does not work in PDFs)' });
    }
  }
}

export function fontFileProblem(packagePath: string): string | undefined {
  try {
    resolveFontFile(packagePath);
  } catch {
    return `"${packagePath}" is not installed (no such file in node_modules)`;
  }
  try {
    // Parsed once per process and kept: the renderers use the same parsed font.
    return openFont(packagePath).familyName ? undefined : `"${packagePath}" has no family name, so it is not a usable font`;
  } catch {
    return `"${packagePath}" is not a font file fontkit can read (it needs TTF or OTF)`;
  }
}

const themeFolders = new WeakMap<Theme, { dir: string; root: string }>();
const DEFAULT_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');

/**
 * Notes where a theme's local fallback font paths are read from (`dir`) and the folder they must stay in
 * (`root`): for templates/theme.yaml the project, for a school's theme.yaml its own folder.
 */
export function placeTheme(theme: Theme, dir: string, root = path.dirname(dir)): void {
  themeFolders.set(theme, { dir, root });
}

/** The folder theme.yaml was read from: local font paths in it are read from there. */
export function themeFolder(theme: Theme): string {
  return themeFolders.get(theme)?.dir ?? DEFAULT_TEMPLATES;
}

/** The folder a theme's local font files must stay inside. */
export function themeRoot(theme: Theme): string {
  return themeFolders.get(theme)?.root ?? path.dirname(themeFolder(theme));
}

const themeKeys = new WeakMap<Theme, string>();

/**
 * A short fingerprint of everything a theme decides (its values, its font files, where its fallbacks are
 * read from): caches of laid-out text include it, so two themes in one process never share a measurement.
 */
export function themeKey(theme: Theme): string {
  let key = themeKeys.get(theme);
  if (!key) themeKeys.set(theme, (key = createHash('sha256').update(JSON.stringify([theme, themeFolder(theme), themeRoot(theme)])).digest('hex').slice(0, 16)));
  return key;
}

/**
 * A fallback font's file that is missing, outside the project or in a web format is a mistake in the
 * theme, reported at its line. A package that is not installed is not: it is needed only when a guide
 * uses its script, and then the guide is told which package to add.
 */
export function checkFallbackFiles(fonts: readonly FallbackFont[], source: SourceFile, dir: string, diagnostics: Diagnostic[], root = path.dirname(dir)): void {
  fonts.forEach((font, index) => {
    for (const [face, spec] of Object.entries(font.files)) {
      if (!spec) continue;
      const where = locateFont(spec, { baseDir: dir, root });
      if (!('problem' in where) || where.problem.code === 'font-not-installed') continue;
      const { code, message, hint } = where.problem;
      diagnostics.push({ severity: 'error', code, message, hint, file: source.file, ...positionOf(source, ['fallback_fonts', index, 'files', face]) });
    }
  });
}
