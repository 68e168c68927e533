// Shared test helpers: fixture paths, loading and composing a fixture guide, and a temporary project folder.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeDocument, type ComposedDocument, type Edition } from '../src/compose/compose.js';
import { loadTemplates } from '../src/compose/templates.js';
import { loadGuide } from '../src/content/load.js';
import { loadTheme, type Paper } from '../src/theme.js';
import type { RenderContext } from '../src/render/backend.js';
import { WorkCache } from '../src/work-cache.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const TEMPLATES = path.join(ROOT, 'templates');
export const theme = loadTheme(path.join(TEMPLATES, 'theme.yaml'));
export const templates = loadTemplates(TEMPLATES);

/** Loads a guide folder and composes one edition; fails the test with the diagnostics if anything is wrong. */
export function composeFixture(guideDir: string, edition: Edition): ComposedDocument {
  const { guide, diagnostics } = loadGuide(guideDir);
  if (!guide) throw new Error(`fixture failed to load: ${JSON.stringify(diagnostics, null, 2)}`);
  const result = composeDocument(guide, edition, templates);
  if (!result.document) throw new Error(`fixture failed to compose: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.document;
}

export const tinyGuide = path.join(FIXTURES, 'content', 'tiny');
export const beanpoleGuide = path.join(ROOT, 'content', 'beanpole');

/** A fresh folder holding a copy of the given content folder as content/. */
export function temporaryProject(contentDir: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studyguide-test-'));
  cpSync(contentDir, path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** What a backend is given in a build, for calling one directly: the shipped theme and templates, a fixed date, A4 by default. */
export function renderContext(date: Date, paper: Paper = 'a4'): RenderContext {
  return {
    theme,
    templates,
    date,
    paper,
    printedAs: 'test.pdf',
    layout: async (document, page) => (await import('../src/render/pdf/index.js')).renderPdf(document, theme, { paper: page, date }),
    cache: WorkCache.open(),
  };
}
