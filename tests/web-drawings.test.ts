// The web page's drawings (SVG figures) on a phone: each keeps about the width it has on a wide screen, scrolling inside its figure; a decorative one is no drawing and takes no focus.
/// <reference lib="dom" />
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { tinyGuide } from './helpers.js';
import { SVG_DIAGRAM } from './pictures.js';

const FIGURES_YAML = `context:
  sections:
    - id: background
      title: Background
      body: Some history.
      figures:
        - { file: figures/map.svg, alt: "Iya and Masha, joined by an arrow.", caption: The whole map., credit: Made by the tests, licence: CC0 }
        - { file: figures/map.svg, alt: "The same map, smaller.", caption: A smaller map., credit: Made by the tests, licence: CC0, width: 0.4 }
        - { file: figures/map.svg, decorative: true, credit: Made by the tests, licence: CC0, width: 0.25 }
`;

async function webPage(): Promise<string> {
  const project = mkdtempSync(path.join(tmpdir(), 'studyguide-drawings-'));
  const guideDir = path.join(project, 'content', 'tiny');
  cpSync(tinyGuide, guideDir, { recursive: true });
  mkdirSync(path.join(guideDir, 'figures'));
  writeFileSync(path.join(guideDir, 'figures', 'map.svg'), SVG_DIAGRAM);
  writeFileSync(path.join(guideDir, 'figures.yaml'), FIGURES_YAML);
  const result = await build({ contentDir: path.join(project, 'content'), outDir: path.join(project, 'output'), guides: ['tiny'], editions: ['student'], formats: ['html'], paper: 'a4', write: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = path.join(project, 'page.html');
  writeFileSync(file, result.files[0]!.bytes);
  return file;
}

async function figuresAt(file: string, width: number) {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  expect(executablePath, 'Chromium is needed for this test (apt-get install chromium)').toBeDefined();
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return await page.$$eval('figure', (figures) =>
      figures.map((figure) => ({
        role: figure.getAttribute('role'),
        focusable: figure.hasAttribute('tabindex'),
        width: figure.querySelector('img')!.getBoundingClientRect().width,
        scrolls: figure.scrollWidth > figure.clientWidth,
      })),
    );
  } finally {
    await browser.close();
  }
}

describe('drawings in the web page on a phone', () => {
  it('keep their wide-screen width, and a decorative one takes no focus', async () => {
    const file = await webPage();
    const [whole, smaller, decorative] = await figuresAt(file, 390);
    // The whole map keeps about the desktop column's width (36em) and scrolls inside its figure.
    expect(whole!.width).toBeGreaterThan(560);
    expect(whole!.scrolls && whole!.focusable).toBe(true);
    // A map given 40% of the column is as wide as on the desktop, not blown up to the whole 36em.
    expect(smaller!.width).toBeCloseTo(0.4 * whole!.width, 0);
    expect(smaller!.width).toBeLessThan(390);
    expect(smaller!.scrolls).toBe(false);
    // A decorative drawing is presentational: it fits the phone and is never a tab stop.
    expect(decorative!.role).toBe('presentation');
    expect(decorative!.focusable).toBe(false);
    expect(decorative!.width).toBeLessThanOrEqual(390);
    expect(decorative!.scrolls).toBe(false);
  }, 120_000);
});
