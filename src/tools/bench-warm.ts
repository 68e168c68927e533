// npm run bench, warm part: what each output costs in a process that has built before, and how long the preview takes from a save to the new page served.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from '../build.js';
import { FORMATS, STUDENT_ONLY_FORMATS, type Format } from '../plan.js';
import { PACKAGE_ROOT } from '../prepare.js';
import { startPreview } from '../preview/server.js';

/** The middle value (the lower of the two middle ones for an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const WARM_UP = 3;

/**
 * Each format alone, for both editions where it has two, in one process after a few builds of the same:
 * the work a format adds to a build, without Node's start, the imports and the JIT that every build shares.
 */
export async function outputCosts(contentDir: string, runs: number): Promise<void> {
  process.stdout.write(`\nWhat each output costs, built alone in a warm process (median of ${runs} after ${WARM_UP} to warm up):\n`);
  for (const format of FORMATS.filter((f) => f !== 'xhtml')) {
    const editions = STUDENT_ONLY_FORMATS.includes(format) ? (['student'] as const) : (['student', 'teacher'] as const);
    const options: BuildOptions = { contentDir, outDir: '', guides: ['beanpole'], editions: [...editions], formats: [format], paper: 'a4', write: false };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARM_UP + runs; i++) {
      const start = performance.now();
      const result = await build(options);
      if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error(`the ${format} build of the Beanpole guide has errors; run \`npm run check\``);
      if (i >= WARM_UP) times.push(performance.now() - start);
      bytes = result.files.reduce((sum, file) => sum + file.bytes.length, 0);
    }
    process.stdout.write(`  ${label(format).padEnd(34)} ${median(times).toFixed(0).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} KB  (${editions.join(' and ')})\n`);
  }
}

function label(format: Format): string {
  const names: Partial<Record<Format, string>> = { docx: 'Word', moodle: 'Moodle XML questions', qti: 'QTI 2.1 questions', cc: 'Common Cartridge', html: 'web page', booklet: 'A5 booklet', handout: 'handout' };
  return names[format] ?? format.toUpperCase();
}

/**
 * What a writer waits for: `studyguide preview` running, a content file saved, and the time until the server
 * answers with a page (or PDF) that holds the change. This includes noticing the save (chokidar), the
 * settling pause, the rebuild and the request.
 */
export async function previewLatency(contentDir: string, runs: number): Promise<void> {
  const file = path.join(contentDir, 'beanpole', 'themes', 'colour.yaml');
  const original = readFileSync(file, 'utf8');
  const anchor = 'does the opposite';
  if (!original.includes(anchor)) throw new Error(`the bench edits "${anchor}" in ${file}, which no longer holds it`);
  process.stdout.write(`\nThe preview, from a save to the changed page served (median of ${runs} after ${WARM_UP} to warm up):\n`);
  try {
    for (const pdf of [false, true]) {
      const preview = await startPreview({ contentDir, templatesDir: path.join(PACKAGE_ROOT, 'templates'), guide: 'beanpole', edition: 'student', paper: 'a4', pdf, port: 0 });
      const times: number[] = [];
      for (let i = 0; i < WARM_UP + runs; i++) {
        const marker = `${anchor} (save ${pdf ? 'p' : 'w'}${i})`;
        const rebuilt = preview.nextRebuild();
        const start = performance.now();
        writeFileSync(file, original.replace(anchor, marker));
        const { diagnostics } = await rebuilt;
        if (diagnostics.some((d) => d.severity === 'error')) throw new Error('the Beanpole guide has errors; run `npm run check`');
        const page = await (await fetch(preview.url)).text();
        if (pdf) await (await fetch(new URL('guide.pdf', preview.url))).arrayBuffer();
        if (!page.includes(marker)) throw new Error('the preview served a page without the saved change');
        if (i >= WARM_UP) times.push(performance.now() - start);
      }
      await preview.close();
      process.stdout.write(`  ${pdf ? 'web page and student PDF' : 'web page'.padEnd(24)}  ${median(times).toFixed(0)} ms\n`);
    }
  } finally {
    writeFileSync(file, original);
  }
  process.stdout.write(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
}
