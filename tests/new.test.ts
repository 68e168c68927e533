// Protects `studyguide new`: through the real command, a new guide is complete, claims nothing about the film, builds at once, and never overwrites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'studyguide.js');
const run = (cwd: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const emptyProject = () => mkdtempSync(path.join(tmpdir(), 'studyguide-new-'));
const TOKYO = ['--title', 'Tokyo Story', '--director', 'Yasujirō Ozu', '--year', '1953'];

/** Every string in a YAML value, with its path. */
function strings(value: unknown, at = ''): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

describe('studyguide new', () => {
  let project: string;
  let made: ReturnType<typeof run>;
  const guideDir = () => path.join(project, 'content', 'tokyo-story');
  beforeAll(() => {
    project = emptyProject();
    made = run(project, 'new', 'tokyo-story', ...TOKYO);
  });

  it('creates content/ and the guide folder, lists the files and says what to do next', () => {
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(readdirSync(project)).toEqual(['content']);
    expect(readdirSync(path.join(project, 'content'))).toEqual(['tokyo-story']);
    expect(readdirSync(guideDir(), { recursive: true }).map(String).sort()).toEqual(['guide.yaml', 'themes', path.join('themes', 'first-theme.yaml')]);
    expect(made.stdout).toMatch(/^wrote content\/tokyo-story\/guide\.yaml\nwrote content\/tokyo-story\/themes\/first-theme\.yaml\n/);
    expect(made.stdout).toContain('"Replace this:"');
    expect(made.stdout).toContain('studyguide check tokyo-story');
    expect(made.stdout).toContain('studyguide build tokyo-story');
    expect(made.stdout).toContain('output/tokyo-story/');
  });

  it('names the installed JSON Schema on the first line of each file', () => {
    for (const [file, schema] of [['guide.yaml', 'guide.schema.json'], [path.join('themes', 'first-theme.yaml'), 'theme.schema.json']] as const) {
      const first = readFileSync(path.join(guideDir(), file), 'utf8').split('\n')[0]!;
      const target = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(target, file).toBeDefined();
      expect(path.resolve(path.dirname(path.join(guideDir(), file)), target!)).toBe(path.join(ROOT, 'schema', schema));
    }
  });

  it('puts in only what the command line says about the film; every other text is a default or a placeholder saying what to write', () => {
    const guide = parse(readFileSync(path.join(guideDir(), 'guide.yaml'), 'utf8'));
    const theme = parse(readFileSync(path.join(guideDir(), 'themes', 'first-theme.yaml'), 'utf8'));
    expect(guide).toMatchObject({ title: 'Tokyo Story', director: 'Yasujirō Ozu', year: 1953, themes: ['first-theme'] });
    expect(guide.facts).toEqual([{ label: 'Year of release', value: '1953' }]);
    expect(guide.credits).toEqual([{ role: 'Director', names: ['Yasujirō Ozu'] }]);
    expect(guide.original_title).toBeUndefined();
    // Ids, levels, the guide's own language, version, date and licence are the guide's settings, not claims about the film.
    const settings = new Set(['en-GB', '0.1', guide.date, guide.licence, 'first-theme', 'before-first', 'after-first', 'first-theme-first', 'recall', 'analysis', 'Year of release', 'Director']);
    const given = new Set(['Tokyo Story', 'Yasujirō Ozu', '1953']);
    const placeholders = [...strings(guide), ...strings(theme)].filter(({ text }) => !settings.has(text) && !given.has(text));
    expect(placeholders.length).toBeGreaterThanOrEqual(12);
    for (const { at, text } of placeholders) expect(text, at).toMatch(/^Replace this: /);
    expect(guide.date).toBe(new Date().toISOString().slice(0, 10));
  });

  it('builds at once: exit 0, every default output, and one warning per file listing the placeholders left', () => {
    const built = run(project, 'build');
    expect(built.code).toBe(0);
    const names = ['tokyo-story-student.pdf', 'tokyo-story-student.epub', 'tokyo-story-student.html', 'tokyo-story-student.docx', 'tokyo-story-student-booklet.pdf', 'tokyo-story-handout.pdf', 'tokyo-story-teacher.pdf', 'tokyo-story-teacher.epub', 'tokyo-story-teacher.docx'];
    expect(readdirSync(path.join(project, 'output', 'tokyo-story')).sort()).toEqual([...names].sort());
    expect(built.stderr).toContain('content/tokyo-story/guide.yaml:26:5: warning: 10 placeholders from studyguide new are still here (lines 26, 27,');
    expect(built.stderr).toContain('content/tokyo-story/themes/first-theme.yaml:5:8: warning: 4 placeholders from studyguide new are still here');
    expect(built.stderr).toContain('0 errors, 2 warnings');
    const check = run(project, 'check');
    expect(check).toMatchObject({ code: 0, stdout: 'ok: tokyo-story (2 editions composed)\n' });
  });

  it('stops warning once the placeholders are replaced', () => {
    const copy = emptyProject();
    run(copy, 'new', 'tokyo-story', ...TOKYO);
    for (const file of ['guide.yaml', path.join('themes', 'first-theme.yaml')]) {
      const full = path.join(copy, 'content', 'tokyo-story', file);
      writeFileSync(full, readFileSync(full, 'utf8').replaceAll('Replace this: ', 'Written: '));
    }
    expect(run(copy, 'check')).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses to write over an existing folder, and leaves it as it was', () => {
    const before = readFileSync(path.join(guideDir(), 'guide.yaml'));
    const again = run(project, 'new', 'tokyo-story', '--title', 'Other', '--director', 'Someone', '--year', '2000');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('error: content/tokyo-story already exists; studyguide new never writes over a folder: choose another name, or move that one away first\n');
    expect(readFileSync(path.join(guideDir(), 'guide.yaml')).equals(before)).toBe(true);
    expect(readdirSync(path.join(project, 'content'))).toEqual(['tokyo-story']);
  });
});

describe('studyguide new, with other flags and bad ones', () => {
  it('writes the original title with its language, and the guide says it in the film chapter', () => {
    const project = emptyProject();
    const made = run(project, 'new', 'beanpole', '--title', 'Beanpole', '--director', 'Kantemir Balagov', '--year', '2019', '--original-title', 'Дылда', '--lang', 'ru', '--content', 'guides');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('studyguide build beanpole --content guides');
    const guide = parse(readFileSync(path.join(project, 'guides', 'beanpole', 'guide.yaml'), 'utf8'));
    expect(guide.original_title).toEqual({ text: 'Дылда', lang: 'ru' });
    const built = run(project, 'build', '--content', 'guides', '--format', 'xhtml', '--edition', 'student');
    expect(built.code).toBe(0);
    const xhtml = readFileSync(path.join(project, 'output', 'beanpole', 'beanpole-student.xhtml'), 'utf8');
    expect(xhtml).toContain('<p>The original title is <span lang="ru" xml:lang="ru">Дылда</span>.</p>');
  });

  it('takes an original title in another script when a font for it is installed (Japanese, from the development dependencies)', () => {
    const project = emptyProject();
    const made = run(project, 'new', 'tokyo-story', ...TOKYO, '--original-title', '東京物語', '--lang', 'ja');
    expect(made.code, made.stderr).toBe(0);
    expect(parse(readFileSync(path.join(project, 'content', 'tokyo-story', 'guide.yaml'), 'utf8')).original_title).toEqual({ text: '東京物語', lang: 'ja' });
    expect(run(project, 'check')).toMatchObject({ code: 0, stdout: 'ok: tokyo-story (2 editions composed)\n' });
  });

  it('quotes titles that YAML would misread', () => {
    const project = emptyProject();
    const title = 'Dr. Strangelove: or How I Learned to Stop Worrying and Love the Bomb';
    expect(run(project, 'new', 'strangelove', '--title', title, '--director', 'Stanley Kubrick', '--year', '1964').code).toBe(0);
    expect(parse(readFileSync(path.join(project, 'content', 'strangelove', 'guide.yaml'), 'utf8')).title).toBe(title);
    expect(run(project, 'check').code).toBe(0);
  });

  it('refuses bad flags with exit 2 and a message saying what to give, writing nothing', () => {
    const project = emptyProject();
    const cases: [string[], string][] = [
      [['new', 'Tokyo Story', ...TOKYO], 'error: the guide\'s name "Tokyo Story" must be lower-case letters and digits joined by hyphens: it names the folder and every output file; try tokyo-story\n'],
      [['new', 'tokyo', '--title', 'Tokyo Story', '--director', 'Yasujirō Ozu', '--year', '53'], 'error: --year must be the year of release, e.g. 1953 (got "53")\n'],
      [['new', 'tokyo', ...TOKYO, '--lang', 'ja'], 'error: --original-title and --lang go together'],
      [['new', 'tokyo', ...TOKYO, '--original-title', 'Tokyo monogatari', '--lang', 'JA_jp'], 'error: --lang must be a language tag such as "ru" or "en-GB" (got "JA_jp")\n'],
      [['new', 'tokyo', ...TOKYO, '--original-title', '𓀀', '--lang', 'egy'], 'error: the guide cannot be printed with the words given:\n  the character "𓀀" (U+13000) is in none of the fonts'],
      [['new', 'tokyo', '--title', ' ', '--director', 'Yasujirō Ozu', '--year', '1953'], 'error: --title must not be empty\n'],
      [['new', 'tokyo', '--director', 'Yasujirō Ozu', '--year', '1953'], "error: required option '--title <text>' not specified"],
    ];
    for (const [args, message] of cases) {
      const result = run(project, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(path.join(project, 'content')) ? readdirSync(path.join(project, 'content')) : []).toEqual([]);
  });

  it('says in --help where the new folder goes', () => {
    const help = run(ROOT, 'new', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('writes content/<name>/ (creating content/ if needed)');
    expect(help.stdout).toContain('--original-title <text>');
  });

  it('leaves nothing behind in content/ when a name is taken by a file', () => {
    const project = emptyProject();
    mkdirSync(path.join(project, 'content'));
    writeFileSync(path.join(project, 'content', 'tokyo'), 'not a folder');
    expect(run(project, 'new', 'tokyo', ...TOKYO).code).toBe(2);
    expect(readdirSync(path.join(project, 'content'))).toEqual(['tokyo']);
  });
});
