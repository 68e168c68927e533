// The school-look tests' shared parts: the Northfield fixture's place, building every output in memory, and the Figures a PDF page's structure holds.
import path from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { expect } from 'vitest';
import { build } from '../src/build.js';
import { FIXTURES } from './helpers.js';

export const SCHOOL = path.join(FIXTURES, 'school', 'content');
export const NORTHFIELD = path.join(SCHOOL, 'northfield');

/** Every output of the guides in `contentDir`, in memory, by file name; the build must report no error. */
export async function buildOutputs(contentDir: string, guides: string[], themeDir?: string): Promise<Map<string, Uint8Array>> {
  const result = await build({ contentDir, themeDir, outDir: path.join(contentDir, '..', 'output'), guides, editions: ['student', 'teacher'], formats: ['pdf', 'epub', 'html', 'docx', 'handout'], paper: 'a4', write: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(result.files.map((file) => [path.basename(file.path), file.bytes]));
}

/** The structure elements of one page (1-based), in order, with their alt text where they have one. */
export async function structureRoles(bytes: Uint8Array, pageNumber: number): Promise<{ role: string; alt?: string }[]> {
  const proxy = await getDocumentProxy(new Uint8Array(bytes));
  const found: { role: string; alt?: string }[] = [];
  const walk = (node: { role?: string; alt?: string; children?: unknown[] }) => {
    if (node.role) found.push({ role: node.role, ...(node.alt ? { alt: node.alt } : {}) });
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk((await (await proxy.getPage(pageNumber)).getStructTree()) as never);
  return found;
}

/** The alt texts of the Figures on one page. */
export async function figureAlts(bytes: Uint8Array, pageNumber: number): Promise<string[]> {
  return (await structureRoles(bytes, pageNumber)).filter((n) => n.role === 'Figure').map((n) => n.alt ?? '');
}
