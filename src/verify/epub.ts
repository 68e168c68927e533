// The EPUB checks: EPUBCheck (the standard), Ace (accessibility) and Calibre (a real e-reader pipeline).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PACKAGE_ROOT } from '../prepare.js';
import type { Diagnostic } from '../diagnostics.js';
import { MissingTool, problem, run, type Check, type CheckResult } from './tools.js';

const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export const epubcheck: Check = (file) => {
  if (!existsSync(EPUBCHECK_JAR)) throw new MissingTool(`${EPUBCHECK_JAR} is missing`, 'apt-get install epubcheck default-jre-headless');
  // Debian's /usr/bin/epubcheck needs binfmt support, which containers often lack; the jar runs anywhere.
  const { status, out } = run('java', ['-jar', EPUBCHECK_JAR, '--failonwarnings', file], 'default-jre-headless');
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(out);
  const diagnostics = out.split('\n').flatMap((line) => epubcheckMessage(line, file));
  if (!counts) return { diagnostics: [problem(file, 'epubcheck', out.trim() || 'EPUBCheck printed nothing')], summary: 'EPUBCheck gave no summary' };
  if (status !== 0 && diagnostics.length === 0) diagnostics.push(problem(file, 'epubcheck', `EPUBCheck exited with status ${status}`));
  return { diagnostics, summary: `${counts[1]} fatal, ${counts[2]} errors, ${counts[3]} warnings` };
};

/** "ERROR(RSC-005): /…/book.epub/OEBPS/x.xhtml(12,5): message" → a Diagnostic with the place inside the book kept in the message. */
function epubcheckMessage(line: string, file: string): Diagnostic[] {
  const match = /^(FATAL|ERROR|WARNING)(?:\(([A-Z]+-\d+[a-z]?)\))?: (.*)$/.exec(line);
  if (!match) return [];
  const [, level, id, text] = match;
  const severity = level === 'WARNING' ? 'warning' : 'error';
  return [{ severity, code: 'epubcheck', message: withoutBookPath(text!, path.basename(file)), file, ...(id ? { rule: `EPUBCheck ${id}` } : {}) }];
}

/** EPUBCheck starts the message with the book's path (as given, or relative) and the file inside it: keep only the inside. */
function withoutBookPath(text: string, book: string): string {
  for (const after of ['/', ': ']) {
    const at = text.indexOf(`${book}${after}`);
    if (at >= 0) return text.slice(at + book.length + after.length);
  }
  return text;
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject'?: { url?: string }; assertions?: { 'earl:test': { 'earl:impact': string; 'dct:title': string; 'dct:description'?: string } }[] }[];
}

/** Ace's command line for one book, and the folder its report goes to: the same run everywhere Ace is used. */
export function aceCommand(file: string, reports: string): { command: string; args: string[]; reportDir: string } {
  const reportDir = path.join(reports, 'ace', path.basename(file, '.epub'));
  return { command: path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'ace-cli'), args: ['--force', '--silent', '--outdir', reportDir, file], reportDir };
}

export const ace: Check = (file, { reports, chromium }) => {
  const { command, args, reportDir } = aceCommand(file, reports);
  if (!existsSync(chromium)) throw new MissingTool(`${chromium} is missing`, 'apt-get install chromium');
  const { out } = run(command, args, 'chromium', { PUPPETEER_EXECUTABLE_PATH: chromium });
  return readAceReport(file, reportDir, out);
};

/** Each violation in the report Ace wrote is a Diagnostic; `out` is what Ace printed, shown when it wrote no report. */
export function readAceReport(file: string, reportDir: string, out: string): CheckResult {
  const reportFile = path.join(reportDir, 'report.json');
  if (!existsSync(reportFile)) return { diagnostics: [problem(file, 'ace', `Ace wrote no report: ${out.trim()}`)], summary: 'no report' };
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as AceReport;
  const diagnostics = report.assertions.flatMap((doc) =>
    (doc.assertions ?? []).map(({ 'earl:test': test }) =>
      problem(file, 'ace', `${test['earl:impact']}: ${test['dct:description'] ?? test['dct:title']} in ${doc['earl:testSubject']?.url ?? '?'}`, { rule: `Ace ${test['dct:title']}` }),
    ),
  );
  const violations = diagnostics.length;
  if (report['earl:result']['earl:outcome'] !== 'pass' && violations === 0) diagnostics.push(problem(file, 'ace', `Ace's outcome is ${report['earl:result']['earl:outcome']}`));
  return { diagnostics, summary: `${violations} violations` };
}

/** A real e-reader pipeline: Calibre turns the EPUB into a Kindle book and into plain text; the text must hold every chapter. */
export const calibre: Check = (file, { reports }) => {
  const base = path.join(reports, path.basename(file, '.epub'));
  const diagnostics: Diagnostic[] = [];
  // The MOBI is turned back into text, to see what a Kindle shows of it.
  for (const [from, format] of [[file, 'azw3'], [file, 'txt'], [file, 'mobi'], [`${base}.mobi`, 'mobi.txt']] as const) {
    const target = `${base}.${format}`;
    rmSync(target, { force: true });
    const { status, out } = run('ebook-convert', [from, target], 'calibre', { QTWEBENGINE_CHROMIUM_FLAGS: '--no-sandbox' });
    if (status !== 0 || !existsSync(target)) diagnostics.push(problem(file, 'calibre', `${format}: ebook-convert failed\n${out.split('\n').slice(-8).join('\n')}`));
  }
  if (diagnostics.length) return { diagnostics, summary: 'conversion failed' };
  const text = readFileSync(`${base}.txt`, 'utf8').replace(/\s+/g, ' ');
  const titles = chapterTitles(file);
  const missing = titles.filter((title) => !text.includes(title));
  // The navigation a reader never pages through (landmarks, the list of print pages) must not appear on a Kindle.
  const kindle = readFileSync(`${base}.mobi.txt`, 'utf8');
  const shown = ['Landmarks', 'Pages of the printed guide'].filter((heading) => kindle.includes(heading));
  return {
    diagnostics: [
      ...missing.map((title) => problem(file, 'calibre', `the chapter title "${title}" is missing from the TXT`)),
      ...shown.map((heading) => problem(file, 'calibre', `the hidden navigation "${heading}" shows as text in the MOBI`)),
    ],
    summary: `AZW3, MOBI and TXT made; ${missing.length ? `${titles.length - missing.length} of` : 'all'} ${titles.length} chapter titles in the TXT; no hidden navigation in the MOBI`,
  };
};

/** The contents entries that open a chapter file (not a heading inside one): every chapter, and in a course pack every part's. */
function chapterTitles(file: string): string[] {
  const nav = strFromU8(unzipSync(readFileSync(file))['OEBPS/nav.xhtml']!);
  const toc = nav.slice(nav.indexOf('epub:type="toc"'), nav.indexOf('</nav>'));
  return [...toc.matchAll(/<a href="[^"#]*">([^<]*)<\/a>/g)].map((match) => decodeEntities(match[1]!).trim());
}

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
