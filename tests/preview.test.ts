// Protects `studyguide preview` in a real browser: the page changes when a file is saved, an error appears in it and clears when fixed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, temporaryProject } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BIN = path.join(ROOT, 'bin', 'studyguide.js');

/** Starts the real command on a free port and waits for the address it prints. */
async function startCommand(project: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'preview', 'tiny', '--port', '0', '--pdf'], { cwd: project });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return { child, url, output: () => output };
}

describe('studyguide preview', () => {
  let project: string;
  let guideFile: string;
  let server: Awaited<ReturnType<typeof startCommand>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    project = temporaryProject(path.join(FIXTURES, 'content'));
    guideFile = path.join(project, 'content', 'tiny', 'guide.yaml');
    server = await startCommand(project);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGINT');
  });

  it('serves the guide’s web page on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await expect(page.locator('h1.title').textContent()).resolves.toBe('Test Film');
  });

  it('shows a saved change without being asked: the page reloads itself', async () => {
    writeFileSync(guideFile, readFileSync(guideFile, 'utf8').replace(/^title: .*$/m, 'title: A Changed Film'));
    await page.locator('h1.title', { hasText: 'A Changed Film' }).waitFor({ timeout: 30_000 });
  });

  it('shows an error in the page with its file, line, column and code frame, keeps the last good page, and clears it when fixed', async () => {
    const good = readFileSync(guideFile, 'utf8');
    writeFileSync(guideFile, `${good}oops: [\n`);
    const problems = page.locator('#studyguide-preview-problems');
    await problems.waitFor({ timeout: 30_000 });
    const text = (await problems.textContent())!;
    expect(text).toContain('content/tiny/guide.yaml:');
    expect(text).toMatch(/error: this bracket \[ is never closed/);
    expect(text).toMatch(/ > \s*\d+ \| oops: \[/);
    await expect(page.locator('h1.title').textContent()).resolves.toBe('A Changed Film');
    writeFileSync(guideFile, good);
    await problems.waitFor({ state: 'detached', timeout: 30_000 });
    expect(server.output()).toMatch(/rebuilt after content\/tiny\/guide\.yaml changed in \d+ ms \(with errors: the last good page stays up\)/);
  });

  it('rebuilds the PDF too with --pdf', async () => {
    const response = await page.request.get(new URL('guide.pdf', server.url).href);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
