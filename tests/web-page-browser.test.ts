// The Beanpole web page in Chromium as verify opens it: axe-core finds nothing, and the check does find what it should.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { checkInBrowser } from '../src/verify/browser.js';
import { ROOT } from './helpers.js';

const folder = mkdtempSync(path.join(tmpdir(), 'studyguide-web-'));
let html = '';

beforeAll(async () => {
  const result = await build({
    contentDir: path.join(ROOT, 'content'),
    outDir: path.join(ROOT, 'output-unused'),
    guides: ['beanpole'],
    editions: ['student'],
    formats: ['html'],
    paper: 'a4',
    write: false,
  });
  html = Buffer.from(result.files[0]!.bytes).toString('utf8');
}, 120_000);

async function check(page: string) {
  const file = path.join(folder, `page-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, page);
  return checkInBrowser(file, { chromium: '/usr/bin/chromium', reports: folder });
}

describe('the Beanpole web page in Chromium', () => {
  it('has no axe-core violation of any kind, and every contents link lands', async () => {
    const result = await check(html);
    expect(result.diagnostics.map((d) => d.message)).toEqual([]);
    expect(result.summary).toMatch(/axe-core: \d+ rules, 0 violations; \d+ contents links land/);
  }, 180_000);

  it('reports what axe-core finds: a page without its language, a title block outside any landmark', async () => {
    const broken = html.replace(/<html([^>]*) lang="[^"]*"/, '<html$1').replace(/<header[^>]*>/, '<div>').replace('</header>', '</div>');
    const messages = (await check(broken)).diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('axe-core html-has-lang');
    expect(messages).toContain('axe-core region');
  }, 180_000);
});
