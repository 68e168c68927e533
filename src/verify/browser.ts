// The HTML edition in a real browser (Debian's chromium through playwright-core): loads clean, contents links land, fits a phone.
/// <reference lib="dom" />
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { problem, type CheckContext, type CheckResult } from './tools.js';

/** A phone: the width most sites design for (iPhone 12–15), at its pixel density. */
const PHONE = { width: 390, height: 844 };

export async function checkInBrowser(file: string, { chromium: executablePath, reports }: CheckContext): Promise<CheckResult> {
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
    watchForProblems(page, url, problems);
    await page.goto(url, { waitUntil: 'load' });
    const fonts = await checkFontsAndWidth(page, problems);
    const links = await checkContentsLinks(page, problems);
    const printedPages = await screenshotAndPrint(page, path.basename(file, '.html'), reports, problems);
    return {
      diagnostics: problems.map((message) => problem(file, 'chromium', message)),
      summary: problems.length
        ? `${problems.length} problems`
        : `${links} contents links land on their sections; ${fonts} font files loaded; printed to ${printedPages} A4 pages; screenshots in ${path.relative(process.cwd(), reports)}`,
    };
  } finally {
    await browser.close();
  }
}

/** Console errors and warnings, page errors, and any fetch: the page is self-contained, so only itself and data: URIs. */
function watchForProblems(page: Page, url: string, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url && !request.url().startsWith('data:')) problems.push(`fetched ${request.url()}`);
  });
}

/** Both families must load, every figure's picture must show, and nothing may be wider than the phone; returns how many font files loaded. */
async function checkFontsAndWidth(page: Page, problems: string[]): Promise<number> {
  await page.evaluate(() => document.fonts.ready);
  const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}`));
  for (const family of ['PT Serif', 'PT Sans']) {
    if (!fonts.some((f) => f.replace(/"/g, '').startsWith(family))) problems.push(`the ${family} font did not load`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`the page is ${overflow} px wider than a ${PHONE.width} px phone`);
  // Every figure's picture travels inside the page and must show.
  const broken = await page.$$eval('figure img', (imgs) => (imgs as HTMLImageElement[]).filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt || '(decorative)'));
  for (const alt of broken) problems.push(`a figure's picture did not load: ${alt.slice(0, 60)}`);
  return fonts.length;
}

/** Every contents link must bring its section to the top of the screen (or as far as the page can scroll); returns how many links. */
async function checkContentsLinks(page: Page, problems: string[]): Promise<number> {
  const hrefs = await page.$$eval('nav.contents a', (links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click(`nav.contents a[href="${href}"]`);
    const landed = await page.evaluate((id) => {
      const target = document.getElementById(id);
      if (!target) return 'no element with this id';
      const top = target.getBoundingClientRect().top;
      const atEnd = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
      if (Math.abs(top) <= 2 || (atEnd && top >= 0 && top < window.innerHeight)) return '';
      return `its section is ${Math.round(top)} px from the top of the screen`;
    }, href.slice(1));
    if (landed) problems.push(`contents link ${href}: ${landed}`);
  }
  return hrefs.length;
}

/** Phone screenshots, then the page printed from the browser: the print stylesheet must give real pages. Returns how many. */
async function screenshotAndPrint(page: Page, name: string, reports: string, problems: string[]): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(reports, `${name}-phone.png`) });
  await page.screenshot({ path: path.join(reports, `${name}-phone-full.png`), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  const printed = await page.pdf({ path: path.join(reports, `${name}-printed.pdf`), format: 'A4' });
  const printedPages = (printed.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  if (printedPages < 2) problems.push(`printing gave ${printedPages} pages`);
  return printedPages;
}
