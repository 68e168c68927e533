// The Beanpole EPUBs in a real reader: epub.js paginating them in Chromium at phone and tablet sizes (labels and terms kept with what follows, the cover filling the screen, true italic faces).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { ROOT } from './helpers.js';

const require = createRequire(import.meta.url);
const SCREENS = { phone: { width: 390, height: 844 }, tablet: { width: 820, height: 1180 } };

let browser: Browser;
const epubs: Record<'student' | 'teacher', Buffer> = {} as never;

beforeAll(async () => {
  const result = await build({
    contentDir: path.join(ROOT, 'content'),
    outDir: path.join(ROOT, 'output-unused'),
    guides: ['beanpole'],
    editions: ['student', 'teacher'],
    formats: ['epub'],
    paper: 'a4',
    write: false,
  });
  for (const file of result.files) epubs[file.edition as 'student' | 'teacher'] = Buffer.from(file.bytes);
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  expect(executablePath, 'Chromium is needed for this test (apt-get install chromium)').toBeDefined();
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** A page running epub.js with the EPUB opened and paginated to the screen, as a reading app shows it. */
async function openInEpubJs(edition: 'student' | 'teacher', screen: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: screen });
  await page.setContent('<!DOCTYPE html><html><body style="margin:0"><div id="viewer"></div></body></html>');
  await page.addScriptTag({ path: require.resolve('jszip/dist/jszip.min.js') });
  await page.addScriptTag({ path: require.resolve('epubjs/dist/epub.min.js') });
  await page.evaluate(
    async ({ base64, width, height }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const w = window as unknown as Record<string, any>;
      w.book = w.ePub(bytes.buffer);
      w.rendition = w.book.renderTo('viewer', { width, height, flow: 'paginated', spread: 'none' });
      await w.book.ready;
    },
    { base64: epubs[edition].toString('base64'), ...screen },
  );
  return page;
}

/** Shows one spine file and waits for its fonts; returns nothing, the rendition's iframe then holds it. */
async function display(page: Page, href: string): Promise<void> {
  await page.evaluate(async (target) => {
    const w = window as unknown as Record<string, any>;
    await w.rendition.display(target);
    await w.rendition.getContents()[0].document.fonts.ready;
  }, href);
}

/**
 * Every label or glossary term on a screen of its own, apart from what it introduces: the label's last line
 * on one screen and the first line of the next element on a later one. Screens are epub.js's columns.
 */
async function strandedLabels(page: Page): Promise<string[]> {
  const spine: string[] = await page.evaluate(() => ((window as unknown as Record<string, any>).book.spine.spineItems as { href: string }[]).map((s) => s.href));
  const stranded: string[] = [];
  for (const href of spine) {
    await display(page, href);
    stranded.push(
      ...(await page.evaluate((file) => {
        const w = window as unknown as Record<string, any>;
        const doc: Document = w.rendition.getContents()[0].document;
        const delta: number = w.rendition.manager.layout.delta;
        const screenOf = (rect: DOMRect) => Math.floor((rect.left + rect.width / 2) / delta);
        const found: string[] = [];
        for (const label of doc.querySelectorAll('p.label, dt')) {
          const next = label.nextElementSibling;
          const labelRects = label.getClientRects();
          const nextRects = next?.getClientRects();
          if (!next || !labelRects.length || !nextRects?.length) continue;
          const labelScreen = screenOf(labelRects[labelRects.length - 1]!);
          const nextScreen = screenOf(nextRects[0]!);
          if (nextScreen !== labelScreen) found.push(`${file}: "${label.textContent?.trim()}" on screen ${labelScreen + 1}, what follows on screen ${nextScreen + 1}`);
        }
        return found;
      }, href)),
    );
  }
  return stranded;
}

describe('the Beanpole EPUBs in epub.js', () => {
  for (const [name, screen] of Object.entries(SCREENS)) {
    for (const edition of ['student', 'teacher'] as const) {
      it(`keeps every label and glossary term on the same screen as what follows (${edition}, ${name} ${screen.width}×${screen.height})`, async () => {
        const page = await openInEpubJs(edition, screen);
        try {
          expect(await strandedLabels(page)).toEqual([]);
        } finally {
          await page.close();
        }
      }, 180_000);
    }
  }

  for (const [name, screen] of Object.entries(SCREENS)) {
    it(`shows the whole cover, filling the ${name}'s width or height (${screen.width}×${screen.height})`, async () => {
      const page = await openInEpubJs('student', screen);
      try {
        await display(page, 'cover.xhtml');
        const box = await page.evaluate(() => {
          const w = window as unknown as Record<string, any>;
          const doc: Document = w.rendition.getContents()[0].document;
          const rect = (e: Element) => { const r = e.getBoundingClientRect(); return { width: r.width, height: r.height }; };
          const style = getComputedStyle(doc.body);
          const px = (v: string) => parseFloat(v) || 0;
          return {
            image: rect(doc.querySelector('svg image')!),
            svg: rect(doc.querySelector('svg')!),
            // The room the reader gives a page: its screen less its own margins.
            room: { width: doc.body.clientWidth - px(style.paddingLeft) - px(style.paddingRight), height: doc.body.clientHeight - px(style.paddingTop) - px(style.paddingBottom) },
          };
        });
        // The cover's box takes the whole width and the height epub.js allows a picture (95% of the room).
        expect(box.svg.width).toBeGreaterThanOrEqual(box.room.width - 1);
        expect(box.svg.height).toBeGreaterThanOrEqual(box.room.height * 0.95 - 1);
        // The picture inside fits it whole and touches two opposite edges.
        expect(box.image.width).toBeLessThanOrEqual(box.svg.width + 1);
        expect(box.image.height).toBeLessThanOrEqual(box.svg.height + 1);
        expect(Math.max(box.image.width / box.svg.width, box.image.height / box.svg.height)).toBeGreaterThan(0.99);
        await page.screenshot({ path: path.join(tmpdir(), `studyguide-cover-${name}.png`) });
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it('sets italic glossary transliterations in PT Sans Bold Italic, not a slanted bold (the face Chromium reports for the text)', async () => {
    const page = await openInEpubJs('student', SCREENS.phone);
    try {
      await display(page, 'glossary.xhtml');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const frameDocument = findNode(root, (n) => n.nodeName === 'IFRAME')!.contentDocument!;
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: frameDocument.nodeId, selector: 'dt em, dt i' });
      expect(nodeIds.length).toBeGreaterThan(3);
      const faces = new Set<string>();
      for (const nodeId of nodeIds) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        for (const font of fonts) faces.add(font.postScriptName ?? font.familyName);
      }
      expect([...faces]).toEqual(['PTSans-BoldItalic']);
    } finally {
      await page.close();
    }
  }, 60_000);
});

interface DomNode {
  nodeId: number;
  nodeName: string;
  children?: DomNode[];
  contentDocument?: DomNode;
}

function findNode(node: DomNode, test: (n: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}
