// The bad-input corpus: each folder in tests/fixtures/bad-input/ is laid over the tiny guide (and the templates), and `check` must report exactly expected.txt.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITIONS } from '../src/compose/compose.js';
import { prepare } from '../src/prepare.js';
import { formatDiagnostic, sortDiagnostics } from '../src/diagnostics.js';
import { FIGURE_CASES } from './figure-cases.js';
import { LOOK_CASES } from './look-cases.js';
import { FIXTURES, ROOT, TEMPLATES } from './helpers.js';

const CORPUS = path.join(FIXTURES, 'bad-input');

/** What a generated case may change about the run: another content folder, other guide names, a --theme folder. */
interface RunOptions {
  contentDir?: string;
  guides?: string[];
  themeDir?: string;
}

/**
 * Cases that cannot be kept as files (too big, links, pipes, odd folder names): made when the test runs,
 * in the project folder, with the guide at content/tiny. Each has a README in its folder saying what it makes.
 */
const GENERATED: Record<string, (guideDir: string, project: string) => RunOptions | void | Promise<RunOptions | void>> = {
  ...FIGURE_CASES,
  ...LOOK_CASES,
  'file-too-large': (guideDir) => writeFileSync(path.join(guideDir, 'notes.yaml'), `sources:\n${'  - A source, repeated to make the file large.\n'.repeat(120_000)}`),
  'files-content-is-a-file': (_, project) => {
    writeFileSync(path.join(project, 'content.yaml'), 'title: not a folder\n');
    return { contentDir: path.join(project, 'content.yaml') };
  },
  'files-themes-is-a-file': (guideDir) => {
    rmSync(path.join(guideDir, 'themes'), { recursive: true });
    writeFileSync(path.join(guideDir, 'themes'), 'colour\n');
  },
  'files-guide-folder-link-outside': (guideDir, project) => {
    cpSync(guideDir, path.join(project, 'elsewhere', 'shared'), { recursive: true });
    symlinkSync(path.join(project, 'elsewhere', 'shared'), path.join(project, 'content', 'shared'));
    return { guides: ['shared'] };
  },
  // A zip can carry a guide.yaml that is a link to a secret elsewhere: it is named, never opened, and no line of it is shown.
  'files-guide-yaml-link-outside': (guideDir, project) => {
    writeFileSync(path.join(project, 'shadow'), 'root:$6$SECRET-HASH:19000:0:99999:7:::\nnot: [yaml\n');
    rmSync(path.join(guideDir, 'guide.yaml'));
    symlinkSync(path.join(project, 'shadow'), path.join(guideDir, 'guide.yaml'));
  },
  'files-themes-folder-link-outside': (guideDir, project) => {
    cpSync(path.join(guideDir, 'themes'), path.join(project, 'other-themes'), { recursive: true });
    rmSync(path.join(guideDir, 'themes'), { recursive: true });
    symlinkSync(path.join(project, 'other-themes'), path.join(guideDir, 'themes'));
  },
  'files-dangling-link': (guideDir) => symlinkSync(path.join(guideDir, 'gone', 'notes.yaml'), path.join(guideDir, 'notes.yaml')),
  'files-link-loop': (guideDir) => {
    symlinkSync(path.join(guideDir, 'b.yaml'), path.join(guideDir, 'a.yaml'));
    symlinkSync(path.join(guideDir, 'a.yaml'), path.join(guideDir, 'b.yaml'));
  },
  // A read would block on a pipe for ever; it is refused by its type before it is opened.
  'files-named-pipe': (guideDir) => execFileSync('mkfifo', [path.join(guideDir, 'notes.yaml')]),
  'files-guide-yaml-named-pipe': (guideDir) => {
    rmSync(path.join(guideDir, 'guide.yaml'));
    execFileSync('mkfifo', [path.join(guideDir, 'guide.yaml')]);
  },
  'files-folder-named-yaml': (guideDir) => mkdirSync(path.join(guideDir, 'notes.yaml')),
  'files-yml-extension-read': (guideDir) => writeFileSync(path.join(guideDir, 'notes.yml'), 'sources:\n  - A source.\nsoruces: []\n'),
  // What a Mac leaves in a zip beside each file: binary, and hidden.
  'files-hidden-yaml-warned': (guideDir) => writeFileSync(path.join(guideDir, '._guide.yaml'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63])),
  // A theme file linked to another file inside the guide's own folder is read as usual.
  'files-link-inside-guide-accepted': (guideDir) => {
    cpSync(path.join(guideDir, 'themes', 'colour.yaml'), path.join(guideDir, 'colour-master.yaml.txt'));
    rmSync(path.join(guideDir, 'themes', 'colour.yaml'));
    symlinkSync(path.join('..', 'colour-master.yaml.txt'), path.join(guideDir, 'themes', 'colour.yaml'));
  },
  // A flood of one mistake is reported at five places and counted, not 20,000 times; a quote nested 20,000 deep once.
  'markdown-flood-of-comments': (guideDir) => writeFileSync(path.join(guideDir, 'themes', 'colour.yaml'), themeWithBody(`Text.\n${'<!-- a note\n'.repeat(20_000)}`)),
  'markdown-quote-nested-deep': (guideDir) => writeFileSync(path.join(guideDir, 'themes', 'colour.yaml'), themeWithBody(`${'>'.repeat(20_000)} deep`)),
  // A folder named "café" with a decomposed é (as a Mac or a zip may write it) is found when typed with a composed one.
  'files-decomposed-folder-name-accepted': (guideDir, project) => {
    cpSync(guideDir, path.join(project, 'content', 'cafe\u0301'), { recursive: true });
    rmSync(guideDir, { recursive: true });
    return { guides: ['caf\u00e9'] };
  },
};

/** The tiny guide's theme chapter with another body. */
function themeWithBody(body: string): string {
  const indented = body.split('\n').map((line) => (line ? `  ${line}` : line)).join('\n');
  return `id: colour\ntitle: Colour\nbody: |\n${indented}\nquestions:\n  - id: colour-one\n    level: analysis\n    prompt: What does green mean here?\n`;
}

/**
 * A project folder: content/tiny with the case's files laid over it, and templates/ with the case's templates.
 * A case's guide-templates/ becomes the guide's own templates/ folder, and its theme-folder/ the --theme folder.
 */
async function projectFor(caseName: string): Promise<{ project: string; run: RunOptions }> {
  const project = realpathSync(mkdtempSync(path.join(tmpdir(), `studyguide-${caseName}-`)));
  const guideDir = path.join(project, 'content', 'tiny');
  cpSync(path.join(FIXTURES, 'content', 'tiny'), guideDir, { recursive: true });
  cpSync(TEMPLATES, path.join(project, 'templates'), { recursive: true });
  const caseDir = path.join(CORPUS, caseName);
  const places: Record<string, string> = { templates: path.join(project, 'templates'), 'guide-templates': path.join(guideDir, 'templates'), 'theme-folder': path.join(project, 'theme') };
  const run: RunOptions = {};
  if (existsSync(caseDir)) {
    for (const entry of readdirSync(caseDir)) {
      if (entry === 'expected.txt' || entry === 'README') continue;
      cpSync(path.join(caseDir, entry), places[entry] ?? path.join(guideDir, entry), { recursive: true });
      if (entry === 'theme-folder') run.themeDir = places[entry];
    }
  }
  return { project, run: { ...run, ...((await GENERATED[caseName]?.(guideDir, project)) ?? {}) } };
}

/** What `studyguide check` prints on stderr, with paths relative to the project folder (and the folder itself as <project> in messages). */
function checkReport(project: string, run: RunOptions): string {
  const { diagnostics } = prepare({
    contentDir: run.contentDir ?? path.join(project, 'content'),
    templatesDir: path.join(project, 'templates'),
    guides: run.guides ?? ['tiny'],
    themeDir: run.themeDir,
    editions: EDITIONS,
  });
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  };
  return sortDiagnostics(diagnostics)
    .map((d) => `${formatDiagnostic(d, read, project)}\n`)
    .join('\n')
    .replaceAll(project, '<project>');
}

// A generated case keeps its expected.txt in the corpus too: each case once.
const cases = [...new Set([...readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'expected.txt')) || process.env.UPDATE), ...Object.keys(GENERATED)])];

describe('bad input', () => {
  it('has a case for every kind of mistake in the issues', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  for (const name of cases) {
    it(`${name}: reports exactly what expected.txt says (UPDATE=1 rewrites it)`, async () => {
      const { project, run } = await projectFor(name);
      try {
        const report = checkReport(project, run);
        const expectedFile = path.join(CORPUS, name, 'expected.txt');
        if (process.env.UPDATE) writeFileSync(expectedFile, report);
        expect(report).toBe(readFileSync(expectedFile, 'utf8'));
        // Read again in the same process (as the preview rebuilds), with every cache warm: the same report.
        expect(checkReport(project, run)).toBe(report);
        // A case named "…-accepted" is input that must be read without complaint, "…-warned" gets warnings only; every other one must be an error.
        if (name.endsWith('-accepted')) expect(report).toBe('');
        else if (name.endsWith('-warned')) expect(report).toMatch(/^\S+: warning: /);
        else expect(report).toMatch(/^\S+:\d+:\d+: error: |^\S+: error: /m);
        // Nothing of a file outside the guide ever reaches a message.
        expect(report).not.toContain('SECRET');
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  }
});

describe('the command line, on file-system surprises', () => {
  const BIN = path.join(ROOT, 'bin', 'studyguide.js');
  const studyguide = (project: string, run: RunOptions, command: string) =>
    spawnSync(process.execPath, [BIN, command, ...(run.guides ?? ['tiny']), '--content', run.contentDir ?? path.join(project, 'content'), ...(command === 'build' ? ['--out', path.join(project, 'output')] : [])], {
      cwd: project,
      encoding: 'utf8',
      // A read of a named pipe would wait for ever: the limit turns that into a failure instead of a hung test.
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });

  for (const name of ['files-named-pipe', 'files-guide-yaml-named-pipe', 'files-guide-yaml-link-outside', 'files-content-is-a-file', 'files-themes-is-a-file', 'files-guide-folder-link-outside']) {
    it(`${name}: check and build end at once in exit 1 with the corpus's report, no stack, nothing of a file outside`, async () => {
      const { project, run } = await projectFor(name);
      try {
        const expected = readFileSync(path.join(CORPUS, name, 'expected.txt'), 'utf8').split('\n')[0]!.replace('<project>', project);
        for (const command of ['check', 'build']) {
          const result = studyguide(project, run, command);
          expect(result.error, command).toBeUndefined();
          expect(result.status, `${command}: ${result.stderr}`).toBe(1);
          expect(result.stderr).toContain(expected);
          expect(result.stderr).not.toMatch(/\n\s+at |SECRET|internal error/);
        }
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    });
  }

  it('a guide.yaml linked to a named pipe outside the guide is refused by where it points, never opened (opening would block)', async () => {
    const { project } = await projectFor('schema-enum-value');
    try {
      const guideYaml = path.join(project, 'content', 'tiny', 'guide.yaml');
      execFileSync('mkfifo', [path.join(project, 'pipe')]);
      rmSync(guideYaml);
      symlinkSync(path.join(project, 'pipe'), guideYaml);
      const result = studyguide(project, {}, 'check');
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`content/tiny/guide.yaml: error: the file guide.yaml is a link to ${project}/pipe, outside tiny/; nothing outside it is read`);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('leaves the last good outputs byte-identical when a later build meets a link out of the guide', async () => {
    const { project } = await projectFor('markdown-table-accepted');
    try {
      expect(studyguide(project, {}, 'build').status).toBe(0);
      const outputs = path.join(project, 'output', 'tiny');
      const before = Object.fromEntries(readdirSync(outputs).map((f) => [f, readFileSync(path.join(outputs, f))]));
      writeFileSync(path.join(project, 'secret.yaml'), 'sources: [SECRET\n');
      symlinkSync(path.join(project, 'secret.yaml'), path.join(project, 'content', 'tiny', 'notes.yaml'));
      const result = studyguide(project, {}, 'build');
      expect(result.status).toBe(1);
      expect(result.stderr).not.toContain('SECRET');
      const after = Object.fromEntries(readdirSync(outputs).map((f) => [f, readFileSync(path.join(outputs, f))]));
      expect(after).toEqual(before);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});
