// The command line's options turned into build options: formats, editions, paper and theme as a teacher types them (any case), usage mistakes as UsageError.
import path from 'node:path';
import { InvalidArgumentError, type Option } from 'commander';
import type { BuildOptions } from './build.js';
import { EDITIONS, type Edition } from './compose/compose.js';
import { UsageError } from './diagnostics.js';
import { FORMATS, QUESTION_BANK_FORMATS, STUDENT_ONLY_FORMATS, type Format } from './plan.js';
import type { Paper } from './theme.js';

export interface CommonFlags {
  out: string;
  content: string;
  theme?: string;
  edition: 'student' | 'teacher' | 'all';
  format: string;
  paper: Paper;
}

export function parseFormats(value: string, allowed: readonly Format[]): Format[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase());
  const unknown = formats.filter((f) => !(allowed as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`unknown format ${unknown.map((f) => `"${f}"`).join(', ')}; choose from ${allowed.join(', ')}`);
  return [...new Set(formats)] as Format[];
}

/** A choice typed in any case (--paper A4, --edition Teacher), as the README and a teacher write it. */
export function anyCase(option: Option, choices: readonly string[]): Option {
  return option.choices(choices).argParser((value: string) => {
    const lower = value.toLowerCase();
    if (!choices.includes(lower)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return lower;
  });
}

export const editionsOf = (flag: CommonFlags['edition']): readonly Edition[] => (flag === 'all' ? EDITIONS : [flag]);

export function toOptions(guides: string[], flags: CommonFlags, write: boolean): BuildOptions {
  const formats = parseFormats(flags.format, FORMATS);
  // Otherwise the run would make nothing and say nothing.
  const only = (edition: string, some: readonly Format[]) => {
    if (formats.every((f) => some.includes(f))) throw new UsageError(`${formats.join(' and ')} ${formats.length === 1 ? 'is' : 'are'} made from the ${edition} edition only; use --edition ${edition} (or all)`);
  };
  if (flags.edition === 'teacher') only('student', STUDENT_ONLY_FORMATS);
  if (flags.edition === 'student') only('teacher', QUESTION_BANK_FORMATS);
  return { contentDir: path.resolve(flags.content), outDir: path.resolve(flags.out), themeDir: themeDirOf(flags), guides, editions: editionsOf(flags.edition), formats, paper: flags.paper, write };
}

export const THEME_OPTION = ['--theme <dir>', 'a school\'s look for every guide: a folder holding theme.yaml (colours, fonts, sizes, logo) and templates/'] as const;

export function themeDirOf(flags: { theme?: string }): string | undefined {
  return flags.theme === undefined ? undefined : path.resolve(flags.theme);
}
