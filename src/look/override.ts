// One school's theme.yaml: checked against a partial copy of the theme's schema, its font files found inside its own folder.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { closest } from '../content/did-you-mean.js';
import { formatPath, validateFile } from '../content/validate.js';
import { positionOf, readYamlFile, type PathSegment, type SourceFile } from '../content/yaml.js';
import { locateFont } from '../fonts/locate.js';
import { openFont } from '../font-files.js';
import { fontFileProblem, themeObjectSchema } from '../theme.js';

/** A theme.yaml laid over the house theme: its folder, its file, and its values with font paths made absolute. */
export interface ThemeLayer {
  dir: string;
  /** What the messages call the folder ("the guide's folder", "the theme folder"). */
  folderName: string;
  source: SourceFile;
  data: Record<string, unknown>;
}

type Schema = z.ZodType;

/** Every key optional, at every depth, and no key the theme does not have: an override names only what it changes. */
function deepPartial(schema: Schema): Schema {
  let inner = schema as Schema & { _zod: { def: { type: string; innerType?: Schema; shape?: Record<string, Schema> } } };
  while (['optional', 'default'].includes(inner._zod.def.type)) inner = inner._zod.def.innerType as typeof inner;
  if (inner._zod.def.type !== 'object') return inner;
  return z.strictObject(Object.fromEntries(Object.entries(inner._zod.def.shape!).map(([key, field]) => [key, deepPartial(field).optional()])));
}

export const overrideSchema = deepPartial(themeObjectSchema);

/** The JSON Schema of a school's theme.yaml (schema/look.schema.json), so an editor completes its keys. */
export function lookJsonSchema(): unknown {
  return z.toJSONSchema(overrideSchema, { target: 'draft-7' });
}

/** Hints in a theme's own terms: colours in hex, sizes in points without a unit. */
function themeHint(message: string): string | undefined {
  if (/must be a colour written #rrggbb/.test(message)) return 'write # and six hexadecimal digits, e.g. "#1d3557" (a colour picker, or the school’s style guide, gives them)';
  const unit = /must be a number \(got string "(\d+(?:\.\d+)?)\s*(pt|px|em|mm)"\)/.exec(message);
  if (unit) return `write the number alone, without "${unit[2]}": sizes and spacing are in points, e.g. ${unit[1]}`;
  return undefined;
}

/** Reads and checks one theme.yaml; undefined (with the problems in `diagnostics`) when it cannot be used. */
export function readThemeLayer(file: string, folderName: string, diagnostics: Diagnostic[]): ThemeLayer | undefined {
  const dir = path.dirname(file);
  const source = readYamlFile(file, diagnostics, dir);
  if (!source || source.data === undefined) return undefined;
  if (source.data === null) return { dir, folderName, source, data: {} };
  const found: Diagnostic[] = [];
  const data = validateFile(source, overrideSchema, found) as Record<string, unknown> | undefined;
  for (const d of found) d.hint = themeHint(d.message) ?? d.hint;
  diagnostics.push(...found);
  if (!data) return undefined;
  const before = diagnostics.length;
  const layer = { dir, folderName, source, data: structuredClone(data) };
  resolveFaces(layer, diagnostics);
  resolveFallbackFiles(layer, diagnostics);
  return diagnostics.length > before ? undefined : layer;
}

/** fonts.<family>.<face>: a file inside the folder ("./fonts/School-Regular.ttf") or of an installed package; made absolute. */
function resolveFaces(layer: ThemeLayer, diagnostics: Diagnostic[]): void {
  const fonts = (layer.data.fonts ?? {}) as Record<string, Record<string, string>>;
  for (const [family, faces] of Object.entries(fonts)) {
    for (const [face, spec] of Object.entries(faces)) {
      const at = ['fonts', family, face];
      const found = fontInFolder(layer, spec, at, diagnostics);
      if (found) faces[face] = found;
    }
  }
}

/** fallback_fonts[i].files.<face>: the same rules; the chain reads local paths from this folder (see placeTheme). */
function resolveFallbackFiles(layer: ThemeLayer, diagnostics: Diagnostic[]): void {
  const fallbacks = (layer.data.fallback_fonts ?? []) as { files: Record<string, string> }[];
  fallbacks.forEach((font, index) => {
    for (const [face, spec] of Object.entries(font.files)) {
      if (!isLocal(spec)) continue;
      const at = ['fallback_fonts', index, 'files', face];
      fontInFolder(layer, spec, at, diagnostics);
    }
  });
}

const isLocal = (spec: string) => spec.startsWith('./') || spec.startsWith('../');
const looksAbsolute = (spec: string) => path.isAbsolute(spec) || /^[a-z]:[\\/]|^\\\\|^[a-z][a-z0-9+.-]*:\/\//i.test(spec);

/** The absolute path of a usable font, or undefined after one located error saying what to do. */
function fontInFolder(layer: ThemeLayer, spec: string, at: PathSegment[], diagnostics: Diagnostic[]): string | undefined {
  const report = (code: string, message: string, hint: string) =>
    void diagnostics.push({ severity: 'error', code, message: `${formatPath(at)}: ${message}`, file: layer.source.file, ...positionOf(layer.source, at), hint });
  const inside = `copy the font into ${layer.folderName} (e.g. into fonts/) and write its path from there, e.g. "./fonts/School-Regular.ttf"`;
  if (looksAbsolute(spec)) return report('font-outside', `"${spec}" is not a path inside ${layer.folderName}`, inside);
  if (!isLocal(spec)) return packageFont(layer, spec, report);
  const full = path.resolve(layer.dir, spec);
  // Checked before the file is looked for: whether something exists outside the folder is none of its business.
  if (!within(layer.dir, full) || (existsSync(full) && !within(realpathSync(layer.dir), realpathSync(full)))) return report('font-outside', `the font file "${spec}" is outside ${layer.folderName}`, inside);
  if (!existsSync(full)) return report('font-missing', `the font file "${spec}" does not exist`, missingHint(layer, spec));
  const where = locateFont(spec, { baseDir: layer.dir, root: layer.dir });
  if ('problem' in where) return report(where.problem.code, where.problem.message, where.problem.hint);
  try {
    if (openFont(where.path).familyName) return where.path;
  } catch {
    // reported below
  }
  return report('bad-font', `"${spec}" is not a font file that can be read (it needs TTF or OTF)`, 'save the font again as .ttf or .otf, or use another file of the same font');
}

/** A near name in the same folder (capitals, a typo), or where the file should be. */
function missingHint(layer: ThemeLayer, spec: string): string {
  const dir = path.resolve(layer.dir, path.dirname(spec));
  const nearby = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : [];
  const near = closest(path.basename(spec), nearby);
  if (near) return `did you mean "${path.posix.join(path.posix.dirname(spec), near)}"? (names must match exactly, capitals too)`;
  return `put the font at ${spec} in ${layer.folderName} (paths are read from the folder of theme.yaml), or correct the path`;
}

function packageFont(layer: ThemeLayer, spec: string, report: (code: string, message: string, hint: string) => undefined): string | undefined {
  const problem = fontFileProblem(spec);
  if (!problem) return spec;
  const local = existsSync(path.join(layer.dir, spec)) ? `write "./${spec}" for the file in ${layer.folderName}` : undefined;
  return report('bad-font', problem, local ?? 'name a .ttf or .otf file inside the folder ("./fonts/School-Regular.ttf") or inside an installed package ("@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf")');
}

function within(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
