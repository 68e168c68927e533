// npm run verify: checks the built outputs with the real outside tools (EPUBCheck, Ace, Calibre, Chromium, qpdf, poppler, LibreOffice, xmllint).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { ace, calibre, epubcheck } from './epub.js';
import { pdffonts, pdfUa, qpdf, qrCode } from './pdf.js';
import { libreOffice, wellFormed } from './teacher-files.js';
import { MissingTool, problem, type Check, type CheckContext, type CheckResult } from './tools.js';

const OUTPUT = path.resolve(process.argv[2] ?? 'output');
const CONTEXT: CheckContext = {
  reports: path.join(OUTPUT, 'verify'),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};

const browser: Check = async (file, context) => {
  const { checkInBrowser } = await import('./browser.js');
  return checkInBrowser(file, context);
};

const CHECKS: Record<string, { name: string; check: Check; only?: (file: string) => boolean }[]> = {
  '.epub': [
    { name: 'EPUBCheck', check: epubcheck },
    { name: 'Ace', check: ace },
    { name: 'Calibre', check: calibre },
  ],
  '.pdf': [
    { name: 'qpdf', check: qpdf },
    { name: 'pdffonts', check: pdffonts },
    // The booklet is sheets for the printer, each a pair of the student PDF's pages: that PDF is the one to read.
    // A paper other than A4 is named after the kind: beanpole-student-booklet-letter.pdf.
    { name: 'PDF/UA', check: pdfUa, only: (file: string) => !/-booklet(-[a-z0-9]+)?\.pdf$/.test(file) },
    { name: 'QR code', check: qrCode, only: (file: string) => /-handout(-[a-z0-9]+)?\.pdf$/.test(file) },
  ],
  '.html': [{ name: 'Chromium', check: browser }],
  '.docx': [{ name: 'LibreOffice', check: libreOffice }],
  '.xml': [{ name: 'xmllint', check: wellFormed }],
  '.zip': [{ name: 'xmllint', check: wellFormed }],
  '.imscc': [{ name: 'xmllint', check: wellFormed }],
};

/** A check that cannot run (a tool missing, a file no reader can open) fails with what went wrong. */
async function runCheck(check: Check, file: string): Promise<CheckResult> {
  try {
    return await check(file, CONTEXT);
  } catch (error) {
    const hint = error instanceof MissingTool ? { hint: error.hint } : {};
    return { diagnostics: [problem(file, error instanceof MissingTool ? 'tool-missing' : 'check-failed', (error as Error).message, hint)], summary: 'could not check' };
  }
}

/** One line per check, then its problems; a check fails on any problem, warnings included (EPUBCheck runs with --failonwarnings). */
function printResult(name: string, file: string, { diagnostics, summary }: CheckResult, seconds: string): void {
  const ok = diagnostics.length === 0;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(9)} ${path.relative(process.cwd(), file)}: ${summary} (${seconds} s)\n`);
  for (const diagnostic of diagnostics) {
    for (const line of formatDiagnostic(diagnostic, () => undefined).split('\n')) process.stdout.write(`        ${line}\n`);
  }
}

/** The built files, a folder for each guide (and packs/ a folder for each pack), in a steady order. */
function outputFiles(dir = OUTPUT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && !(dir === OUTPUT && d.name === 'verify'))
    .flatMap((d) => (d.isDirectory() ? outputFiles(path.join(dir, d.name)) : dir === OUTPUT ? [] : [path.join(dir, d.name)]))
    .filter((f) => CHECKS[path.extname(f)])
    .sort();
}

async function main(): Promise<number> {
  if (!existsSync(OUTPUT)) {
    process.stderr.write(`error: no ${OUTPUT} folder; run npm run build first\n`);
    return 1;
  }
  mkdirSync(CONTEXT.reports, { recursive: true });
  const files = outputFiles();
  let failures = 0;
  for (const file of files) {
    for (const { name, check, only } of CHECKS[path.extname(file)]!) {
      if (only && !only(file)) continue;
      const start = performance.now();
      const result = await runCheck(check, file);
      if (result.diagnostics.length) failures++;
      printResult(name, file, result, ((performance.now() - start) / 1000).toFixed(1));
    }
  }
  if (files.length === 0) {
    process.stderr.write(`error: nothing to verify in ${OUTPUT}; run npm run build first\n`);
    return 1;
  }
  const reports = path.relative(process.cwd(), CONTEXT.reports);
  process.stdout.write(`${failures === 0 ? 'all checks passed' : `${failures} check${failures === 1 ? '' : 's'} failed`}; reports in ${reports}\n`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
