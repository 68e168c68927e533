// The write stage, the only code that touches output/: every file goes to a temporary name, then all are renamed.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Writes every file or none: temporaries are written and synced first, and only when all of them exist are
 * they renamed over the old files, so a failure or Ctrl-C leaves the last good outputs as they were.
 */
export function writeOutputs(outputs: OutputFile[]): void {
  const staged: { temporary: string; final: string }[] = [];
  try {
    for (const output of outputs) {
      mkdirSync(path.dirname(output.path), { recursive: true });
      const temporary = path.join(path.dirname(output.path), `.${path.basename(output.path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
      staged.push({ temporary, final: output.path });
      const fd = openSync(temporary, 'w');
      try {
        writeSync(fd, output.bytes);
        syncToDisk(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { temporary, final } of staged) renameSync(temporary, final);
  } finally {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
  }
}

/**
 * fsync makes the temporary survive a power cut before it replaces the old file. Node 20's permission
 * model (node --experimental-permission, which the security test runs under) forbids fsync outright;
 * there the rename alone still keeps the old file whole if the build dies.
 */
function syncToDisk(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_ACCESS_DENIED') throw error;
  }
}
