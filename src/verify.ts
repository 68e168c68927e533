// npm run verify: checks the built outputs with the real outside tools (EPUBCheck, Ace, Calibre, Chromium, qpdf, poppler).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PACKAGE_ROOT } from './prepare.js';

const OUTPUT = path.resolve(process.argv[2] ?? 'output');
/** Conversions, reports and screenshots go here, for a person to open after the run. */
const REPORTS = path.join(OUTPUT, 'verify');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

interface Outcome {
  ok: boolean;
  detail: string;
}

type Check = (file: string) => Outcome | Promise<Outcome>;

/** Runs a program; a missing one is a failure that says which Debian package provides it. */
function run(command: string, args: string[], debianPackage: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed (apt-get install ${debianPackage})`);
  }
  return { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

const epubcheck: Check = (file) => {
  if (!existsSync(EPUBCHECK_JAR)) throw new Error(`${EPUBCHECK_JAR} is missing (apt-get install epubcheck default-jre-headless)`);
  // Debian's /usr/bin/epubcheck needs binfmt support, which containers often lack; the jar runs anywhere.
  const { status, out } = run('java', ['-jar', EPUBCHECK_JAR, '--failonwarnings', file], 'default-jre-headless');
  const summary = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(out);
  const problems = out.split('\n').filter((l) => /^(FATAL|ERROR|WARNING)/.test(l));
  return { ok: status === 0 && problems.length === 0, detail: summary ? `${summary[1]} fatal, ${summary[2]} errors, ${summary[3]} warnings${problems.length ? `\n${problems.join('\n')}` : ''}` : out.trim() };
};

const ace: Check = (file) => {
  const reportDir = path.join(REPORTS, 'ace', path.basename(file, '.epub'));
  const aceCli = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'ace-cli');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const { out } = run(aceCli, ['--force', '--silent', '--outdir', reportDir, file], 'chromium', { PUPPETEER_EXECUTABLE_PATH: CHROMIUM });
  const reportFile = path.join(reportDir, 'report.json');
  if (!existsSync(reportFile)) return { ok: false, detail: `Ace wrote no report: ${out.trim()}` };
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as AceReport;
  const violations = report.assertions.flatMap((doc) =>
    (doc.assertions ?? []).map((a) => `${a['earl:test']['earl:impact']} ${a['earl:test']['dct:title']} in ${doc['earl:testSubject']?.url ?? '?'}`),
  );
  return { ok: report['earl:result']['earl:outcome'] === 'pass' && violations.length === 0, detail: `${violations.length} violations${violations.length ? `\n${violations.join('\n')}` : ''}` };
};

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject'?: { url?: string }; assertions?: { 'earl:test': { 'earl:impact': string; 'dct:title': string } }[] }[];
}

/** A real e-reader pipeline: Calibre turns the EPUB into a Kindle book and into plain text; the text must hold every chapter. */
const calibre: Check = (file) => {
  const base = path.join(REPORTS, path.basename(file, '.epub'));
  const messages: string[] = [];
  for (const format of ['azw3', 'txt']) {
    const target = `${base}.${format}`;
    rmSync(target, { force: true });
    const { status, out } = run('ebook-convert', [file, target], 'calibre', { QTWEBENGINE_CHROMIUM_FLAGS: '--no-sandbox' });
    if (status !== 0 || !existsSync(target)) messages.push(`${format}: ebook-convert failed\n${out.split('\n').slice(-8).join('\n')}`);
  }
  if (messages.length) return { ok: false, detail: messages.join('\n') };
  const text = readFileSync(`${base}.txt`, 'utf8').replace(/\s+/g, ' ');
  const titles = chapterTitles(file);
  const missing = titles.filter((title) => !text.includes(title));
  return { ok: missing.length === 0, detail: missing.length ? `chapter titles missing from the TXT: ${missing.join('; ')}` : `AZW3 and TXT made; all ${titles.length} chapter titles in the TXT` };
};

/** The contents entries that open a chapter file (not a heading inside one): every chapter, and in a course pack every part's. */
function chapterTitles(file: string): string[] {
  const nav = strFromU8(unzipSync(readFileSync(file))['OEBPS/nav.xhtml']!);
  const toc = nav.slice(nav.indexOf('epub:type="toc"'), nav.indexOf('</nav>'));
  return [...toc.matchAll(/<a href="[^"#]*">([^<]*)<\/a>/g)].map((match) => decodeEntities(match[1]!).trim());
}

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

const qpdf: Check = (file) => {
  const { status, out } = run('qpdf', ['--check', file], 'qpdf');
  return { ok: status === 0, detail: status === 0 ? 'no syntax or stream errors' : out.trim() };
};

const pdffonts: Check = (file) => {
  const { status, out } = run('pdffonts', [file], 'poppler-utils');
  const rows = out.trim().split('\n').slice(2);
  // The "emb" column: fourth from the end (emb, sub, uni, object ID = two columns).
  const notEmbedded = rows.filter((row) => row.trim().split(/\s+/).at(-5) !== 'yes');
  return { ok: status === 0 && notEmbedded.length === 0, detail: notEmbedded.length ? `not embedded:\n${notEmbedded.join('\n')}` : `${rows.length} fonts, all embedded` };
};

/** The handout's QR code must scan, from a 200 dpi render of its page, to the address printed beside it. */
const qrCode: Check = (file) => {
  const text = run('pdftotext', ['-layout', file, '-'], 'poppler-utils').out;
  const printed = /type the address:\s*(\S+)\s*(\S*)/.exec(text);
  if (!printed) return { ok: true, detail: 'no web address on this handout, so no code' };
  // The address may wrap after a slash; join the two pieces when the second continues it.
  const address = printed[2] && !/^[A-Z]/.test(printed[2]) && printed[1]!.endsWith('/') ? printed[1]! + printed[2] : printed[1]!;
  const pages = text.split('\f');
  const page = pages.findIndex((p) => p.includes('type the address')) + 1;
  const image = path.join(REPORTS, `${path.basename(file, '.pdf')}-page${page}`);
  run('pdftoppm', ['-r', '200', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, image], 'poppler-utils');
  const { status, out } = run('zbarimg', ['--quiet', '--raw', `${image}.png`], 'zbar-tools');
  const decoded = out.split('\n').map((l) => l.trim()).find((l) => /^https?:/.test(l));
  return { ok: status === 0 && decoded === address, detail: `QR code on page ${page} reads ${decoded ?? '(nothing)'}; printed address ${address}` };
};

/**
 * PDF/UA-1's machine-checkable rules (our own reader, see verify-pdfua.ts: veraPDF cannot be installed here),
 * and poppler, a second, independent reader, must be able to walk the same structure tree.
 */
const pdfUa: Check = async (file) => {
  const { checkPdfUa } = await import('./verify-pdfua.js');
  const report = await checkPdfUa(readFileSync(file));
  const tree = run('pdfinfo', ['-struct-text', file], 'poppler-utils');
  const problems = report.failures.map((f) => `${f.rule} ${f.message} (${f.count}×, first: ${f.where})`);
  if (tree.status !== 0 || !tree.out.startsWith('Document')) problems.push(`poppler could not read the structure tree: ${tree.out.split('\n')[0]}`);
  const { pages, structElements, taggedContent, artifacts, links, fonts } = report.counts;
  const summary = `${pages} pages, ${structElements} structure elements, ${taggedContent} tagged runs, ${artifacts} artifacts, ${links} links, ${fonts} fonts`;
  return { ok: problems.length === 0, detail: problems.length ? `${problems.length} rules broken (${summary})\n${problems.join('\n')}` : `no rule broken: ${summary}` };
};

const browser: Check = async (file) => {
  const { checkInBrowser } = await import('./verify-browser.js');
  return checkInBrowser(file, CHROMIUM, REPORTS);
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
    { name: 'PDF/UA', check: pdfUa, only: (file: string) => !file.endsWith('-booklet.pdf') },
    { name: 'QR code', check: qrCode, only: (file: string) => file.endsWith('-handout.pdf') },
  ],
  '.html': [{ name: 'Chromium', check: browser }],
};

async function main(): Promise<number> {
  if (!existsSync(OUTPUT)) {
    process.stderr.write(`error: no ${OUTPUT} folder; run npm run build first\n`);
    return 1;
  }
  mkdirSync(REPORTS, { recursive: true });
  const files = readdirSync(OUTPUT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'verify' && !d.name.startsWith('.'))
    .flatMap((d) => readdirSync(path.join(OUTPUT, d.name)).map((f) => path.join(OUTPUT, d.name, f)))
    .filter((f) => CHECKS[path.extname(f)])
    .sort();
  let failures = 0;
  for (const file of files) {
    for (const { name, check, only } of CHECKS[path.extname(file)]!) {
      if (only && !only(file)) continue;
      const start = performance.now();
      let outcome: Outcome;
      try {
        outcome = await check(file);
      } catch (error) {
        outcome = { ok: false, detail: (error as Error).message };
      }
      if (!outcome.ok) failures++;
      const seconds = ((performance.now() - start) / 1000).toFixed(1);
      const [first, ...rest] = outcome.detail.split('\n');
      process.stdout.write(`${outcome.ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(9)} ${path.relative(process.cwd(), file)}: ${first} (${seconds} s)\n`);
      for (const line of rest) process.stdout.write(`        ${line}\n`);
    }
  }
  if (files.length === 0) {
    process.stderr.write(`error: nothing to verify in ${OUTPUT}; run npm run build first\n`);
    return 1;
  }
  process.stdout.write(`${failures === 0 ? 'all checks passed' : `${failures} check${failures === 1 ? '' : 's'} failed`}; reports in ${path.relative(process.cwd(), REPORTS)}\n`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
