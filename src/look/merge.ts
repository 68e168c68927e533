// The house theme with a school's theme.yaml files laid over it (a deep merge), checked as a whole: rules across keys, the logo's alt text, contrast.
import type { Diagnostic } from '../diagnostics.js';
import { positionOf, type PathSegment } from '../content/yaml.js';
import { formatPath } from '../content/validate.js';
import { placeTheme, themeFolder, themeRoot, themeSchema, type Theme } from '../theme.js';
import { contrastDiagnostics, type Background, type TextColour } from './contrast.js';
import type { ThemeLayer } from './override.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Blocks merge key by key; anything else (a colour, a size, a list of fallback fonts) is replaced whole. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(over)) merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value);
  return merged;
}

/** The house theme with each layer over it in turn; undefined (with located problems) when the result is not a usable theme. */
export function mergeTheme(house: Theme, layers: ThemeLayer[], diagnostics: Diagnostic[]): Theme | undefined {
  if (!layers.length) return house;
  const merged = layers.reduce<unknown>((theme, layer) => deepMerge(theme, layer.data), house);
  const place = (at: PathSegment[], key = false) => placeIn(layers, at, key);
  const parsed = themeSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path as PathSegment[];
      diagnostics.push({ severity: 'error', code: 'invalid-value', message: `${formatPath(at)} ${issue.message.replace(/^Invalid input: expected \w+, received undefined$/, 'is required')}`, ...place(at, true) });
    }
    return undefined;
  }
  const theme = parsed.data;
  const before = diagnostics.length;
  checkLogoAlt(theme, place, diagnostics);
  diagnostics.push(...contrastDiagnostics(theme.colours, (text, background) => blameFor(layers, text, background), (key) => colourPlace(layers, key)));
  if (diagnostics.length > before) return undefined;
  const fallbackLayer = layers.findLast((layer) => 'fallback_fonts' in layer.data);
  if (fallbackLayer) placeTheme(theme, fallbackLayer.dir, fallbackLayer.dir);
  else placeTheme(theme, themeFolder(house), themeRoot(house));
  return theme;
}

/** A logo stands for the school: a reader who cannot see it is told whose it is. */
function checkLogoAlt(theme: Theme, place: (at: PathSegment[], key?: boolean) => Pick<Diagnostic, 'file' | 'line' | 'column'>, diagnostics: Diagnostic[]): void {
  if (!theme.logo || theme.logo.alt?.trim()) return;
  const message = theme.logo.alt === undefined ? 'logo.alt is required: the logo needs alt text' : 'logo.alt is blank: the logo needs alt text';
  const at = theme.logo.alt === undefined ? ['logo'] : ['logo', 'alt'];
  diagnostics.push({ severity: 'error', code: 'logo-alt', message, ...place(at, theme.logo.alt === undefined), hint: 'add "alt:" under logo saying whose logo it is, e.g. alt: "Northfield Academy crest", for readers who cannot see it' });
}

/** The last layer that sets the value (or the block holding it) is where a problem with it is reported. */
function placeIn(layers: ThemeLayer[], at: PathSegment[], key: boolean): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const layer = layers.findLast((l) => at.length === 0 || at[0]! in l.data) ?? layers[layers.length - 1]!;
  return { file: layer.source.file, ...positionOf(layer.source, at, { key }) };
}

const setsColour = (layers: ThemeLayer[], key: string) => layers.findLastIndex((layer) => isPlainObject(layer.data.colours) && key in layer.data.colours);

/** A pair is blamed on its text colour, unless a later file than the one setting it changed the background. */
function blameFor(layers: ThemeLayer[], text: TextColour, background: Background): 'text' | 'background' {
  return background !== 'page' && setsColour(layers, background) > setsColour(layers, text) ? 'background' : 'text';
}

/** The line of the last file that set the colour (the last file at all, when the house theme set it). */
function colourPlace(layers: ThemeLayer[], key: TextColour | Background): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const layer = layers[setsColour(layers, key)] ?? layers[layers.length - 1]!;
  return { file: layer.source.file, ...positionOf(layer.source, ['colours', key]) };
}
