// Security: a build reads nothing outside its content, templates, fonts and program, opens no connection, gives templates no prototype access, and runs on patched libraries.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../src/compose/compose.js';
import { loadTemplates } from '../src/compose/templates.js';
import { loadGuide } from '../src/content/load.js';
import { FIXTURES, ROOT, TEMPLATES, tinyGuide } from './helpers.js';

const REPORT_NETWORK = path.join(FIXTURES, 'security', 'report-network.mjs');

/**
 * Runs the command under Node's permission model: it may read only the program (bin, dist, node_modules,
 * which also holds the fonts), the templates, the content folder and its own output folder, and write only
 * the output folder. Any other read fails with ERR_ACCESS_DENIED, which the command would report as exit 70.
 */
function confined(project: string, ...args: string[]) {
  const readable = [path.join(ROOT, 'bin', '*'), path.join(ROOT, 'dist', '*'), path.join(ROOT, 'node_modules', '*'), path.join(ROOT, 'package.json'), path.join(TEMPLATES, '*'), path.join(project, 'content', '*'), `${path.join(project, 'output')}*`, REPORT_NETWORK];
  // resvg (the EPUB cover) is a native addon; --allow-addons lets it load, and it reads no files of its own.
  const flags = ['--experimental-permission', '--allow-addons', ...readable.map((p) => `--allow-fs-read=${p}`), `--allow-fs-write=${path.join(project, 'output')}*`, '--import', REPORT_NETWORK];
  mkdirSync(path.join(project, 'output'), { recursive: true });
  const result = spawnSync(process.execPath, [...flags, path.join(ROOT, 'bin', 'studyguide.js'), ...args, '--content', path.join(project, 'content'), '--out', path.join(project, 'output')], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  // Node's own warnings about the experimental permission model are not ours.
  const stderr = result.stderr.replace(/^\(node:\d+\) (ExperimentalWarning|SecurityWarning).*\n/gm, '').replace(/^\(Use `node --trace-warnings.*\n/m, '');
  return { code: result.status, stdout: result.stdout, stderr };
}

function projectWith(extra?: (guideDir: string) => void): string {
  const project = mkdtempSync(path.join(tmpdir(), 'studyguide-confined-'));
  cpSync(tinyGuide, path.join(project, 'content', 'tiny'), { recursive: true });
  extra?.(path.join(project, 'content', 'tiny'));
  return project;
}

describe('a build', () => {
  it('makes every output while allowed to read only its content, templates, fonts and program, and opens no connection', () => {
    const result = confined(projectWith(), 'build', 'tiny');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(9);
  });

  it('turns away content that names files outside the guide, or web addresses, without trying to open them', () => {
    const project = projectWith((guideDir) => cpSync(path.join(FIXTURES, 'bad-input', 'images-rejected', 'notes.yaml'), path.join(guideDir, 'notes.yaml')));
    const result = confined(project, 'build', 'tiny');
    // Exit 1 with the located errors: had anything tried to read /etc/passwd, the permission model would have made it exit 70.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/tiny/notes.yaml:2:7: error: pictures cannot go inside text (found an image of "../../etc/passwd")');
    expect(result.stderr).toContain('5 errors, 0 warnings');
    expect(result.stderr).not.toContain('NETWORK');
  });

  it('is caught by the confinement when it does read elsewhere (the check can fail)', () => {
    const project = projectWith();
    const outside = path.join(tmpdir(), 'studyguide-elsewhere.yaml');
    writeFileSync(outside, 'sources: [x]\n');
    const result = confined(project, 'pack', outside);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ERR_ACCESS_DENIED');
  });

  it('is caught by the network report when something connects (the check can fail)', () => {
    const result = spawnSync(process.execPath, ['--import', REPORT_NETWORK, '-e', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"], { encoding: 'utf8' });
    expect(result.status).toBe(99);
    expect(result.stderr).toContain('NETWORK: socket');
  });
});

describe('templates', () => {
  it('cannot reach prototypes: {{guide.constructor}} and {{guide.__proto__}} give nothing, never a function', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-proto-'));
    cpSync(TEMPLATES, dir, { recursive: true });
    const colophon = path.join(dir, 'partials', 'colophon.hbs');
    writeFileSync(colophon, readFileSync(colophon, 'utf8').replace('<h1>Sources, credits and licence</h1>', '<h1>[{{guide.constructor}}][{{guide.__proto__}}][{{guide.constructor.name}}]</h1>'));
    const result = composeDocument(loadGuide(tinyGuide).guide!, 'student', loadTemplates(dir));
    // Handlebars 4.6+ with allowProto*ByDefault false: inherited properties resolve to nothing.
    if (result.document) expect(result.document.xhtml).toContain('<h1>[][][]</h1>');
    else expect(result.diagnostics[0]).toMatchObject({ code: 'template-render' });
    expect(JSON.stringify(result)).not.toMatch(/function Object|native code/);
  });
});

describe('dependencies', () => {
  // The fixed releases in research/reliability.md (§0 item 6 and §1): at or above each, and commander on 14 for Node 20.
  // jszip comes back only as docx's zip writer (docx 9.7; 9.8 and later need Node 22); 3.8.0 fixed its path traversal on reading.
  const MINIMUMS: Record<string, string> = { handlebars: '4.7.10', yaml: '2.8.3', 'markdown-it': '14.3.3', 'linkify-it': '5.0.2', 'js-yaml': '4.3.2', commander: '14.0.0', jszip: '3.10.0' };
  const installed = (name: string) => (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const atLeast = (version: string, minimum: string) => {
    const [a, b] = [version, minimum].map((v) => v.split('-')[0]!.split('.').map(Number));
    for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
    return true;
  };

  for (const [name, minimum] of Object.entries(MINIMUMS)) {
    it(`${name} is at ${minimum} or later`, () => expect(atLeast(installed(name), minimum), `${name} ${installed(name)}`).toBe(true));
  }

  it('commander stays on 14 (15 needs Node 22) and epub-gen-memory and ejs are not installed at all', () => {
    expect(installed('commander').split('.')[0]).toBe('14');
    for (const gone of ['epub-gen-memory', 'ejs']) expect(() => installed(gone), gone).toThrow();
  });
});
