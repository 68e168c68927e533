// Reads templates/theme.yaml, the single place for fonts, sizes, colours, spacing and page sizes.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserError, type Diagnostic } from './diagnostics.js';
import { validateFile } from './content/validate.js';
import { positionOf, readYamlFile, type SourceFile } from './content/yaml.js';
import { locateFont } from './fonts/locate.js';
import { fallbackFontSchema } from './fonts/schema.js';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const fontFiles = z.strictObject({ regular: z.string(), italic: z.string(), bold: z.string(), bold_italic: z.string() });
const margins = z.strictObject({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() });
// A named pdfkit size, or [width, height] in points (half-letter has no pdfkit name).
const page = z.strictObject({ size: z.union([z.enum(['A4', 'LETTER', 'A5']), z.tuple([z.number(), z.number()])]), margins });

const themeSchema = z.strictObject({
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
});

export type Theme = z.infer<typeof themeSchema>;
export type FontFace = keyof Theme['fonts']['serif'];
export type Paper = keyof Theme['pages'];

/** Loads and validates the theme; a broken theme is a user error located in theme.yaml. */
export function loadTheme(file: string): Theme {
  const diagnostics: Diagnostic[] = [];
  const source = readYamlFile(file, diagnostics);
  const theme = source && source.data !== undefined ? validateFile(source, themeSchema, diagnostics) : undefined;
  if (theme) checkFallbackFiles(theme, source!, path.dirname(file), diagnostics);
  if (!theme || diagnostics.length) throw new UserError(diagnostics);
  themeFolders.set(theme, path.dirname(file));
  return theme;
}

const themeFolders = new WeakMap<Theme, string>();
const DEFAULT_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');

/** The folder theme.yaml was read from: local font paths in it are read from there. */
export function themeFolder(theme: Theme): string {
  return themeFolders.get(theme) ?? DEFAULT_TEMPLATES;
}

/**
 * A fallback font's file that is missing, outside the project or in a web format is a mistake in the
 * theme, reported at its line. A package that is not installed is not: it is needed only when a guide
 * uses its script, and then the guide is told which package to add.
 */
function checkFallbackFiles(theme: Theme, source: SourceFile, dir: string, diagnostics: Diagnostic[]): void {
  theme.fallback_fonts.forEach((font, index) => {
    for (const [face, spec] of Object.entries(font.files)) {
      if (!spec) continue;
      const where = locateFont(spec, { baseDir: dir, root: path.dirname(dir) });
      if (!('problem' in where) || where.problem.code === 'font-not-installed') continue;
      const { code, message, hint } = where.problem;
      diagnostics.push({ severity: 'error', code, message, hint, file: source.file, ...positionOf(source, ['fallback_fonts', index, 'files', face]) });
    }
  });
}

const requireFromHere = createRequire(import.meta.url);

/** Absolute path of a font named in the theme by its installed package path. */
export function resolveFontFile(packagePath: string): string {
  return requireFromHere.resolve(packagePath);
}
