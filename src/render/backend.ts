// What every output format implements: a name, the formats it makes, and render(document, context) → bytes and diagnostics.
import type { ComposedDocument } from '../compose/compose.js';
import type { TemplateSet } from '../compose/templates.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Format } from '../plan.js';
import type { Paper, Theme } from '../theme.js';
import type { WorkCache } from '../work-cache.js';
import type { PdfResult } from './pdf/index.js';

export interface RenderContext {
  theme: Theme;
  templates: TemplateSet;
  /** The date written into the file: fixed, so the same input gives the same bytes. */
  date: Date;
  /** The paper chosen for the run; what each backend prints on comes from printSizes(theme, paper). */
  paper: Paper;
  /** The file name of the print edition on this paper, which the EPUB cites for its page numbers. */
  printedAs: string;
  /** The print layout of a document on a page, made once per build: the PDF, the booklet and the EPUB's page numbers share it. */
  layout(document: ComposedDocument, page: Paper): Promise<PdfResult>;
  /** What earlier builds worked out (page maps, cover pictures), to reuse after checking. */
  cache: WorkCache;
}

export interface Rendered {
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface Backend {
  name: string;
  formats: readonly Format[];
  render(document: ComposedDocument, context: RenderContext): Promise<Rendered>;
  /**
   * Called for every job before any renders: begins work that needs only the composed document and can run
   * off the main thread while the print layouts occupy it (the EPUB's cover picture). render finishes it.
   */
  start?(document: ComposedDocument, context: RenderContext): Promise<void>;
}
