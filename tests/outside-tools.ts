// Test helpers that run outside programs without blocking the test's process: the command line, the Java EPUBCheck, DAISY Ace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aceCommand, readAceReport } from '../src/verify/epub.js';
import type { CheckResult } from '../src/verify/tools.js';
import { ROOT } from './helpers.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program from the project's folder; resolves when it ends, whatever its exit code. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `studyguide …` as a teacher runs it. */
export const studyguide = (...args: string[]) => runCommand(process.execPath, [path.join(ROOT, 'bin', 'studyguide.js'), ...args]);

export interface EpubCheckReport {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number }[] }[];
  checker: { nFatal: number; nError: number; nWarning: number };
  publication: { embeddedFonts: string[] };
}

/**
 * The Java EPUBCheck (the reference implementation) on each book, its JSON report by book. One JVM for all
 * (epubcheck-many.java calls EPUBCheck's own command line per book), compiling with C1 only: nine books
 * take about 10 s where nine runs of the jar take 35 s.
 */
export async function epubcheck(epubs: readonly string[]): Promise<Map<string, EpubCheckReport>> {
  const reports = mkdtempSync(path.join(tmpdir(), 'studyguide-epubcheck-'));
  const pairs = epubs.map((epub, index) => [epub, path.join(reports, `${index}.json`)] as const);
  const program = path.join(ROOT, 'tests', 'epubcheck-many.java');
  const { stdout, stderr } = await runCommand('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', '/usr/share/java/epubcheck.jar', program, ...pairs.flat()]);
  return new Map(
    pairs.map(([epub, json]) => {
      if (!existsSync(json)) throw new Error(`EPUBCheck wrote no report for ${epub}:\n${stdout}${stderr}`);
      return [epub, JSON.parse(readFileSync(json, 'utf8')) as EpubCheckReport];
    }),
  );
}

/** Each message as one line, for a failing test to show. */
export const epubcheckMessages = (report: EpubCheckReport) => report.messages.map((m) => `${m.severity} ${m.ID} ${m.message} ${m.locations[0]?.path ?? ''}`);

/** DAISY Ace run as `npm run verify` runs it; its report goes under `reports`. */
export async function ace(epub: string, reports: string): Promise<CheckResult> {
  const { command, args, reportDir } = aceCommand(epub, reports);
  const { stdout, stderr } = await runCommand(command, args, { PUPPETEER_EXECUTABLE_PATH: CHROMIUM });
  return readAceReport(epub, reportDir, stdout + stderr);
}

/** Runs `check` on each item one after another, in the background; each item's result is a promise of its own. */
export function inTurn<T>(items: readonly string[], check: (item: string) => Promise<T>): Map<string, Promise<T>> {
  const results = new Map<string, Promise<T>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (const item of items) {
    const result = previous.then(() => check(item));
    // A failed check fails its own test only; the next still runs.
    previous = result.catch(() => undefined);
    results.set(item, result);
  }
  return results;
}

/**
 * LibreOffice converting Word files (to 'pdf' or 'txt:Text') into `dir`, each run with a profile of its own so
 * parallel suites do not share one. A machine without it fails the test rather than skipping it: CI installs
 * libreoffice-writer, and a skipped check would hide that it did not.
 */
export function libreOfficeConvert(dir: string, to: string, files: string[]): void {
  const found = spawnSync('soffice', ['--version'], { stdio: 'ignore' });
  if (found.status !== 0) throw new Error('LibreOffice is needed for this test (apt-get install libreoffice-writer)');
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, ...files], { stdio: 'ignore', timeout: 120_000 });
}
