// Protects the installable tool: the sources are packed as a user would get them, installed from the registry into an empty prefix, and used from there.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * npm run sets npm_config_* and npm_package_* for the running project (npm_config_local_prefix would make
 * every npm command below act on this repository); the commands here must see a clean machine's settings.
 */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_PATH'));
const exec = (command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) => {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...cleanEnv, NO_COLOR: '1' }, timeout: 300_000, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
};

// The test needs the npm registry to install the dependencies; without it, it is skipped (and says so).
const registryReachable = exec('npm', ['ping'], { cwd: tmpdir(), timeout: 30_000 }).code === 0;

/** What a clone holds of the package's own files (node_modules linked, not copied, so the compiler is at hand). */
function cloneSources(into: string): void {
  for (const entry of ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'bin', 'src', 'templates', 'schema']) {
    cpSync(path.join(ROOT, entry), path.join(into, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
}

// Each step installs or builds for real, on machines whose two cores other suites share.
describe.skipIf(!registryReachable)('the packed package, installed with npm install -g', { timeout: 240_000 }, () => {
  let stage: string;
  let tarball: string;
  let packed: { files: { path: string }[]; size: number; unpackedSize: number; entryCount: number };
  let prefix: string;
  let installSeconds: number;
  const installed = () => path.join(prefix, 'bin', 'studyguide');

  beforeAll(() => {
    stage = mkdtempSync(path.join(tmpdir(), 'studyguide-package-'));
    const source = path.join(stage, 'source');
    mkdirSync(source);
    cloneSources(source);
    // prepack compiles dist/ afresh: the tarball never depends on a build someone forgot to run.
    const pack = exec('npm', ['pack', '--json', '--pack-destination', stage], { cwd: source });
    expect(pack.stderr.match(/npm error.*/g) ?? [], pack.stderr).toEqual([]);
    packed = JSON.parse(pack.stdout)[0];
    tarball = path.join(stage, (packed as unknown as { filename: string }).filename);
    prefix = path.join(stage, 'prefix');
    const start = performance.now();
    const install = exec('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: stage });
    installSeconds = (performance.now() - start) / 1000;
    expect(install.code, install.stderr).toBe(0);
  }, 600_000);

  it('holds the compiled code, the command, the templates and the schemas, and nothing else', () => {
    const files = packed.files.map((f) => f.path);
    const allowed = /^(package\.json|README\.md|bin\/studyguide\.js|dist\/.+\.js|templates\/.+\.(hbs|yaml)|schema\/.+\.schema\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    for (const needed of ['bin/studyguide.js', 'dist/cli.js', 'dist/new-guide.js', 'dist/render/pdf/index.js', 'templates/theme.yaml', 'templates/document.hbs', 'templates/new-guide/guide.yaml.hbs', 'templates/new-guide/themes/first-theme.yaml.hbs', 'schema/guide.schema.json', 'schema/theme.schema.json']) {
      expect(files).toContain(needed);
    }
    // The checking tools need the development dependencies; they stay in the repository.
    expect(files.filter((f) => /^(dist\/(verify|tools)\/|tests\/|src\/|content\/)|\.map$/.test(f))).toEqual([]);
    expect(packed.entryCount).toBe(files.length);
    console.info(`tarball: ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked, ${packed.entryCount} files; install into an empty prefix: ${installSeconds.toFixed(1)} s`);
  });

  it('answers --help and --version from the installed command', () => {
    const help = exec(installed(), ['--help'], { cwd: stage });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('new [options] <name>');
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(exec(installed(), ['--version'], { cwd: stage }).stdout).toBe(`${version}\n`);
  });

  it('starts a guide with new, builds every default output and checks it, in a folder of its own', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'studyguide-installed-'));
    const made = exec(installed(), ['new', 'tokyo-story', '--title', 'Tokyo Story', '--director', 'Yasujirō Ozu', '--year', '1953'], { cwd: project });
    expect(made.code, made.stderr).toBe(0);
    // The editor's schema is the one installed with the command.
    const firstLine = readFileSync(path.join(project, 'content', 'tokyo-story', 'guide.yaml'), 'utf8').split('\n')[0]!;
    const schema = path.join(prefix, 'lib', 'node_modules', 'studyguide', 'schema', 'guide.schema.json');
    expect(firstLine).toBe(`# yaml-language-server: $schema=${schema}`);
    expect(existsSync(schema)).toBe(true);
    const built = exec(installed(), ['build'], { cwd: project });
    expect(built.code, built.stderr).toBe(0);
    const out = path.join(project, 'output', 'tokyo-story');
    const expected = ['tokyo-story-student.pdf', 'tokyo-story-student.epub', 'tokyo-story-student.html', 'tokyo-story-student.docx', 'tokyo-story-student-booklet.pdf', 'tokyo-story-handout.pdf', 'tokyo-story-teacher.pdf', 'tokyo-story-teacher.epub', 'tokyo-story-teacher.docx'];
    expect(readdirSync(out).sort()).toEqual([...expected].sort());
    const magic: Record<string, string> = { pdf: '%PDF-', epub: 'PK\u0003\u0004', docx: 'PK\u0003\u0004', html: '<!DOC' };
    for (const name of expected) {
      expect(statSync(path.join(out, name)).size, name).toBeGreaterThan(1000);
      expect(readFileSync(path.join(out, name)).subarray(0, 5).toString('latin1').startsWith(magic[path.extname(name).slice(1)]!), name).toBe(true);
    }
    // The PT fonts came from the installed copy's own dependencies and are embedded.
    expect(readFileSync(path.join(out, 'tokyo-story-student.pdf')).toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+PTSerif-Regular/);
    expect(exec(installed(), ['check'], { cwd: project })).toMatchObject({ code: 0, stdout: 'ok: tokyo-story (2 editions composed)\n' });
  });

  it('finds its fonts among its own installed dependencies', () => {
    const dist = path.join(prefix, 'lib', 'node_modules', 'studyguide', 'dist');
    const script = `import('${path.join(dist, 'font-files.js')}').then((m) => console.log(m.resolveFontFile('@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf')))`;
    const resolved = exec(process.execPath, ['-e', script], { cwd: stage });
    expect(resolved.stdout.trim().startsWith(path.join(prefix, 'lib', 'node_modules', 'studyguide', 'node_modules'))).toBe(true);
  });

  it('runs from the tarball with npx, without installing it first', () => {
    const result = exec('npx', ['--yes', '--package', tarball, 'studyguide', '--help'], { cwd: mkdtempSync(path.join(tmpdir(), 'studyguide-npx-')) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Usage: studyguide');
  });
});
