// What the preview serves around the guide's web page: a script that reloads on every rebuild, and the errors of a broken save.
import path from 'node:path';
import { escapeXml } from '../compose/tree.js';
import { formatDiagnostic, hasErrors, sortDiagnostics, sourceOnDisk, type Diagnostic } from '../diagnostics.js';

/** Reloads the page when the server says a rebuild is ready; the scroll position survives the reload. */
const RELOAD_SCRIPT = `<script>
(() => {
  const key = 'studyguide-preview-scroll';
  const saved = sessionStorage.getItem(key);
  if (saved) { window.scrollTo(0, Number(saved)); sessionStorage.removeItem(key); }
  new EventSource('/events').onmessage = () => { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); };
})();
</script>`;

const PANEL_STYLE = 'position:sticky;top:0;z-index:10;margin:0;padding:0.8em 1em;background:#fff4f2;border-bottom:3px solid #8a1c12;color:#1f1d1a;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap;max-height:60vh;overflow:auto';
const BAR_STYLE = 'position:sticky;top:0;z-index:10;margin:0;padding:0.3em 1em;background:#eef3ee;color:#1f1d1a;font:13px/1.4 system-ui,sans-serif';


/** The problems as the terminal prints them (file:line:col, the code frame, the hint), paths relative to the working folder. */
function problemsPanel(diagnostics: Diagnostic[]): string {
  const errors = hasErrors(diagnostics);
  const heading = errors ? 'This save has errors; the page below is the last one that built.' : 'Warnings:';
  const text = sortDiagnostics(diagnostics).map((d) => formatDiagnostic(d, sourceOnDisk, process.cwd())).join('\n\n');
  return `<pre role="alert" id="studyguide-preview-problems" style="${PANEL_STYLE}">${escapeXml(`${heading}\n\n${text}`)}</pre>`;
}

/** The guide's page with the reload script, a small bar (a link to the PDF when it is rebuilt too), and the problems above the page when there are any. */
export function withLiveReload(html: Uint8Array, diagnostics: Diagnostic[], { pdf }: { pdf: boolean }): Uint8Array {
  const bar = `<p id="studyguide-preview-bar" style="${BAR_STYLE}">Preview: rebuilt on every save${pdf ? ' · <a href="/guide.pdf">the PDF</a>' : ''}</p>`;
  const top = diagnostics.length ? problemsPanel(diagnostics) : bar;
  const page = new TextDecoder().decode(html).replace(/<body([^>]*)>/, `<body$1>${top}`).replace('</body>', `${RELOAD_SCRIPT}</body>`);
  return new TextEncoder().encode(page);
}

/** Before anything has built: only the errors, on a page of their own that reloads when they are fixed. */
export function errorPage(diagnostics: Diagnostic[]): Uint8Array {
  const title = `studyguide preview: ${path.basename(process.cwd())}`;
  return new TextEncoder().encode(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>${escapeXml(title)}</title></head><body>${problemsPanel(diagnostics)}${RELOAD_SCRIPT}</body></html>`);
}
