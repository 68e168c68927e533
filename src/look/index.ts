// A guide's look: the house theme and templates, with a --theme folder and then the guide's own folder laid over them (theme.yaml, logo, templates/).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadTemplates, type TemplateSet } from '../compose/templates.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Theme } from '../theme.js';
import { THEME_FILES } from '../content/files.js';
import { readLogo, type LogoView } from './logo.js';
import { mergeTheme } from './merge.js';
import { readThemeLayer, type ThemeLayer } from './override.js';
import { templateReplacements, type TemplateFolder } from './templates.js';

export interface Look {
  theme: Theme;
  templates: TemplateSet;
  logo?: LogoView;
  /** The folders laid over the house look, in order (none for the house look itself). */
  folders: string[];
}

/** A folder that may hold theme.yaml, a logo, fonts and templates/; `folderName` is what messages call it. */
export interface LookFolder {
  dir: string;
  folderName: string;
}

const themeFileIn = (dir: string) => THEME_FILES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
const isFolder = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/** Whether a folder changes anything about the look: a guide folder without theme.yaml or templates/ builds in the house look. */
export function hasOwnLook(dir: string): boolean {
  return themeFileIn(dir) !== undefined || existsSync(path.join(dir, 'templates'));
}

/** The house look: templates/theme.yaml (already loaded), its templates, and its logo if it names one. */
export function houseLook(theme: Theme, templates: TemplateSet, diagnostics: Diagnostic[]): Look {
  return { theme, templates, logo: readLogo(theme, [], templates.dir, diagnostics), folders: [] };
}

/**
 * The house look with each folder laid over it in turn; undefined when any of them has an error. The
 * house objects are kept when the folders change nothing, so a guide without a look of its own is built
 * exactly as before, and shares every cache with the other guides of the run.
 */
export function loadLook(house: Look, folders: readonly LookFolder[], diagnostics: Diagnostic[]): Look | undefined {
  const own = folders.filter((folder) => hasOwnLook(folder.dir));
  if (!own.length) return house;
  const before = diagnostics.length;
  const layers = own.flatMap((folder) => {
    const file = themeFileIn(folder.dir);
    return file ? [readThemeLayer(file, folder.folderName, diagnostics)] : [];
  });
  const replacements = templateReplacements(house.templates.dir, own.map(templatesOf), diagnostics);
  if (layers.some((layer) => !layer)) return undefined;
  const theme = mergeTheme(house.theme, layers as ThemeLayer[], diagnostics);
  if (!theme) return undefined;
  const logo = theme === house.theme ? house.logo : readLogo(theme, layers as ThemeLayer[], house.templates.dir, diagnostics);
  const templates = replacements.size ? loadTemplates(house.templates.dir, replacements) : house.templates;
  if (templates !== house.templates) diagnostics.push(...templates.diagnostics);
  if (diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  return { theme, templates, logo, folders: own.map((folder) => folder.dir) };
}

function templatesOf(folder: LookFolder): TemplateFolder {
  return { dir: path.join(folder.dir, 'templates'), folderName: folder.folderName };
}

/** A --theme folder must be a folder holding theme.yaml or templates/; template files beside them are a likely slip. */
export function checkThemeFolder(dir: string): Diagnostic[] {
  const at = { severity: 'error' as const, code: 'theme-folder', file: dir };
  if (!existsSync(dir)) return [{ ...at, message: 'the --theme folder does not exist', hint: 'name a folder holding theme.yaml (and, if you like, a logo, fonts and templates/)' }];
  if (!isFolder(dir)) return [{ ...at, message: 'the --theme folder is a file, not a folder', hint: '--theme names the folder that holds theme.yaml, not the file itself' }];
  const misplaced = ['partials', 'epub', 'html'].filter((name) => isFolder(path.join(dir, name)));
  const warnings = misplaced.map((name) => ({ ...at, severity: 'warning' as const, code: 'file-not-read', file: path.join(dir, name), message: `${name}/ is not read: template files go under templates/ in the theme folder`, hint: `move it to templates/${name}/` }));
  if (!hasOwnLook(dir)) return [...warnings, { ...at, message: 'the --theme folder holds neither theme.yaml nor templates/', hint: 'add a theme.yaml naming the colours, fonts, sizes or logo to change' }];
  return warnings;
}
