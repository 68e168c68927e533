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
}

export async function renderPdf(document: ComposedDocument, theme: Theme, options: PdfOptions): Promise<PdfResult> {
  const settings = { page: theme.pages[options.paper], date: options.date };
  const targets = linkTargets(document.root);
  // A cross-reference prints the page of its target, and that text can itself move pages: lay out
  // again with the pages found until they no longer change (in practice the second layout).
  let pages = new Map<string, number>();
  for (let pass = 1; ; pass++) {
    const layout = layOut(document, targets.size ? withPageNumbers(document.root, pages) : document.root, theme, settings);
    const settled = [...targets].every((id) => layout.pageMap.get(id) === pages.get(id));
    if (settled || pass === 3) {
      if (!settled) layout.warnings.push('cross-reference page numbers did not settle after three layouts; some may be one page out');
      const { warnings, ...result } = await layout.finish();
      return { ...result, diagnostics: warnings.map((message) => ({ severity: 'warning', code: 'pdf-layout', message, file: document.templateFile })) };
    }
    pages = layout.pageMap;
  }
}
