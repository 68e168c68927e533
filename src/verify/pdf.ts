// The PDF checks: qpdf (syntax and streams), pdffonts (embedding), PDF/UA-1 with poppler's structure reading, and the handout's QR code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { problem, run, type Check } from './tools.js';

export const qpdf: Check = (file) => {
  const { status, out } = run('qpdf', ['--check', file], 'qpdf');
  if (status === 0) return { diagnostics: [], summary: 'no syntax or stream errors' };
  const diagnostics = out.split('\n').flatMap((line) => qpdfMessage(line, file));
  if (diagnostics.length === 0) diagnostics.push(problem(file, 'qpdf', out.trim()));
  return { diagnostics, summary: `qpdf --check found problems (status ${status})` };
};

/** "WARNING: /…/x.pdf (offset 8065): error decoding stream data …" → a Diagnostic. */
function qpdfMessage(line: string, file: string): Diagnostic[] {
  const match = /^(WARNING|ERROR): (.*)$/.exec(line);
  if (!match) return [];
  return [{ severity: match[1] === 'WARNING' ? 'warning' : 'error', code: 'qpdf', message: match[2]!.replace(`${file} `, ''), file }];
}

export const pdffonts: Check = (file) => {
  const { status, out } = run('pdffonts', [file], 'poppler-utils');
  if (status !== 0) return { diagnostics: [problem(file, 'pdffonts', `pdffonts could not read the file: ${out.trim()}`)], summary: 'unreadable' };
  const rows = out.trim().split('\n').slice(2);
  // The "emb" column: fifth from the end (emb, sub, uni, then the object ID's two columns).
  const notEmbedded = rows.filter((row) => row.trim().split(/\s+/).at(-5) !== 'yes');
  return {
    diagnostics: notEmbedded.map((row) => problem(file, 'pdffonts', `a font that is not embedded: ${row.trim().replace(/\s+/g, ' ')}`)),
    summary: notEmbedded.length ? `${rows.length} fonts, ${notEmbedded.length} not embedded` : `${rows.length} fonts, all embedded`,
  };
};

/** The handout's QR code must scan, from a 200 dpi render of its page, to the address printed beside it. */
export const qrCode: Check = (file, { reports }) => {
  const text = run('pdftotext', ['-layout', file, '-'], 'poppler-utils').out;
  const printed = /type the address:\s*(\S+)\s*(\S*)/.exec(text);
  if (!printed) return { diagnostics: [], summary: 'no web address on this handout, so no code' };
  // The address may wrap after a slash; join the two pieces when the second continues it.
  const address = printed[2] && !/^[A-Z]/.test(printed[2]) && printed[1]!.endsWith('/') ? printed[1]! + printed[2] : printed[1]!;
  const page = text.split('\f').findIndex((p) => p.includes('type the address')) + 1;
  const image = path.join(reports, `${path.basename(file, '.pdf')}-page${page}`);
  run('pdftoppm', ['-r', '200', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, image], 'poppler-utils');
  const { status, out } = run('zbarimg', ['--quiet', '--raw', `${image}.png`], 'zbar-tools');
  const decoded = out.split('\n').map((l) => l.trim()).find((l) => /^https?:/.test(l));
  const summary = `QR code on page ${page} reads ${decoded ?? '(nothing)'}; printed address ${address}`;
  if (status === 0 && decoded === address) return { diagnostics: [], summary };
  const message = decoded ? `the QR code on page ${page} reads ${decoded}, not the printed address ${address}` : `no QR code could be read on page ${page} (zbarimg status ${status})`;
  return { diagnostics: [problem(file, 'qr-code', message, { hint: `the page as scanned is ${image}.png` })], summary };
};

/**
 * PDF/UA-1's machine-checkable rules (our own reader, see pdfua/index.ts: veraPDF cannot be installed here),
 * and poppler, a second, independent reader, must be able to walk the same structure tree.
 */
export const pdfUa: Check = async (file) => {
  const { checkPdfUa } = await import('./pdfua/index.js');
  const { diagnostics, counts } = await checkPdfUa(readFileSync(file), file);
  const tree = run('pdfinfo', ['-struct-text', file], 'poppler-utils');
  if (tree.status !== 0 || !tree.out.startsWith('Document')) diagnostics.push(problem(file, 'pdfua', `poppler could not read the structure tree: ${tree.out.split('\n')[0]}`));
  const { pages, structElements, taggedContent, artifacts, links, fonts } = counts;
  const summary = `${pages} pages, ${structElements} structure elements, ${taggedContent} tagged runs, ${artifacts} artifacts, ${links} links, ${fonts} fonts`;
  return { diagnostics, summary: diagnostics.length ? `${diagnostics.length} rules broken (${summary})` : `no rule broken: ${summary}` };
};
