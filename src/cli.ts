// argv → options → build(); the only place that prints or exits. Exit codes: 0 ok, 1 content errors, 2 usage, 70 bug.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { build, buildPack, type BuildResult } from './build.js';
import { anyCase, editionsOf, parseFormats, themeDirOf, THEME_OPTION, toOptions, type CommonFlags } from './cli-options.js';
import type { Edition } from './compose/compose.js';
import { formatDiagnostic, hasErrors, sortDiagnostics, sourceOnDisk, UsageError, UserError, type Diagnostic } from './diagnostics.js';
import { DEFAULT_FORMATS, DEFAULT_PACK_FORMATS, FORMATS, PACK_FORMATS, QUESTION_BANK_FORMATS } from './plan.js';
import { createGuide, type NewGuide } from './new-guide.js';
import { checkPacks, PACKAGE_ROOT, prepare } from './prepare.js';
import { findGuides } from './content/load.js';
import { PAPER_CHOICES, type Paper } from './theme.js';
import { abandonWrites } from './write.js';

export const EXIT = { ok: 0, content: 1, usage: 2, internal: 70 } as const;
type ExitCode = (typeof EXIT)[keyof typeof EXIT];

function version(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function report(diagnostics: Diagnostic[]): void {
  for (const d of sortDiagnostics(diagnostics)) process.stderr.write(`${formatDiagnostic(d, sourceOnDisk)}\n\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length) process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(2)} MB`;
}

/** Reports problems, then one line per file written: path, size and time. */
function printWritten(result: BuildResult): ExitCode {
  report(result.diagnostics);
  if (hasErrors(result.diagnostics)) return EXIT.content;
  for (const file of result.files) {
    const shown = path.relative(process.cwd(), file.path) || file.path;
    process.stdout.write(`wrote ${shown}  ${formatSize(file.bytes.length)}  ${Math.round(file.milliseconds)} ms\n`);
  }
  return EXIT.ok;
}

function check(guides: string[], flags: CommonFlags): ExitCode {
  const { prepared, diagnostics } = prepare(toOptions(guides, { ...flags, out: 'output', format: 'pdf' }, false));
  // With no guide named, the course packs in content/packs/ are checked as well (when the guides themselves are sound).
  const packs = prepared && !guides.length ? checkPacks(path.resolve(flags.content), prepared) : undefined;
  diagnostics.push(...(packs?.diagnostics ?? []));
  report(diagnostics);
  if (!prepared || hasErrors(diagnostics)) return EXIT.content;
  const names = [...new Set(prepared.guides.map((g) => g.id))];
  const packList = packs?.composed.size ? `; packs: ${[...packs.composed].map(([id, count]) => `${id} (${count} editions composed)`).join(', ')}` : '';
  process.stdout.write(`ok: ${names.join(', ')} (${prepared.documents.length} editions composed)${packList}\n`);
  return EXIT.ok;
}

function printNextSteps(made: NewGuide, name: string, title: string, content: string): void {
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  const contentFlag = path.resolve(content) === path.resolve('content') ? '' : ` --content ${content}`;
  for (const file of made.files) process.stdout.write(`wrote ${shown(file)}\n`);
  process.stdout.write(
    [
      '',
      `The guide to ${title.trim()} builds as it is. Next:`,
      `  1. Open the files in ${shown(made.dir)}/ and write your own words wherever a text begins "Replace this:";`,
      '     the comment above each part says what goes there. Until then, check and build warn about them.',
      `  2. studyguide check ${name}${contentFlag}    checks what you wrote, in a second or two`,
      `  3. studyguide build ${name}${contentFlag}    makes the PDF, EPUB, web page, Word files, booklet and handout in output/${name}/`,
      '',
    ].join('\n'),
  );
}

interface PreviewFlags {
  content: string;
  theme?: string;
  edition: Edition;
  paper: Paper;
  pdf: boolean;
  port: string;
}

/** Runs until stopped (Ctrl-C); every rebuild prints one line, and its problems as `build` would. */
async function preview(guide: string | undefined, flags: PreviewFlags): Promise<ExitCode> {
  const contentDir = path.resolve(flags.content);
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${flags.port}")`);
  const guides = findGuides(contentDir);
  const chosen = guide ?? (guides.length === 1 ? guides[0] : undefined);
  if (!chosen) throw new UsageError(guides.length ? `name the guide to preview: ${guides.join(', ')}` : `no guide folders (with a guide.yaml) in ${flags.content}`);
  const { startPreview } = await import('./preview/server.js');
  const onRebuild = (rebuild: { diagnostics: Diagnostic[]; milliseconds: number; cause: string }) => {
    report(rebuild.diagnostics);
    const what = rebuild.cause === 'start' ? 'built' : `rebuilt after ${path.relative(process.cwd(), rebuild.cause)} changed`;
    process.stdout.write(`${what} in ${Math.round(rebuild.milliseconds)} ms${hasErrors(rebuild.diagnostics) ? ' (with errors: the last good page stays up)' : ''}\n`);
  };
  const server = await startPreview({ contentDir, templatesDir: path.join(PACKAGE_ROOT, 'templates'), themeDir: themeDirOf(flags), guide: chosen, edition: flags.edition, paper: flags.paper, pdf: flags.pdf, port, onRebuild });
  process.stdout.write(`previewing ${chosen} (${flags.edition} edition) at ${server.url}; press Ctrl-C to stop\n`);
  await new Promise(() => {});
  return EXIT.ok;
}

type Exit = { code: ExitCode };

/** --content as build, check, export, preview and new take it: the folder of guide folders, ./content unless said. */
const CONTENT_OPTION: [description: string, fallback: string] = ['folder holding one folder per guide', 'content'];

/** The command line, one function per command below; each action stores its exit code in `exit`. */
function program(exit: Exit): Command {
  const cli = new Command('studyguide')
    .description('Compile film study guides from YAML content and Handlebars templates into PDF, EPUB, a web page, Word files and question banks for learning platforms.')
    .version(version(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const add of [buildCommand, packCommand, exportCommand, previewCommand, checkCommand, newCommand]) add(cli, exit);
  return cli;
}

/** The options build, pack and check share. A pack finds its guides beside its own packs/ folder, so for `pack` --content has no fixed default. */
function withCommonOptions(command: Command, content: [description: string, fallback?: string] = CONTENT_OPTION): Command {
  return command
    .option('--content <dir>', ...content)
    .option(...THEME_OPTION)
    .addOption(anyCase(new Option('--edition <edition>', 'which edition to make'), ['student', 'teacher', 'all']).default('all'))
    .addOption(anyCase(new Option('--paper <size>', 'paper size of the PDF (a5 is the booklet page); other than a4, it is named in the file names'), PAPER_CHOICES).default('a4'));
}

function buildCommand(cli: Command, exit: Exit): void {
  withCommonOptions(cli.command('build').argument('[guide...]', 'guide folder names (default: every guide)'))
    .description('build each guide into the output folder: PDF, EPUB, web page and Word file of each edition, the booklet and the handout')
    .option('--out <dir>', 'output folder', 'output')
    .option('--format <list>', `comma-separated formats: ${FORMATS.join(',')}`, DEFAULT_FORMATS.join(','))
    .action(async (guides: string[], flags: CommonFlags) => void (exit.code = printWritten(await build(toOptions(guides, flags, true)))));
}

function packCommand(cli: Command, exit: Exit): void {
  withCommonOptions(cli.command('pack').argument('<pack-file>', 'a course pack file, e.g. content/packs/war-and-after.yaml'), ['folder holding the guides the pack lists (default: the folder that holds packs/)'])
    .description('build one PDF and one EPUB per edition of a course pack: several guides under one title page and contents')
    .option('--out <dir>', 'output folder', 'output')
    .option('--format <list>', `comma-separated formats: ${PACK_FORMATS.join(',')}`, DEFAULT_PACK_FORMATS.join(','))
    .action(async (packFile: string, flags: Omit<CommonFlags, 'content'> & { content?: string }) => {
      const result = await buildPack({
        packFile: path.resolve(packFile),
        contentDir: flags.content === undefined ? undefined : path.resolve(flags.content),
        themeDir: themeDirOf(flags),
        outDir: path.resolve(flags.out),
        editions: editionsOf(flags.edition),
        formats: parseFormats(flags.format, PACK_FORMATS),
        paper: flags.paper,
        write: true,
      });
      exit.code = printWritten(result);
    });
}

function exportCommand(cli: Command, exit: Exit): void {
  cli
    .command('export')
    .argument('[guide...]', 'guide folder names (default: every guide)')
    .description('write the questions as banks for learning platforms: Moodle XML, QTI 2.1 (Canvas) and IMS Common Cartridge 1.3')
    .option('--content <dir>', ...CONTENT_OPTION)
    .option('--out <dir>', 'output folder', 'output')
    .option('--to <list>', `comma-separated: ${QUESTION_BANK_FORMATS.join(',')}`, QUESTION_BANK_FORMATS.join(','))
    .option(...THEME_OPTION)
    .action(async (guides: string[], flags: { content: string; out: string; to: string; theme?: string }) => {
      // Checked against the question banks first, so a mistyped --to is answered with the banks' names.
      const formats = parseFormats(flags.to, QUESTION_BANK_FORMATS);
      exit.code = printWritten(await build(toOptions(guides, { ...flags, format: formats.join(','), edition: 'teacher', paper: 'a4' }, true)));
    });
}

function previewCommand(cli: Command, exit: Exit): void {
  cli
    .command('preview')
    .argument('[guide]', 'guide folder name (default: the only guide in --content)')
    .description('serve the guide\'s web page on this computer (http://127.0.0.1), rebuilt and reloaded on every save, with errors shown in the page')
    .option('--content <dir>', ...CONTENT_OPTION)
    .option(...THEME_OPTION)
    .addOption(anyCase(new Option('--edition <edition>', 'which edition to show'), ['student', 'teacher']).default('student'))
    .addOption(anyCase(new Option('--paper <size>', 'paper size of the PDF'), PAPER_CHOICES).default('a4'))
    .option('--pdf', 'rebuild the PDF on every save too (at /guide.pdf)', false)
    .option('--port <number>', 'port to serve on (0: any free port)', '4173')
    .action(async (guide: string | undefined, flags: PreviewFlags) => void (exit.code = await preview(guide, flags)));
}

function checkCommand(cli: Command, exit: Exit): void {
  withCommonOptions(cli.command('check').argument('[guide...]', 'guide folder names (default: every guide)'))
    .description('validate content and templates without rendering')
    .action((guides: string[], flags: CommonFlags) => void (exit.code = check(guides, flags)));
}

function newCommand(cli: Command): void {
  cli
    .command('new')
    .argument('<name>', 'the new guide\'s folder name, e.g. tokyo-story: it names the output files too')
    .description('start a guide for another film: writes content/<name>/ (creating content/ if needed), a guide that builds at once, with placeholders to replace')
    .requiredOption('--title <text>', 'the film\'s English title (required)')
    .requiredOption('--director <name>', 'who directed the film (required)')
    .requiredOption('--year <year>', 'the year of release (required)')
    .option('--original-title <text>', 'the title in the film\'s own language (give --lang with it)')
    .option('--lang <tag>', 'the language tag of the original title, e.g. ja, fr, ru')
    .option('--content <dir>', ...CONTENT_OPTION)
    .addHelpText('after', '\nRun it in your project folder: `studyguide new tokyo-story --title "Tokyo Story" --director "Yasujirō Ozu" --year 1953`\nwrites content/tokyo-story/guide.yaml and content/tokyo-story/themes/first-theme.yaml. It never writes over an existing folder.')
    .action((name: string, flags: { content: string; title: string; director: string; year: string; originalTitle?: string; lang?: string }) => {
      const made = createGuide({ name, contentDir: path.resolve(flags.content), ...flags });
      printNextSteps(made, name, flags.title, flags.content);
    });
}

/** Runs the command line and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  const exit: Exit = { code: EXIT.ok };
  try {
    await program(exit).parseAsync(argv);
    return exit.code;
  } catch (error) {
    return handleError(error);
  }
}

export function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof UserError) {
    report(error.diagnostics);
    return EXIT.content;
  }
  process.stderr.write(
    `studyguide hit an internal error. This is a bug in studyguide, not in your content; please report it with the text below.\n\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  return EXIT.internal;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Ctrl-C, a kill, or an error thrown where no caller can catch it (a library failing inside a callback):
 * this run's temporary files and lock are removed and the process ends with a clear message. Outputs are
 * only ever replaced by renames after every file is made, so the last good ones are already safe.
 */
export function installSafetyHandlers(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      abandonWrites();
      process.stderr.write(`\nstopped (${signal}); the outputs of the last good build are unchanged\n`);
      process.exit(code);
    });
  }
  const crash = (error: unknown) => {
    abandonWrites();
    process.exit(handleError(error));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
