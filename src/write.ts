// The write stage, the only code that touches output/: every file goes to a temporary name, then all are renamed, under a lock.
import { accessSync, closeSync, constants, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
 * Writes every file or none: temporaries are written and synced first; then each file they replace is moved
 * aside, and only when that worked for all of them are the new files renamed into place. Any failure puts
 * the old files back, so the last good outputs stay as they were whatever goes wrong (a full disk, a file
 * another program holds, a file made immutable). A lock in the output folder makes two builds take turns.
 */
export async function writeOutputs(outDir: string, outputs: OutputFile[]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const lock = await acquireLock(outDir);
  const staged: Staged[] = [];
  try {
    refuseFoldersInTheWay(outDir, outputs);
    for (const output of outputs) staged.push(stage(output));
    publish(staged);
  } catch (error) {
    throw asOutputError(error, outDir, staged);
  } finally {
    for (const { temporary, final, aside } of staged) {
      try {
        rmSync(temporary, { force: true });
        inFlight.delete(temporary);
        // An old file that could not be put back is never thrown away: it goes back under its name if that is free.
        if (existsSync(aside) && !existsSync(final)) renameSync(aside, final);
        else rmSync(aside, { force: true });
      } catch {
        // Tidying one leftover failed; the next build removes it (removeStaleTemporaries), and the others are still tidied.
      }
    }
    releaseLock(lock);
  }
}

/** A folder under an output's name would be moved aside and lost from sight: refused before anything is written. */
function refuseFoldersInTheWay(outDir: string, outputs: OutputFile[]): void {
  for (const { path: file } of outputs) {
    let stats;
    try {
      stats = lstatSync(file);
    } catch {
      continue;
    }
    if (!stats.isDirectory()) continue;
    const shown = path.relative(process.cwd(), file) || file;
    throw new OutputError(`could not write the outputs in ${outDir}: ${shown} is a folder, and an output file goes by that name`, outDir, 'move or rename that folder (or choose another --out folder); no output was changed');
  }
}

interface Staged {
  temporary: string;
  final: string;
  /** Where the file it replaces waits until every new file is in place. */
  aside: string;
}

function stage(output: OutputFile): Staged {
  const dir = path.dirname(output.path);
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  const name = (kind: string) => path.join(dir, `.${path.basename(output.path)}.${kind}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const staged = { temporary: name('tmp'), final: output.path, aside: name('old') };
  // Only the temporary can be left by Ctrl-C: the old file is moved aside and back within one synchronous step (publish).
  inFlight.add(staged.temporary);
  const fd = openSync(staged.temporary, 'w');
  try {
    writeSync(fd, output.bytes);
    syncToDisk(fd);
  } finally {
    closeSync(fd);
  }
  return staged;
}

/** Old files aside, new files in; on any failure, what was done is undone in reverse before the error goes on. */
function publish(staged: Staged[]): void {
  const undo: (() => void)[] = [];
  try {
    for (const { final, aside } of staged) {
      if (!existsSync(final)) continue;
      renameSync(final, aside);
      undo.push(() => renameSync(aside, final));
    }
    for (const { temporary, final } of staged) {
      renameSync(temporary, final);
      undo.push(() => renameSync(final, temporary));
    }
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Putting one file back failed; the others are still put back.
      }
    }
    throw error;
  }
}

/** What the CLI says when the files could not be written: which file, why, and (truly) that nothing changed. */
function asOutputError(error: unknown, outDir: string, staged: Staged[]): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'ENOTDIR', 'EISDIR', 'EDQUOT', 'ENOENT'].includes(code)) return error;
  const reasons: Record<string, string> = { ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up', EBUSY: 'a file is open in another program', EPERM: 'the file may not be changed (it is protected or read-only)', EACCES: 'there is no permission to change it' };
  const file = (error as NodeJS.ErrnoException & { dest?: string }).dest ?? (error as NodeJS.ErrnoException).path;
  const named = staged.find((s) => s.final === file || s.aside === file || s.temporary === file)?.final ?? file;
  const which = named ? `${path.relative(process.cwd(), named) || named}: ` : '';
  return new OutputError(`could not write the outputs in ${outDir}: ${which}${reasons[code] ?? (error as Error).message}`, outDir, 'no output was changed: the files from the last good build are as they were');
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

/**
 * What a build killed outright (no chance to clean up) left, once its process is gone: temporaries are
 * removed; a file it had moved aside goes back to its name if nothing took its place, else it is removed.
 */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /^\.(.+)\.(tmp|old)-(\d+)-[a-z0-9]+$/.exec(name);
    const pid = Number(match?.[3]);
    if (!match || !pid || pid === process.pid || isAlive(pid)) continue;
    const final = path.join(dir, match[1]!);
    if (match[2] === 'old' && !existsSync(final)) renameSync(path.join(dir, name), final);
    else rmSync(path.join(dir, name), { force: true });
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
