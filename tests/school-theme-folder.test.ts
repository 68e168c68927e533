// A school's look given with --theme: a PNG logo drawn as an image, a guide's own theme.yaml laid over it, a course pack in it, and two looks in one process that never share a cached layout.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, buildPack } from '../src/build.js';
import { ROOT, TEMPLATES } from './helpers.js';
import { drawnOn, loadPdf } from './pdf-drawing.js';
import { buildOutputs, figureAlts, NORTHFIELD } from './school-fixture.js';

const THEME_ALT = 'The Northfield Schools Trust crest';
const CREST_WIDTH = 240;

/** content/northfield (its own look), content/plain (none), a pack of both, and a --theme folder with a PNG logo and a grey of its own. */
function makeProject(): { content: string; theme: string; pack: string } {
  const project = mkdtempSync(path.join(tmpdir(), 'studyguide-theme-folder-'));
  const content = path.join(project, 'content');
  cpSync(NORTHFIELD, path.join(content, 'northfield'), { recursive: true });
  cpSync(NORTHFIELD, path.join(content, 'plain'), { recursive: true });
  for (const own of ['theme.yaml', 'templates', 'logo.svg']) rmSync(path.join(content, 'plain', own), { recursive: true });
  const theme = path.join(project, 'school-look');
  mkdirSync(theme);
  const crest = new Resvg(readFileSync(path.join(NORTHFIELD, 'logo.svg')), { fitTo: { mode: 'width', value: CREST_WIDTH } }).render().asPng();
  writeFileSync(path.join(theme, 'crest.png'), crest);
  writeFileSync(path.join(theme, 'theme.yaml'), `colours:\n  muted: "#4a4a4a"\nlogo:\n  file: crest.png\n  alt: ${THEME_ALT}\n`);
  mkdirSync(path.join(content, 'packs'));
  const pack = path.join(content, 'packs', 'lighthouses.yaml');
  writeFileSync(pack, 'title: Two Lighthouse Films\nlanguage: en-GB\ndate: "2025-04-01"\nguides:\n  - northfield\n  - plain\n');
  return { content, theme, pack };
}

describe('--theme: a school’s look for every guide', () => {
  const { content, theme, pack } = makeProject();
  let outputs: Map<string, Uint8Array>;

  beforeAll(async () => {
    outputs = await buildOutputs(content, ['northfield', 'plain'], theme);
  }, 120_000);

  it('draws a PNG logo on the title page as an image XObject, inside a Figure with the theme folder’s alt text', async () => {
    const pdf = outputs.get('plain-student.pdf')!;
    expect(await figureAlts(pdf, 1)).toEqual([THEME_ALT]);
    const images = drawnOn(await loadPdf(pdf), 0).filter((d) => d.kind === 'xobject');
    expect(images).toContainEqual(expect.objectContaining({ tag: 'Figure', xobject: { subtype: '/Image', width: CREST_WIDTH } }));
    expect(await figureAlts(outputs.get('plain-handout.pdf')!, 1)).toEqual([THEME_ALT]);
  });

  it('lays the guide’s own theme.yaml over the theme folder’s: its logo and navy win, the folder’s grey still applies', async () => {
    const pdf = outputs.get('northfield-student.pdf')!;
    expect(await figureAlts(pdf, 1)).toEqual(['Northfield Academy crest, a lighthouse on a navy shield']);
    const titlePage = drawnOn(await loadPdf(pdf), 0);
    expect(titlePage.some((d) => d.kind === 'text' && d.colour === '#123a6b' && d.size === 40)).toBe(true);
    // The credit line is set in the muted colour, which only the theme folder names.
    expect(titlePage.some((d) => d.kind === 'text' && d.colour === '#4a4a4a')).toBe(true);
    expect(titlePage.some((d) => d.kind === 'text' && d.colour === '#5c5852')).toBe(false);
  });

  it('makes a course pack in the --theme look: the logo once on the pack’s title page, the guides’ own looks left out with a warning', async () => {
    const result = await buildPack({ packFile: pack, themeDir: theme, outDir: path.join(content, '..', 'output'), editions: ['student'], formats: ['pdf'], paper: 'a4', write: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, path.basename(d.file)])).toEqual([['look-not-used', 'theme.yaml']]);
    const bytes = result.files[0]!.bytes;
    expect(await figureAlts(bytes, 1)).toEqual([THEME_ALT]);
    const proxy = await getDocumentProxy(new Uint8Array(bytes));
    const pages = (await extractText(proxy, { mergePages: false })).text as string[];
    const figurePages = [];
    for (let page = 2; page <= proxy.numPages; page++) if ((await figureAlts(bytes, page)).length) figurePages.push(page);
    expect(figurePages).toEqual([]);
    const text = pages.join(' ').replace(/\s+/g, ' ');
    expect(text).not.toContain('Written for the Northfield Academy film club');
    expect(text.split('Sources, credits and licence').length - 1).toBeGreaterThanOrEqual(2);
  });
});

describe('a school’s own fonts', () => {
  it('sets headings in the theme folder’s own font files in the PDF, and embeds them in the EPUB and the web page', async () => {
    const theme = mkdtempSync(path.join(tmpdir(), 'studyguide-fonts-'));
    const noto = path.join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans');
    const faces = { regular: '400Regular/NotoSans_400Regular.ttf', italic: '400Regular_Italic/NotoSans_400Regular_Italic.ttf', bold: '700Bold/NotoSans_700Bold.ttf', bold_italic: '700Bold_Italic/NotoSans_700Bold_Italic.ttf' };
    mkdirSync(path.join(theme, 'fonts'));
    for (const [face, file] of Object.entries(faces)) cpSync(path.join(noto, file), path.join(theme, 'fonts', `School-${face}.ttf`));
    writeFileSync(path.join(theme, 'theme.yaml'), `fonts:\n  sans:\n${Object.keys(faces).map((face) => `    ${face}: ./fonts/School-${face}.ttf\n`).join('')}`);
    const outputs = await buildOutputs(path.join(ROOT, 'tests', 'fixtures', 'content'), ['tiny'], theme);
    const pdf = Buffer.from(outputs.get('tiny-student.pdf')!).toString('latin1');
    const baseFonts = new Set([...pdf.matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]));
    expect(baseFonts).toContain('NotoSans-Bold');
    expect([...baseFonts].filter((name) => name!.startsWith('PTSans'))).toEqual([]);
    const epub = unzipSync(outputs.get('tiny-student.epub')!);
    expect(strFromU8(epub['OEBPS/style.css']!)).toMatch(/@font-face \{ font-family: "Noto Sans"; font-style: normal; font-weight: bold; src: url\("fonts\/NotoSans-bold\.ttf"\)/);
    expect(epub['OEBPS/fonts/NotoSans-bold.ttf']!.length).toBe(readFileSync(path.join(theme, 'fonts', 'School-bold.ttf')).length);
    const html = Buffer.from(outputs.get('tiny-student.html')!).toString('utf8');
    expect(html).toMatch(/@font-face \{ font-family: "Noto Sans"; font-style: normal; font-weight: 700; src: url\("data:font\/woff2;base64,/);
    expect(html).toMatch(/h1, h2, h3, h4, \.label, \.edition, th, dt \{ font-family: "Noto Sans"/);
  }, 120_000);
});

describe('preview --theme', () => {
  it('rebuilds when a file in the theme folder is saved: a new alt text shows, a bad colour is reported in the page', async () => {
    const { content, theme } = makeProject();
    const { startPreview } = await import('../src/preview/server.js');
    const preview = await startPreview({ contentDir: content, templatesDir: TEMPLATES, themeDir: theme, guide: 'plain', edition: 'student', paper: 'a4', pdf: false, port: 0 });
    const page = async () => (await fetch(preview.url)).text();
    const save = async (text: string) => {
      const rebuilt = preview.nextRebuild();
      writeFileSync(path.join(theme, 'theme.yaml'), text);
      return rebuilt;
    };
    try {
      expect(await page()).toContain(`alt="${THEME_ALT}"`);
      await save(`logo:\n  file: crest.png\n  alt: The crest, redrawn\n`);
      expect(await page()).toContain('alt="The crest, redrawn"');
      const broken = await save(`colours:\n  muted: "#bbbbbb"\nlogo:\n  file: crest.png\n  alt: The crest, redrawn\n`);
      expect(broken.diagnostics.map((d) => [d.code, path.basename(d.file), d.line])).toEqual([['low-contrast', 'theme.yaml', 2]]);
      expect(await page()).toContain('colours.muted &quot;#bbbbbb&quot;');
    } finally {
      await preview.close();
    }
  }, 120_000);
});

describe('two looks in one process', () => {
  const { content } = makeProject();
  const alone = (guide: string) => {
    const out = mkdtempSync(path.join(tmpdir(), 'studyguide-alone-'));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'studyguide.js'), 'build', guide, '--content', content, '--out', out, '--format', 'pdf', '--edition', 'student'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return new Uint8Array(readFileSync(path.join(out, guide, `${guide}-student.pdf`)));
  };

  it('lays each guide out as it is laid out alone: no measurement of one look is reused for the other', async () => {
    // In both orders, so whichever look a cache met first, the other must not inherit it (the Northfield line height, 1.5, in the Greek word's lines).
    for (const guides of [['northfield', 'plain'], ['plain', 'northfield']]) {
      const result = await build({ contentDir: content, outDir: path.join(content, '..', 'output'), guides, editions: ['student'], formats: ['pdf'], paper: 'a4', write: false });
      for (const file of result.files) expect(Buffer.from(file.bytes).equals(Buffer.from(alone(file.publication))), `${file.publication} after ${guides[0]}`).toBe(true);
    }
  }, 120_000);
});
