// Protects the command a user types: built files and their report, located errors without stacks, exit codes, untouched outputs.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, temporaryProject } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'studyguide.js');
const run = (cwd: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('studyguide build', () => {
  let project: string;
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    project = temporaryProject(path.join(FIXTURES, 'content'));
    first = run(project, 'build', 'tiny');
  });

  it('writes both editions as PDF and EPUB, the student web page, booklet and handout, and prints one line per file', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // The web page is for course sites, so only the student edition gets one by default.
    const names = ['tiny-student.pdf', 'tiny-student.epub', 'tiny-student.html', 'tiny-student.docx', 'tiny-student-booklet.pdf', 'tiny-handout.pdf', 'tiny-teacher.pdf', 'tiny-teacher.epub', 'tiny-teacher.docx'];
    expect(readdirSync(path.join(project, 'output', 'tiny')).sort()).toEqual([...names].sort());
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(line).toMatch(/^wrote output\/tiny\/tiny-(student|teacher|handout)(-booklet)?\.(pdf|epub|html|docx) {2}\d+\.\d (KB|MB) {2}\d+ ms$/);
    expect(readFileSync(path.join(project, 'output', 'tiny', 'tiny-student.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes the composed document itself with --format xhtml (the debug backend), in a folder of its own', () => {
    const out = path.join(project, 'debug');
    const result = run(project, 'build', 'tiny', '--format', 'xhtml', '--out', out);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(out, 'tiny')).sort()).toEqual(['tiny-student.xhtml', 'tiny-teacher.xhtml']);
    const golden = readFileSync(path.join(FIXTURES, 'golden', 'tiny-teacher.xhtml'), 'utf8');
    expect(readFileSync(path.join(out, 'tiny', 'tiny-teacher.xhtml'), 'utf8')).toBe(golden);
  });

  it('fails on broken content with located errors, exit 1, no stack, and leaves the last good outputs byte-identical', () => {
    const outputs = path.join(project, 'output', 'tiny');
    const before = Object.fromEntries(readdirSync(outputs).map((f) => [f, readFileSync(path.join(outputs, f))]));
    appendFileSync(path.join(project, 'content', 'tiny', 'guide.yaml'), 'colour_grade: teal\n');
    const broken = run(project, 'build', 'tiny');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('content/tiny/guide.yaml:58:1: error: unknown key "colour_grade"');
    expect(broken.stderr).toContain('1 error, 0 warnings');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    expect(broken.stdout).toBe('');
    const after = Object.fromEntries(readdirSync(outputs).map((f) => [f, readFileSync(path.join(outputs, f))]));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes)).toBe(true);
  });
});

describe('studyguide check and the command line', () => {
  it('check passes on good content without writing anything', () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const result = run(project, 'check');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ok: second, tiny (4 editions composed); packs: two-films (2 editions composed)\n');
    expect(readdirSync(project)).toEqual(['content']);
  });

  it('check on a broken file prints the located error and exits 1', () => {
    const result = run(ROOT, 'check', '--content', path.join(FIXTURES, 'broken'), 'schema');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('tests/fixtures/broken/schema/guide.yaml:26:14: error: questions.before[0].level must be one of');
    expect(result.stderr).toContain(' > 26 |       level: analyze');
    expect(result.stderr).toContain('hint: did you mean "analysis"?');
    expect(result.stderr).toContain('7 errors, 0 warnings');
  });

  it('answers --help and --version, and exits 2 on a wrong command line', () => {
    expect(run(ROOT, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('build [options] [guide...]') });
    expect(run(ROOT, 'build', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('--paper <size>') });
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(run(ROOT, '--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(run(ROOT, 'build', '--paper', 'a3')).toMatchObject({ code: 2, stderr: expect.stringContaining("argument 'a3' is invalid") });
    expect(run(ROOT, 'build', '--format', 'odt')).toMatchObject({ code: 2, stderr: 'error: unknown format "odt"; choose from pdf, epub, html, docx, booklet, handout, moodle, qti, cc, xhtml\n' });
    expect(run(ROOT, 'publish').code).toBe(2);
    // A teacher-only run of the audience products would otherwise make nothing and say nothing.
    expect(run(ROOT, 'build', '--edition', 'teacher', '--format', 'handout')).toMatchObject({
      code: 2,
      stderr: 'error: handout is made from the student edition only; use --edition student (or all)\n',
    });
  });

  it('names a guide that does not exist and lists those that do', () => {
    const result = run(ROOT, 'check', 'beanpol');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: there is no guide "beanpol"');
    expect(result.stderr).toContain('hint: the guides here are: beanpole');
  });
});
