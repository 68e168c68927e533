// The nine world guides built whole by the real command: what a teacher typed in their scripts comes back as typed from the PDF, is drawn, passes EPUBCheck and Ace, and shows in our own faces in Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { chromium, type Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mainScript } from '../src/fonts/chain.js';
import { fontChainFor } from '../src/fonts/theme-chain.js';
import { DEFAULT_FORMATS, fileName } from '../src/plan.js';
import { drawnText, notdefGlyphs } from '../src/verify/pdf-glyphs.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { comparable, occurrences, timesExtracted } from './extracted-text.js';
import { FIXTURES, ROOT, theme } from './helpers.js';
import { ace, CHROMIUM, epubcheck, epubcheckMessages, inTurn, studyguide, type EpubCheckReport, type Finished } from './outside-tools.js';
import type { CheckResult } from '../src/verify/tools.js';
import { fontsChromiumUsed, openPage, probeString, removeProbes } from './web-fonts-used.js';

const WORLD = path.join(FIXTURES, 'content', 'world');
const GUIDES = ['ja', 'ko', 'zh-hans', 'ar', 'fa', 'he', 'hi', 'el', 'vi'] as const;
// Ace takes about 8 s a book on these machines, all nine near 75 s: it runs on the four whose text is set most
// differently (Han and kana; Arabic and Hebrew, right to left in two faces; Devanagari, shaped). What Ace checks
// (structure, lang and dir marking, metadata) comes from the same templates in all nine.
const ACE_GUIDES = new Set(['ja', 'ar', 'hi', 'he']);
const out = mkdtempSync(path.join(tmpdir(), 'studyguide-world-'));
const file = (guide: string, edition: 'student' | 'teacher', format: (typeof DEFAULT_FORMATS)[number]) => path.join(out, guide, fileName(guide, edition, format));

interface Typed {
  text: string;
  lang?: string;
  /** How often the guide's YAML holds it: each place should come back at least once. */
  times: number;
}

/** The guide's YAML files, NFC as the loader reads them, comment lines left out. */
function sourcesOf(guide: string): string[] {
  const dir = path.join(WORLD, guide);
  const files = [path.join(dir, 'guide.yaml'), ...readdirSync(path.join(dir, 'themes')).map((name) => path.join(dir, 'themes', name))];
  return files.map((f) => readFileSync(f, 'utf8').normalize('NFC').split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n'));
}

/** What the teacher typed in the film's own language: its title and transliteration, people, and glossary terms. */
function typedStrings(guide: string): Typed[] {
  const sources = sourcesOf(guide);
  const meta = parse(sources[0]!) as {
    original_title: { text: string; lang: string; transliteration?: string };
    director: string;
    credits: { names: string[] }[];
    cast: { actor: string; role: string }[];
    glossary: { terms: { term: string; lang?: string; transliteration?: string }[] }[];
  };
  const lang = meta.original_title.lang;
  const texts: [string | undefined, string | undefined][] = [
    [meta.original_title.text, lang],
    [meta.original_title.transliteration, undefined],
    [meta.director, lang],
    ...meta.credits.flatMap((credit) => credit.names.map((name): [string, string] => [name, lang])),
    ...meta.cast.flatMap((person): [string, string][] => [[person.actor, lang], [person.role, lang]]),
    ...meta.glossary.flatMap((group) => group.terms.flatMap((term): [string | undefined, string | undefined][] => [[term.term, term.lang], [term.transliteration, undefined]])),
  ];
  const unique = new Map<string, string | undefined>();
  for (const [text, textLang] of texts) if (text && !unique.has(text.normalize('NFC'))) unique.set(text.normalize('NFC'), textLang);
  return [...unique].map(([text, textLang]) => ({ text, lang: textLang, times: sources.reduce((sum, source) => sum + occurrences(source, text), 0) }));
}

/** Strings that came back fewer times than typed, or with their letters in visual (reversed) order. */
function misread(text: string, typed: Typed[]): { text: string; typed: number; found: number; reversed?: number }[] {
  return typed.flatMap((t) => {
    const found = timesExtracted(text, t.text);
    const backwards = [...t.text].reverse().join('');
    const reversed = /[\u0590-\u08ff]/.test(t.text) && backwards !== t.text ? timesExtracted(text, backwards) : 0;
    return found < t.times || reversed ? [{ text: t.text, typed: t.times, found, ...(reversed ? { reversed } : {}) }] : [];
  });
}

let build: Finished;
let epubchecks: Promise<Map<string, EpubCheckReport>>;
let aces: Map<string, Promise<CheckResult>>;
const pdftotext = new Map<string, string>();
const pdfjs = new Map<string, string>();

beforeAll(async () => {
  // One run of the command for all nine: each guide's files are named in what it prints.
  build = await studyguide('build', ...GUIDES, '--content', WORLD, '--out', out);
  if (build.code !== 0) return;
  epubchecks = epubcheck(GUIDES.map((guide) => file(guide, 'student', 'epub')));
  epubchecks.catch(() => undefined);
  aces = inTurn([...ACE_GUIDES], (guide) => ace(file(guide, 'student', 'epub'), path.join(out, 'reports')));
  for (const guide of GUIDES) {
    const pdf = file(guide, 'student', 'pdf');
    pdftotext.set(guide, execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(pdf))), { mergePages: false });
    pdfjs.set(guide, (text as string[]).join('\n'));
  }
}, 180_000);

// First, while EPUBCheck and Ace work through the EPUBs in the background.
describe('the world guides’ web pages in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), 'Chromium is needed for this test (apt-get install chromium)').toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(GUIDES)('%s: every title, name and term is drawn in the faces the font chain picks, all embedded in the page (no system fallback, no tofu)', async (guide) => {
    const chain = fontChainFor(theme);
    const typed = typedStrings(guide);
    const page = await openPage(browser, file(guide, 'student', 'html'));
    try {
      const wrong: unknown[] = [];
      for (const t of typed) {
        const shown = await probeString(page, t.text);
        if (shown.length < t.times) wrong.push({ text: t.text, typed: t.times, shown: shown.length });
        for (const probe of shown) {
          const used = await fontsChromiumUsed(page, probe.id);
          // Chromium picks a face character by character down the CSS stack, as the chain does down its fonts.
          const characters = [...t.text].filter((c) => c.trim());
          const picked = new Set(characters.map((c) => chain.faceFor(c, probe.style, t.lang, mainScript(t.text))?.font.postscriptName));
          const system = used.filter((font) => !font.isCustomFont);
          const names = new Set(used.map((font) => font.postScriptName));
          if (system.length || [...picked].some((name) => !names.has(name!))) wrong.push({ text: t.text, style: probe.style, picked: [...picked], used });
        }
        await removeProbes(page);
      }
      expect(wrong).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(['ar', 'fa', 'he'])('%s: a block written wholly right to left is set flush right, as in the PDF; a block that mixes is not', async (guide) => {
    const page = await openPage(browser, file(guide, 'student', 'html'));
    try {
      // Every text block of the page: does its text hold left-to-right letters, right-to-left ones, and where does it end up?
      const blocks = await page.evaluate(() =>
        [...document.querySelectorAll('main p, main td, main dd, main dt, main li')].map((element) => {
          const text = element.textContent ?? '';
          const range = document.createRange();
          range.selectNodeContents(element);
          const inner = range.getBoundingClientRect();
          const box = element.getBoundingClientRect();
          const padding = parseFloat(getComputedStyle(element).paddingRight) + parseFloat(getComputedStyle(element).paddingLeft);
          return { text: text.trim().slice(0, 40), rtl: /[\u0590-\u08ff]/u.test(text), ltr: /\p{Script=Latin}/u.test(text), slack: box.width - padding - inner.width, gapRight: box.right - inner.right, gapLeft: inner.left - box.left };
        }),
      );
      const wholly = blocks.filter((b) => b.rtl && !b.ltr && b.slack > 20);
      expect(wholly.length, 'the fixture has right-to-left blocks shorter than their box').toBeGreaterThan(0);
      expect(wholly.filter((b) => b.gapRight > b.gapLeft)).toEqual([]);
      const mixed = blocks.filter((b) => b.rtl && b.ltr && b.slack > 20 && /^[A-Za-z]/.test(b.text));
      expect(mixed.filter((b) => b.gapLeft > b.gapRight)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the nine world guides built by `studyguide build`', () => {
  it('builds every default output of every guide and exits 0', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    // Every format from the student edition; the teacher edition as PDF and EPUB too.
    const made = (guide: string) => [...DEFAULT_FORMATS.map((format) => file(guide, 'student', format)), file(guide, 'teacher', 'pdf'), file(guide, 'teacher', 'epub')];
    for (const written of GUIDES.flatMap(made)) {
      expect(build.stdout, written).toContain(`wrote ${path.relative(ROOT, written)}  `);
      expect(existsSync(written), written).toBe(true);
    }
  });

  describe.each(GUIDES)('%s', (guide) => {
    const typed = typedStrings(guide);

    it('gives back every title, name and term as typed, as often as typed, in pdftotext', () => {
      expect(typed.length).toBeGreaterThanOrEqual(6);
      expect(misread(pdftotext.get(guide)!, typed)).toEqual([]);
    });

    it('gives them back as typed in pdf.js (unpdf)', () => {
      expect(misread(pdfjs.get(guide)!, typed)).toEqual([]);
    });

    it('draws no .notdef glyph in the student PDF, its booklet or its handout, and passes the PDF/UA checks', async () => {
      for (const format of ['pdf', 'booklet', 'handout'] as const) {
        const bytes = readFileSync(file(guide, 'student', format));
        const drawn = drawnText(await PDFDocument.load(bytes, { updateMetadata: false }));
        expect(drawn.flatMap((text) => text.codes).length, format).toBeGreaterThan(300);
        expect(notdefGlyphs(drawn), format).toEqual([]);
        if (format === 'pdf') expect((await checkPdfUa(bytes)).diagnostics).toEqual([]);
      }
    });

    it('makes an EPUB that the Java EPUBCheck passes with no error or warning, with the fallback face embedded', async () => {
      const report = (await epubchecks).get(file(guide, 'student', 'epub'))!;
      expect(epubcheckMessages(report)).toEqual([]);
      expect(report.checker).toMatchObject({ nFatal: 0, nError: 0, nWarning: 0 });
      const fallback = fontChainFor(theme).faceFor(typed[0]!.text, { family: 'serif' }, typed[0]!.lang)!.chainFont.name;
      expect(report.publication.embeddedFonts).toContain(fallback);
    });

    it.runIf(ACE_GUIDES.has(guide))('makes an EPUB in which DAISY Ace finds no violation', async () => {
      expect((await aces.get(guide)!).diagnostics).toEqual([]);
    });
  });

  it('reads an English paragraph holding an Arabic title and a number in its logical order, in pdftotext and pdf.js', () => {
    const body = (parse(sourcesOf('ar')[1]!) as { body: string }).body;
    const paragraph = comparable(body);
    expect(paragraph).toMatch(/^The .* الباب الأزرق .* 12 .*\.$/);
    expect(comparable(pdftotext.get('ar')!)).toContain(paragraph);
    expect(comparable(pdfjs.get('ar')!)).toContain(paragraph);
  });
});

// The EPUB's cover outlines a title in another script's face, shaping it; begun before the PDF it would change
// the characters fontkit remembers for a glyph, and so the PDF's font subset (see startCover in cover.ts).
describe('a world guide’s PDF whatever else the run makes', () => {
  it.each(['ar', 'ja'])('%s: the student PDF made alone is the same bytes as the one made with every other output', async (guide) => {
    const alone = path.join(out, 'pdf-alone');
    const made = await studyguide('build', guide, '--content', WORLD, '--edition', 'student', '--format', 'pdf', '--out', alone);
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(path.join(alone, guide, fileName(guide, 'student', 'pdf'))).equals(readFileSync(file(guide, 'student', 'pdf')))).toBe(true);
  });
});
