// Protects the command a user types: built files and their report, located errors without stacks, exit codes, untouched outputs.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
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
    for (const line of lines) expect(line).toMatch(/^wrote output\/tiny\/tiny-(student|teacher|handout)(-booklet)?\.(pdf|epub|html|docx) {2}\d+\.\d+ (KB|MB) {2}\d+ ms$/);
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

describe('what a newcomer trips on', () => {
  it('takes --paper, --edition and --format in any case, and names the paper in the files it changes', async () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const a4 = run(project, 'build', 'tiny', '--paper', 'A4', '--edition', 'Student', '--format', 'PDF,Epub,HTML,docx,booklet,handout');
    expect(a4.code).toBe(0);
    const out = path.join(project, 'output', 'tiny');
    const a4Files = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]));
    expect(Object.keys(a4Files).sort()).toEqual(['tiny-handout.pdf', 'tiny-student-booklet.pdf', 'tiny-student.docx', 'tiny-student.epub', 'tiny-student.html', 'tiny-student.pdf']);
    const letter = run(project, 'build', 'tiny', '--paper', 'LETTER', '--edition', 'student', '--format', 'pdf,epub,html,docx,booklet,handout');
    expect(letter.code).toBe(0);
    // The web page is the same on any paper, so it keeps its name; everything laid out on the paper says which.
    expect(letter.stdout).toContain('wrote output/tiny/tiny-student.html');
    for (const name of ['tiny-student-letter.pdf', 'tiny-student-letter.epub', 'tiny-student-letter.docx', 'tiny-student-booklet-letter.pdf', 'tiny-handout-letter.pdf']) expect(letter.stdout).toContain(`wrote output/tiny/${name}`);
    for (const [name, bytes] of Object.entries(a4Files)) expect(readFileSync(path.join(out, name)).equals(bytes), name).toBe(true);
    const opf = strFromU8(unzipSync(new Uint8Array(readFileSync(path.join(out, 'tiny-student-letter.epub'))))['OEBPS/content.opf']!);
    expect(opf).toContain('printed on US Letter (tiny-student-letter.pdf)');
    const [width] = pdfPageSize(readFileSync(path.join(out, 'tiny-student-letter.pdf')));
    expect(Math.round(width)).toBe(612);
    // The booklet is made anew with pdf-lib; it keeps the guide's authors too.
    const booklet = await PDFDocument.load(readFileSync(path.join(out, 'tiny-student-booklet-letter.pdf')));
    expect(booklet.getAuthor()).toBe('A. Teacher, B. Teacher');
  });

  it('reads .yml files like .yaml ones, and finds their mistakes at their place', () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const guide = path.join(project, 'content', 'tiny');
    renameSync(path.join(guide, 'guide.yaml'), path.join(guide, 'guide.yml'));
    renameSync(path.join(guide, 'extras.yaml'), path.join(guide, 'extras.yml'));
    renameSync(path.join(guide, 'themes', 'colour.yaml'), path.join(guide, 'themes', 'colour.yml'));
    const built = run(project, 'build', 'tiny', '--format', 'xhtml', '--edition', 'student');
    expect(built).toMatchObject({ code: 0, stderr: '' });
    const xhtml = readFileSync(path.join(project, 'output', 'tiny', 'tiny-student.xhtml'), 'utf8');
    expect(xhtml).toContain('id="glossary"');
    expect(xhtml).toContain('The first paragraph about colour.');
    appendFileSync(path.join(guide, 'extras.yml'), 'glosary: []\n');
    const broken = run(project, 'check', 'tiny');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/content\/tiny\/extras\.yml:\d+:1: error: unknown key "glosary"/);
    writeFileSync(path.join(guide, 'themes', 'colour.yaml'), readFileSync(path.join(guide, 'themes', 'colour.yml')));
    expect(run(project, 'check', 'tiny').stderr).toContain('content/tiny/themes/colour.yml: error: colour.yml and colour.yaml are two files for one "colour"');
  });

  it('gives a hint for a misnamed Guide.yaml or glossary.yaml.txt instead of dropping it in silence', () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const guide = path.join(project, 'content', 'tiny');
    renameSync(path.join(guide, 'extras.yaml'), path.join(guide, 'extras.yaml.txt'));
    const checked = run(project, 'check', 'tiny');
    expect(checked.stderr).toContain('content/tiny/extras.yaml.txt: warning: extras.yaml.txt is not read: only files ending .yaml or .yml (in lower case) are\n   hint: rename it extras.yaml');
    renameSync(path.join(guide, 'guide.yaml'), path.join(guide, 'Guide.yaml'));
    const named = run(project, 'check', 'tiny');
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('error: there is no guide "tiny" (no tiny/guide.yaml)\n   hint: tiny/Guide.yaml is not read: rename it tiny/guide.yaml');
    // Building every guide would have skipped it without a word (the pack that lists it is set aside here).
    rmSync(path.join(project, 'content', 'packs'), { recursive: true });
    const all = run(project, 'check');
    expect(all.code).toBe(0);
    expect(all.stderr).toContain('content/tiny/Guide.yaml: warning: tiny is left out: it has no guide.yaml\n   hint: rename Guide.yaml guide.yaml');
  });

  it('says when --content names no folder, a file, or a guide folder: exit 1, no stack', () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const cases: [string, string][] = [
      ['nowhere', 'nowhere: error: the content folder does not exist\n   hint: run the command in the folder that holds content/, name the folder with --content, or start a guide with: studyguide new <name>'],
      ['content/tiny/guide.yaml', 'content/tiny/guide.yaml: error: the content folder is a file, not a folder'],
      ['content/tiny', 'content/tiny: error: this is a guide folder itself: --content names the folder that holds the guide folders\n   hint: use --content content and name the guide: tiny'],
    ];
    for (const [content, message] of cases) {
      for (const command of ['build', 'check']) {
        const result = run(project, command, '--content', content);
        expect(result.code, `${command} ${content}`).toBe(1);
        expect(result.stderr).toContain(message);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    }
    expect(run(mkdtempSync(path.join(tmpdir(), 'studyguide-empty-')), 'build').stderr).toContain('content: error: the content folder does not exist');
  });

  it('rejects a contact that is neither an email nor a web address, at its place', () => {
    const project = temporaryProject(path.join(FIXTURES, 'content'));
    const file = path.join(project, 'content', 'tiny', 'guide.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('contact: films@school.example', 'contact: ask at the office'));
    const result = run(project, 'check', 'tiny');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/tiny/guide.yaml:57:10: error: contact must be an email address (name@school.org) or a web address starting with https://');
  });
});

/** The first page's [width, height] in points, read from its MediaBox. */
function pdfPageSize(bytes: Buffer): [number, number] {
  const box = /\/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]/.exec(bytes.toString('latin1'))!;
  return [Number(box[3]), Number(box[4])];
}
