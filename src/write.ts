// The write stage, the only code that touches output/: every file goes to a temporary name, then all are renamed, under a lock.
import { accessSync, closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/** Raised when the output folder cannot take the files; the CLI reports it as an error at that folder. */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly folder: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Temporaries and locks of the write in progress, so an interrupt (Ctrl-C) can remove them before exiting. */
const inFlight = new Set<string>();

/** Removes what a write in progress left behind; called on Ctrl-C and on a crash. The finished files are untouched. */
export function abandonWrites(): void {
  for (const file of inFlight) rmSync(file, { recursive: true, force: true });
  inFlight.clear();
}

const LOCK_NAME = '.studyguide-lock';
/** Another build holding the lock is waiting on its renames only; a minute is far more than that takes. */
const LOCK_WAIT_MS = 60_000;

/** Fails early, before any rendering, when the output folder cannot be written: a file in the way, or no permission. */
export function checkWritable(outDir: string): void {
  const shown = (p: string) => path.relative(process.cwd(), p) || '.';
  let existing = path.resolve(outDir);
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw new OutputError(`cannot write to ${shown(outDir)}: ${shown(existing)} is a file, not a folder`, outDir, 'choose another folder with --out, or move the file away');
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new OutputError(`cannot write to ${shown(outDir)}: no permission to write in ${shown(existing)}`, outDir, 'choose a folder you can write to with --out');
  }
}

/**
 * Writes every file or none: temporaries are written and synced first, and only when all of them exist are
 * they renamed over the old files, so a failure or Ctrl-C leaves the last good outputs as they were. A lock
 * in the output folder makes two builds at once take turns, so the files on disk are all from one build.
 */
export async function writeOutputs(outDir: string, outputs: OutputFile[]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const lock = await acquireLock(outDir);
  const staged: { temporary: string; final: string }[] = [];
  try {
    for (const output of outputs) {
      mkdirSync(path.dirname(output.path), { recursive: true });
      removeStaleTemporaries(path.dirname(output.path));
      const temporary = path.join(path.dirname(output.path), `.${path.basename(output.path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
      staged.push({ temporary, final: output.path });
      inFlight.add(temporary);
      const fd = openSync(temporary, 'w');
      try {
        writeSync(fd, output.bytes);
        syncToDisk(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { temporary, final } of staged) renameSync(temporary, final);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'ENOTDIR', 'EISDIR', 'EDQUOT'].includes(code)) {
      const reasons: Record<string, string> = { ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up', EBUSY: 'a file is open in another program' };
      throw new OutputError(`could not write the outputs in ${outDir}: ${reasons[code] ?? (error as Error).message}`, outDir, 'the files from the last good build are unchanged');
    }
    throw error;
  } finally {
    for (const { temporary } of staged) {
      rmSync(temporary, { force: true });
      inFlight.delete(temporary);
    }
    releaseLock(lock);
  }
}

/** The lock is a folder (mkdir is atomic) holding the owner's process id; a lock whose owner has died is taken over. */
async function acquireLock(outDir: string): Promise<string> {
  const lock = path.join(outDir, LOCK_NAME);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      inFlight.add(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSafely(path.join(lock, 'pid')));
    if (owner && !isAlive(owner)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new OutputError(`another studyguide (process ${owner || 'unknown'}) has been writing to ${outDir} for over a minute`, outDir, `wait for it to finish, or delete ${lock} if no build is running`);
    }
    await sleep(50);
  }
}

function releaseLock(lock: string): void {
  rmSync(lock, { recursive: true, force: true });
  inFlight.delete(lock);
}

/** Temporaries left by a build that was killed outright (no chance to clean up): removed once their process is gone. */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^\..+\.tmp-(\d+)-[a-z0-9]+$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFileSafely(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
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
