// Test helper: which faces Chromium really drew given strings of a web page in (its own report over CDP, not document.fonts).
import { pathToFileURL } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { FaceStyle } from '../src/fonts/chain.js';

export interface Probe {
  /** The data-probe value of the span put round this occurrence. */
  id: string;
  /** The style it is set in, as the font chain names styles. */
  style: FaceStyle;
}

export interface PlatformFont {
  familyName: string;
  postScriptName: string;
  /** A face from the page's own @font-face rules, not one of the system's. */
  isCustomFont: boolean;
  glyphCount: number;
}

const sessions = new WeakMap<Page, CDPSession>();

/** A page with the file loaded and every face it asks for loaded. */
export async function openPage(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.evaluate(() => document.fonts.ready);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  sessions.set(page, cdp);
  return page;
}

/**
 * Puts a span round each occurrence of `text` inside one text node, so Chromium can report the faces of exactly
 * those characters (the span inherits everything, so nothing about how the text is set changes).
 */
export async function probeString(page: Page, text: string): Promise<Probe[]> {
  const probes = await page.evaluate((wanted) => {
    const found: { id: string; family: string; weight: string; italic: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    for (let node of nodes) {
      for (let at = node.data.indexOf(wanted); at >= 0; at = node.data.indexOf(wanted)) {
        const occurrence = node.splitText(at);
        node = occurrence.splitText(wanted.length);
        const span = document.createElement('span');
        span.dataset.probe = String(found.length);
        occurrence.replaceWith(span);
        span.append(occurrence);
        const style = getComputedStyle(span);
        found.push({ id: span.dataset.probe, family: style.fontFamily, weight: style.fontWeight, italic: style.fontStyle === 'italic' });
      }
    }
    return found;
  }, text);
  await page.evaluate(async () => {
    document.body.getBoundingClientRect();
    await document.fonts.ready;
  });
  return probes.map((probe) => ({
    id: probe.id,
    style: { family: probe.family.replace(/"/g, '').startsWith('PT Sans') ? 'sans' : 'serif', bold: Number(probe.weight) >= 600, italic: probe.italic },
  }));
}

/** Takes the probes' spans out again, leaving the page as it was. */
export async function removeProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const span of document.querySelectorAll<HTMLElement>('[data-probe]')) {
      const parent = span.parentNode!;
      span.replaceWith(...span.childNodes);
      parent.normalize();
    }
  });
}

/** The faces Chromium drew the probe's characters in (CSS.getPlatformFontsForNode), with how many glyphs each. */
export async function fontsChromiumUsed(page: Page, id: string): Promise<PlatformFont[]> {
  const cdp = sessions.get(page)!;
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-probe="${id}"]` });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts as PlatformFont[];
}
