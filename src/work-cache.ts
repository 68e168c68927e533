// What earlier builds worked out and a later one may reuse (page maps, cover pictures): kept in the process and in output/.cache, checked before use, safe to delete.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caches } from './cache.js';

/**
 * Entries are found by the hash of a key that names everything their value depends on (the content drawn,
 * the fonts, the program's version), so a stale entry is never found rather than found and wrong. A file
 * read back must still match the checksum written with it; one that does not (a half-written or edited
 * file) is ignored and made again. Nothing here is needed: delete the folder and the next build is a cold one.
 */
export class WorkCache {
  private readonly pending = new Map<string, Uint8Array>();

  private constructor(private readonly folder: string | undefined) {}

  /** A cache kept in `folder` as well as in the process; without a folder, in the process only. */
  static open(folder?: string): WorkCache {
    return new WorkCache(folder);
  }

  get(kind: string, key: string): Uint8Array | undefined {
    const name = entryName(kind, key);
    const known = inProcess.get(name);
    if (known) return known;
    const fromDisk = this.folder ? readChecked(path.join(this.folder, name)) : undefined;
    if (fromDisk) inProcess.set(name, fromDisk);
    return fromDisk;
  }

  set(kind: string, key: string, value: Uint8Array): void {
    const name = entryName(kind, key);
    inProcess.set(name, value);
    if (this.folder) this.pending.set(name, value);
  }

  /** Writes what this build added. A cache that cannot be written (a read-only folder, a full disk) is simply not kept. */
  save(): void {
    if (!this.folder) return;
    for (const [name, value] of this.pending) {
      const file = path.join(this.folder, name);
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(`${file}.partial`, Buffer.concat([Buffer.from(`${checksum(value)}\n`), value]));
        renameSync(`${file}.partial`, file);
      } catch {
        return;
      }
    }
    this.pending.clear();
  }
}

/** Every build in a process (a preview server's rebuilds, the benchmark's runs) shares what the others made. */
const inProcess = caches.workResults;

/** The folder a build's cache lives in, beside its outputs. */
export function cacheFolder(outDir: string): string {
  return path.join(outDir, '.cache');
}

function entryName(kind: string, key: string): string {
  return `${kind}/${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

function checksum(value: Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

function readChecked(file: string): Uint8Array | undefined {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    if (newline !== 64) return undefined;
    const value = bytes.subarray(newline + 1);
    return bytes.subarray(0, newline).toString() === checksum(value) ? new Uint8Array(value) : undefined;
  } catch {
    return undefined;
  }
}
