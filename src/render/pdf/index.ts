// The PDF renderer: lays the composed document out until its cross-reference page numbers settle, and returns bytes, a page map and diagnostics.
import type { ComposedDocument } from '../../compose/compose.js';
import { linkTargets } from '../../compose/tree.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { Paper, Theme } from '../../theme.js';
import { withPageNumbers } from './cross-references.js';
import { layOut, type PageMap } from './layout.js';

export interface PdfResult extends Omit<PageMap, 'warnings'> {
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface PdfOptions {
  paper: Paper;
  /** Fixed creation date, so the same input gives the same bytes. */
  date: Date;
  /** The cross-reference pages an earlier build found, to lay out with first, and where to keep this build's. */
  seeds?: { get(): Map<string, number> | undefined; set(pages: Map<string, number>): void };
}

export async function renderPdf(document: ComposedDocument, theme: Theme, options: PdfOptions): Promise<PdfResult> {
  const settings = { page: theme.pages[options.paper], date: options.date };
  const targets = linkTargets(document.root);
  // A cross-reference prints the page of its target, and that text can itself move pages: lay out
  // again with the pages found until they no longer change. Starting from the pages an earlier build
  // found, that is usually the first layout; from nothing, the first after one that only measures. Either
  // way the result is the layout whose printed numbers are its own, so the bytes do not depend on where it started.
  const seeded = targets.size ? options.seeds?.get() : undefined;
  let pages = seeded ?? new Map<string, number>();
  // Without pages from an earlier build, the first layout (pass 0) only measures: its stand-in numbers
  // are wrong wherever a reference is, so it is never the one written out.
  for (let pass = seeded || !targets.size ? 1 : 0; ; pass++) {
    const layout = layOut(document, targets.size ? withPageNumbers(document.root, pages) : document.root, theme, { ...settings, measureOnly: pass === 0 });
    const settled = pass > 0 && [...targets].every((id) => layout.pageMap.get(id) === pages.get(id));
    if (settled || pass === 3) {
      if (!settled) layout.warnings.push('cross-reference page numbers did not settle after three layouts; some may be one page out');
      else if (targets.size) options.seeds?.set(new Map([...targets].map((id) => [id, pages.get(id)!])));
      const { warnings, ...result } = await layout.finish();
      return { ...result, diagnostics: warnings.map((message) => ({ severity: 'warning', code: 'pdf-layout', message, file: document.templateFile })) };
    }
    pages = layout.pageMap;
  }
}
