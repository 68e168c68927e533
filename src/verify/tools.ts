// What every verify check shares: its result shape, where it may write, and how it runs an outside program.
import { spawnSync } from 'node:child_process';
import type { Diagnostic } from '../diagnostics.js';

/** A check's problems, none when it passed, and the one line printed for it either way. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  summary: string;
}

export interface CheckContext {
  /** Conversions, reports and screenshots go here, for a person to open after the run. */
  reports: string;
  chromium: string;
}

export type Check = (file: string, context: CheckContext) => CheckResult | Promise<CheckResult>;

/** A program a check needs is not installed; the hint says which Debian package provides it. */
export class MissingTool extends Error {
  override name = 'MissingTool';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Runs a program; a missing one is a MissingTool error. */
export function run(command: string, args: string[], debianPackage: string, env: NodeJS.ProcessEnv = {}): { status: number; out: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new MissingTool(`${command} is not installed`, `apt-get install ${debianPackage}`);
  }
  return { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

/** An error found in an output file by the check called `code`. */
export function problem(file: string, code: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, message, file, ...extra };
}
