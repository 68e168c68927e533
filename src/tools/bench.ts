// npm run bench: the Beanpole guide built in fresh processes beside node -e 0, WeasyPrint + pandoc and Typst (interleaved, medians, ratios, peak memory), then what each output costs in a warm process and the preview's time from a save to the page served.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../prepare.js';
import { typst, weasyprintAndPandoc, type Command } from './bench-rivals.js';
import { median, outputCosts, previewLatency } from './bench-warm.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const scratch = mkdtempSync(path.join(tmpdir(), 'studyguide-bench-'));
const contentDir = path.join(scratch, 'content');
cpSync(path.join(PACKAGE_ROOT, 'content', 'beanpole'), path.join(contentDir, 'beanpole'), { recursive: true });
const cli = path.join(PACKAGE_ROOT, 'bin', 'studyguide.js');
const out = (name: string) => path.join(scratch, name);
const studyguide = (name: string, makes: string, args: string[]): Command => ({ name, makes, steps: [{ command: process.execPath, args: [cli, ...args, '--content', contentDir] }] });
/** A build into a folder of its own, which is removed before each run: nothing left by the last one. */
const coldBuild = (name: string, makes: string, folder: string, args: string[]): Command => ({
  ...studyguide(name, makes, ['build', 'beanpole', ...args, '--out', out(folder)]),
  before: () => rmSync(out(folder), { recursive: true, force: true }),
});

// The web page the rivals start from, made once.
spawnSync(process.execPath, [cli, 'build', 'beanpole', '--format', 'html', '--edition', 'student', '--content', contentDir, '--out', out('web')]);
const webPage = path.join(out('web'), 'beanpole', 'beanpole-student.html');

const contenders: Command[] = [
  { name: 'node -e 0', makes: 'nothing: starting Node', steps: [{ command: process.execPath, args: ['-e', '0'] }] },
  coldBuild('studyguide build', 'the 9 default files, no cache', 'cold', []),
  studyguide('studyguide build, cached', 'the 9 default files, cache of the last build', ['build', 'beanpole', '--out', out('cached')]),
  coldBuild('studyguide student PDF', 'the student PDF alone, no cache', 'pdf', ['--edition', 'student', '--format', 'pdf']),
  // What WeasyPrint + pandoc make (one PDF, one EPUB), so the two can also be compared like for like.
  coldBuild('studyguide PDF + EPUB', 'the student PDF and EPUB, no cache', 'pdf-epub', ['--edition', 'student', '--format', 'pdf,epub']),
  studyguide('studyguide check', 'every check, no output', ['check', 'beanpole']),
];
const skipped: string[] = [];
for (const rival of [weasyprintAndPandoc(webPage, scratch), typst(contentDir, scratch, path.join(PACKAGE_ROOT, 'output', '.bench', 'tools'))]) {
  if (typeof rival === 'string') skipped.push(rival);
  else contenders.push(rival);
}

interface Measure {
  wall: number;
  cpu: number;
  peakMb: number;
}

/** Whole-process figures from GNU time: wall and CPU seconds, and the largest resident set of any step. */
function measure(command: Command): Measure {
  const total = { wall: 0, cpu: 0, peakMb: 0 };
  for (const step of command.steps) {
    const timed = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', step.command, ...step.args], { encoding: 'utf8' });
    const figures = /(\S+) (\S+) (\S+) (\d+)\s*$/.exec(timed.stderr);
    if (timed.status !== 0 || !figures) throw new Error(`${command.name} failed:\n${timed.stderr.slice(-2000)}`);
    total.wall += Number(figures[1]);
    total.cpu += Number(figures[2]) + Number(figures[3]);
    total.peakMb = Math.max(total.peakMb, Number(figures[4]) / 1024);
  }
  return total;
}

if (!existsSync('/usr/bin/time')) throw new Error('npm run bench needs GNU time (apt-get install time)');
// The cached contender starts from the cache an earlier build left, as a second build by a teacher would.
measure(contenders.find((c) => c.name === 'studyguide build, cached')!);
// Rounds in turn, each contender once per round in a rotating order, so a noisy moment falls on all of them.
const results = new Map<string, Measure[]>(contenders.map((c) => [c.name, []]));
for (let round = 0; round < RUNS; round++) {
  const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
  for (const contender of order) {
    contender.before?.();
    results.get(contender.name)!.push(measure(contender));
  }
  process.stderr.write(`round ${round + 1} of ${RUNS}\n`);
}

const med = (name: string, key: keyof Measure) => median(results.get(name)?.map((m) => m[key]) ?? [NaN]);
process.stdout.write(`\nFresh processes, ${RUNS} interleaved rounds, medians (this machine: ${(await import('node:os')).cpus().length} cores):\n\n`);
process.stdout.write(`${'command'.padEnd(28)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak MB'.padStart(8)}  makes\n`);
for (const c of contenders) {
  process.stdout.write(`${c.name.padEnd(28)} ${med(c.name, 'wall').toFixed(2).padStart(7)} ${med(c.name, 'cpu').toFixed(2).padStart(7)} ${med(c.name, 'peakMb').toFixed(0).padStart(8)}  ${c.makes}\n`);
}
for (const reason of skipped) process.stdout.write(`(not compared: ${reason})\n`);
const ratio = (a: string, b: string) => (results.has(a) && results.has(b) ? `${(med(a, 'wall') / med(b, 'wall')).toFixed(2)}×` : 'n/a');
process.stdout.write(`\nRatios of medians (wall):\n`);
process.stdout.write(`  default build / WeasyPrint + pandoc      ${ratio('studyguide build', 'WeasyPrint + pandoc')}   (cached: ${ratio('studyguide build, cached', 'WeasyPrint + pandoc')})\n`);
process.stdout.write(`  student PDF and EPUB / WeasyPrint + pandoc ${ratio('studyguide PDF + EPUB', 'WeasyPrint + pandoc')}   (the same two files)\n`);
process.stdout.write(`  student PDF / Typst                      ${ratio('studyguide student PDF', 'Typst')}\n`);
process.stdout.write(`  check / default build                    ${ratio('studyguide check', 'studyguide build')}\n`);
process.stdout.write(`  default build / node -e 0                ${ratio('studyguide build', 'node -e 0')}\n`);

await outputCosts(contentDir, RUNS);
await previewLatency(contentDir, RUNS);
