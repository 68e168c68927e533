// Protects the last good outputs: an unwritable folder, two builds at once, Ctrl-C, leftovers of a killed build, and a library failing mid-render.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { EDITIONS } from '../src/compose/compose.js';
import { DEFAULT_FORMATS as FORMATS } from '../src/plan.js';
import { FIXTURES, ROOT, TEMPLATES, temporaryProject } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'studyguide.js');
const run = (cwd: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** Every file in the guide's output folder, with its bytes; temporaries and the lock show up here too. */
const snapshot = (project: string) => {
  const dir = path.join(project, 'output', 'tiny');
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
};

describe('the outputs of the last good build', () => {
  let project: string;
  let good: Record<string, Buffer>;
  beforeAll(() => {
    project = temporaryProject(path.join(FIXTURES, 'content'));
    expect(run(project, 'build', 'tiny').code).toBe(0);
    good = snapshot(project);
  });

  it('are whole after two builds into the same folder at once, and no temporary file or lock is left', async () => {
    const once = () =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, 'build', 'tiny'], { cwd: project, stdio: 'ignore' }).on('exit', resolve));
    expect(await Promise.all([once(), once()])).toEqual([0, 0]);
    const after = snapshot(project);
    expect(Object.keys(after).sort()).toEqual(Object.keys(good).sort());
    for (const [name, bytes] of Object.entries(after)) {
      if (name.endsWith('.pdf')) expect((await PDFDocument.load(bytes)).getPageCount(), name).toBeGreaterThan(0);
      if (name.endsWith('.epub')) expect(Object.keys(unzipSync(bytes))[0], name).toBe('mimetype');
    }
    expect(existsSync(path.join(project, 'output', '.studyguide-lock'))).toBe(false);
  });

  it('are untouched when a build is stopped with Ctrl-C, at any moment', async () => {
    const codes: (number | null)[] = [];
    for (const delay of [250, 700, 1200, 1800]) {
      const before = snapshot(project);
      const child = spawn(process.execPath, [BIN, 'build', 'tiny'], { cwd: project, stdio: 'ignore' });
      setTimeout(() => child.kill('SIGINT'), delay);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal === 'SIGINT' ? 130 : null))));
      const after = snapshot(project);
      // Either it was stopped (and nothing changed) or it had already finished (and every file is new and whole).
      codes.push(code);
      expect([0, 130], `stopped after ${delay} ms`).toContain(code);
      expect(Object.keys(after).sort(), `files after ${delay} ms`).toEqual(Object.keys(before).sort());
      if (code === 130) for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), `${name} after ${delay} ms`).toBe(true);
      expect(existsSync(path.join(project, 'output', '.studyguide-lock'))).toBe(false);
    }
    // The early stops must really have interrupted a build, or this test proves nothing.
    expect(codes.filter((c) => c === 130).length).toBeGreaterThanOrEqual(2);
  });

  it('lose the leftovers of a build that was killed outright: its temporary files and its lock', () => {
    const dir = path.join(project, 'output', 'tiny');
    // Process 999999 does not exist: as if a build had been killed with SIGKILL in the middle of writing.
    writeFileSync(path.join(dir, '.tiny-student.pdf.tmp-999999-abc123'), 'half a PDF');
    mkdirSync(path.join(project, 'output', '.studyguide-lock'));
    writeFileSync(path.join(project, 'output', '.studyguide-lock', 'pid'), '999999');
    expect(run(project, 'build', 'tiny').code).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(project, 'output', '.studyguide-lock'))).toBe(false);
  });

  it('are never begun when the output folder cannot be written: exit 1 and a clear message, before any rendering', () => {
    writeFileSync(path.join(project, 'a-file'), 'not a folder');
    const result = run(project, 'build', 'tiny', '--out', 'a-file/output');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('a-file/output: error: cannot write to a-file/output: a-file is a file, not a folder\n   hint: choose another folder with --out, or move the file away\n\n1 error, 0 warnings\n');
    expect(result.stdout).toBe('');
  });

  it('are untouched when the theme names a font that is not a font: a located error in theme.yaml', async () => {
    const templates = mkdtempSync(path.join(tmpdir(), 'studyguide-templates-'));
    cpSync(TEMPLATES, templates, { recursive: true });
    const theme = path.join(templates, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/@expo-google-fonts\/pt-sans\/700Bold\/PTSans_700Bold\.ttf/, '@expo-google-fonts/pt-sans/index.js'));
    const before = snapshot(project);
    const result = await build({ contentDir: path.join(project, 'content'), templatesDir: templates, outDir: path.join(project, 'output'), guides: ['tiny'], editions: EDITIONS, formats: FORMATS, paper: 'a4', write: true });
    const after = snapshot(project);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'bad-font', file: theme, line: 13, message: 'fonts.sans.bold: "@expo-google-fonts/pt-sans/index.js" is not a font file fontkit can read (it needs TTF or OTF)' })]);
    for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), name).toBe(true);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it('are untouched by an error no caller can catch: it is reported as an internal error with exit 70', () => {
    // A library that throws from inside a callback (png-js did so on a corrupt image) reaches no try/catch.
    const script = `import { installSafetyHandlers } from ${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))}; installSafetyHandlers(); setTimeout(() => { throw new Error('thrown inside a library callback'); }, 10);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/^studyguide hit an internal error\. This is a bug in studyguide, not in your content; please report it with the text below\.\n\nError: thrown inside a library callback\n/);
  });

  it('are all kept when one of them cannot be replaced (an immutable file): exit 1, the file named, no other output changed', () => {
    const dir = path.join(project, 'output', 'tiny');
    const locked = path.join(dir, 'tiny-teacher.epub');
    // chattr needs root and a file system that has the flag; where it does not, there is nothing to test.
    if (spawnSync('chattr', ['+i', locked]).status !== 0) return;
    try {
      const before = snapshot(project);
      appendFileSync(path.join(project, 'content', 'tiny', 'themes', 'colour.yaml'), 'motifs:\n  - name: A new motif\n    text: So every output changes.\n');
      const result = run(project, 'build', 'tiny');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('tiny-teacher.epub: the file may not be changed');
      expect(result.stderr).toContain('no output was changed');
      const after = snapshot(project);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), name).toBe(true);
    } finally {
      spawnSync('chattr', ['-i', locked]);
    }
  });

  it('are all kept when a folder has taken an output’s name: exit 1, the folder named and left as it was, no stack', () => {
    const dir = path.join(project, 'output', 'tiny');
    const taken = path.join(dir, 'tiny-student.html');
    const page = readFileSync(taken);
    rmSync(taken);
    mkdirSync(taken);
    writeFileSync(path.join(taken, 'notes.txt'), 'a teacher’s own file');
    try {
      const others = () => Object.fromEntries(readdirSync(dir).filter((name) => name !== 'tiny-student.html').map((name) => [name, readFileSync(path.join(dir, name))]));
      const before = others();
      const theme = path.join(project, 'content', 'tiny', 'themes', 'colour.yaml');
      writeFileSync(theme, readFileSync(theme, 'utf8').replace('The first paragraph about colour.', 'The first paragraph about colour, changed so every output changes.'));
      const result = run(project, 'build', 'tiny');
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain('tiny-student.html is a folder, and an output file goes by that name');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(path.join(taken, 'notes.txt'), 'utf8')).toBe('a teacher’s own file');
      expect(others()).toEqual(before);
    } finally {
      rmSync(taken, { recursive: true });
      writeFileSync(taken, page);
    }
  });

  it('keep a guide’s files apart from a course pack of the same name: packs have a folder of their own', () => {
    const packs = path.join(project, 'content', 'packs');
    mkdirSync(packs, { recursive: true });
    writeFileSync(path.join(packs, 'tiny.yaml'), 'title: A pack named like a guide\ndate: "2026-01-01"\nguides: [tiny, second]\n');
    const before = snapshot(project);
    const result = run(project, 'pack', path.join(packs, 'tiny.yaml'));
    expect(result.code, result.stderr).toBe(0);
    const after = snapshot(project);
    for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), name).toBe(true);
    expect(readdirSync(path.join(project, 'output', 'packs', 'tiny')).sort()).toEqual(['tiny-student.epub', 'tiny-student.pdf', 'tiny-teacher.epub', 'tiny-teacher.pdf']);
  });
});
