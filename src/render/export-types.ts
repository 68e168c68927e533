// What the teacher exports (DOCX, question banks) take and give: the shape of RenderContext and Rendered in render/backend.ts.
import type { Diagnostic } from '../diagnostics.js';
import type { TemplateSet } from '../compose/templates.js';
import type { Theme } from '../theme.js';

/** Structurally the same as backend.ts's RenderContext, so these renderers plug into the build plan as they are. */
export interface ExportContext {
  theme: Theme;
  templates: TemplateSet;
  date: Date;
}

/** Structurally the same as backend.ts's Rendered. */
export interface ExportResult {
  bytes: Uint8Array;
  diagnostics: Diagnostic[];
}
