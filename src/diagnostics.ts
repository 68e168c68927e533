// The one shape every problem takes (severity, code, message, place, hint) and how it is printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** A short stable name for the kind of problem, e.g. "yaml-syntax", "unknown-key". */
  code: string;
  message: string;
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line and column; absent when the problem concerns the whole file. */
  line?: number;
  column?: number;
  hint?: string;
  /** The rule or clause broken, where a standard names one (e.g. "PDF/UA-1 7.1-3", "EPUBCheck RSC-005"). */
  rule?: string;
}

/** Thrown when a stage cannot go on because of the user's content or templates (exit code 1). */
export class UserError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'UserError';
  }
}

/** Thrown for a wrong command line (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorted by file, then line, then column, so the list reads like the files do. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** A file's text as the code frame shows it (no byte-order mark); undefined when it cannot be read. */
export function sourceOnDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * `file:line:col: error: message`, then a code frame when the source text is known, then the hint.
 * `readSource` returns the text of a file (or undefined); paths print relative to `cwd`.
 */
export function formatDiagnostic(
  d: Diagnostic,
  readSource: (file: string) => string | undefined,
  cwd = process.cwd(),
): string {
  const shown = path.relative(cwd, d.file) || d.file;
  const place = d.line ? `${shown}:${d.line}:${d.column ?? 1}` : shown;
  const lines = [`${place}: ${d.severity}: ${d.message}${d.rule ? ` [${d.rule}]` : ''}`];
  const source = d.line ? readSource(d.file) : undefined;
  if (source !== undefined && d.line) lines.push(codeFrame(source, d.line, d.column ?? 1));
  if (d.hint) lines.push(`   hint: ${d.hint}`);
  return lines.join('\n');
}

/** The line before and the line itself, numbered, with a caret under the column; long lines are cut to the part around it. */
export function codeFrame(source: string, line: number, column: number): string {
  const all = source.split(/\r?\n/);
  const first = Math.max(1, line - 1);
  const last = Math.min(all.length, line);
  const width = String(last).length + 3;
  // A 5,000-character line (a pasted blob, deep brackets) would flood the terminal: show 80 characters around the column.
  const start = Math.max(0, column - 1 - FRAME_WIDTH / 2);
  const cut = (text: string) => (text.length <= FRAME_WIDTH ? text : `${start > 0 ? '…' : ''}${text.slice(start, start + FRAME_WIDTH)}${text.length > start + FRAME_WIDTH ? '…' : ''}`);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ' > ' : '   ';
    const text = visible(cut(all[n - 1] ?? ''));
    out.push(`${marker}${String(n).padStart(width - 3)} | ${text}`);
  }
  const shifted = (all[line - 1] ?? '').length > FRAME_WIDTH ? column - 1 - start + (start > 0 ? 1 : 0) : column - 1;
  out.push(`${' '.repeat(width)} | ${' '.repeat(Math.max(0, shifted))}^`);
  return out.join('\n');
}

const FRAME_WIDTH = 80;

/**
 * Control characters would garble the terminal; show them as their code point instead. Direction marks and
 * zero-width characters would reorder or hide the line shown (a message names them): each is shown as ▯, one
 * character for one, so the caret stays under its column.
 */
function visible(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, '▯');
}
