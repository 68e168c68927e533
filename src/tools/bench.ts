// npm run bench: builds the Beanpole guide several times in one process, then in fresh processes, and prints each stage's time and peak memory.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, buildPack } from '../build.js';
import { EDITIONS } from '../compose/compose.js';
import { DEFAULT_FORMATS as FORMATS, DEFAULT_PACK_FORMATS as PACK_FORMATS } from '../plan.js';
import { PACKAGE_ROOT } from '../prepare.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const options = {
  contentDir: path.join(PACKAGE_ROOT, 'content'),
  outDir: path.join(PACKAGE_ROOT, 'output', '.bench'),
  guides: ['beanpole'],
  editions: EDITIONS,
  formats: FORMATS,
  paper: 'a4' as const,
  write: false,
};

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const rows: Record<string, number>[] = [];
const sizes = new Map<string, number>();
for (let run = 1; run <= RUNS; run++) {
  const start = performance.now();
  const result = await build(options);
  if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error('the Beanpole guide has errors; run `npm run check`');
  const perFile = Object.fromEntries(result.files.map((f) => [`${f.edition} ${f.format}`, f.milliseconds]));
  for (const f of result.files) sizes.set(`${f.edition} ${f.format}`, f.bytes.length);
  rows.push({ ...result.timings, ...perFile, total: performance.now() - start });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

// A course pack of Beanpole and the small test guide, both editions, PDF and EPUB, from a scratch content folder.
const scratch = mkdtempSync(path.join(tmpdir(), 'studyguide-bench-'));
cpSync(path.join(PACKAGE_ROOT, 'content', 'beanpole'), path.join(scratch, 'beanpole'), { recursive: true });
cpSync(path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'content', 'tiny'), path.join(scratch, 'tiny'), { recursive: true });
mkdirSync(path.join(scratch, 'packs'));
writeFileSync(path.join(scratch, 'packs', 'bench.yaml'), 'title: Bench pack\ndate: "2026-01-01"\nguides: [beanpole, tiny]\n');
const packTimes: number[] = [];
let packPages = '';
for (let run = 1; run <= RUNS; run++) {
  const start = performance.now();
  const result = await buildPack({ packFile: path.join(scratch, 'packs', 'bench.yaml'), outDir: path.join(scratch, 'out'), editions: EDITIONS, formats: PACK_FORMATS, paper: 'a4', write: false });
  if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error('the bench pack has errors');
  packTimes.push(performance.now() - start);
  packPages = result.files.map((f) => `${f.edition} ${f.format} ${(f.bytes.length / 1024).toFixed(0)} KB`).join(', ');
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

// What a user waits for: the command in a fresh process, where nothing is compiled or cached yet. The
// in-process runs above share parsed fonts, shaped words and measured paragraphs from run 1 on.
const coldRuns: { wall: number; pdf: number }[] = [];
for (let run = 1; run <= Math.min(RUNS, 3); run++) {
  const start = performance.now();
  const printed = execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'studyguide.js'), 'build', 'beanpole', '--edition', 'student', '--format', 'pdf', '--out', path.join(scratch, 'cold')], { encoding: 'utf8' });
  const wall = performance.now() - start;
  coldRuns.push({ wall, pdf: Number(/(\d+) ms$/m.exec(printed)?.[1] ?? NaN) });
}
rmSync(scratch, { recursive: true, force: true });
clearInterval(sampler);

const columns = Object.keys(rows[0]!);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
process.stdout.write(`studyguide bench: Beanpole, ${EDITIONS.length} editions × ${FORMATS.join('+')}, ${RUNS} runs in one process (ms)\n`);
process.stdout.write(`${'stage'.padEnd(16)}${rows.map((_, i) => `run ${i + 1}`.padStart(9)).join('')}${'median'.padStart(9)}\n`);
for (const column of columns) {
  const values = rows.map((r) => r[column] ?? 0);
  process.stdout.write(`${column.padEnd(16)}${values.map((v) => v.toFixed(0).padStart(9)).join('')}${median(values).toFixed(0).padStart(9)}\n`);
}
// An EPUB's time is its own packaging; the print layout it takes page numbers from is counted under the PDF.
process.stdout.write(`sizes: ${[...sizes].map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KB`).join(', ')}\n`);
process.stdout.write(`course pack (Beanpole + test guide, ${EDITIONS.length} editions × ${PACK_FORMATS.join('+')}): ${packTimes.map((t) => t.toFixed(0)).join(', ')} ms, median ${median(packTimes).toFixed(0)} ms; ${packPages}\n`);
process.stdout.write(`fresh process, \`studyguide build beanpole --edition student --format pdf\`: wall ${coldRuns.map((r) => r.wall.toFixed(0)).join(', ')} ms, median ${median(coldRuns.map((r) => r.wall)).toFixed(0)} ms; of which the student PDF ${coldRuns.map((r) => r.pdf).join(', ')} ms\n`);
process.stdout.write(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MB\n`);
