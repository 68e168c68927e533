// Writes the zip files the build makes (EPUB, Word, question packages): node's zlib, entries in the given order, one fixed date, compressed bytes remembered.
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { caches } from './cache.js';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Stored rather than deflated: the EPUB's mimetype must be, and PNG and JPEG data hardly shrink. */
  store?: boolean;
}

/**
 * Why not a library: fflate (used before) deflates in JavaScript, about 7× slower than zlib on our fonts
 * (525 → 74 ms per build measured), and yazl or archiver write through streams, asynchronously, for what is
 * here one small synchronous function. The format is the plain one: a local header before each entry's data,
 * the central directory after them, no zip64 (an EPUB is a few megabytes at most).
 */
export function writeZip(entries: ZipEntry[], date: Date): Uint8Array {
  const { time, day } = dosDateTime(date);
  const locals: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { method, body, crc } = packed(entry);
    const fields = { method, time, day, crc, compressed: body.length, size: entry.data.length, nameLength: name.length };
    const local = localHeader(fields);
    locals.push(local, name, body);
    central.push(centralHeader(fields, offset), name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...locals, directory, endOfDirectory(entries.length, directory.length, offset)]);
}

interface EntryFields { method: number; time: number; day: number; crc: number; compressed: number; size: number; nameLength: number }

/** General-purpose flag bit 11: names are UTF-8 (a guide's picture may be called "карта.png"). */
const UTF8_NAMES = 0x0800;

function localHeader(f: EntryFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed to extract: 2.0 (deflate)
  writeEntryFields(header, 6, f);
  return header;
}

function centralHeader(f: EntryFields, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // version made by
  header.writeUInt16LE(20, 6); // version needed to extract
  writeEntryFields(header, 8, f);
  header.writeUInt32LE(offset, 42);
  return header;
}

/** The run of fields both headers share, in the same order: flags, method, time, date, checksum, sizes, name length. */
function writeEntryFields(header: Buffer, at: number, f: EntryFields): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt16LE(f.time, at + 4);
  header.writeUInt16LE(f.day, at + 6);
  header.writeUInt32LE(f.crc, at + 8);
  header.writeUInt32LE(f.compressed, at + 12);
  header.writeUInt32LE(f.size, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/**
 * An entry's stored or deflated bytes and checksum. Large entries (fonts, pictures) are remembered by the hash
 * of their bytes: the student and teacher EPUBs embed the same font files, and a preview rebuilds them on every save.
 */
function packed(entry: ZipEntry): { method: number; body: Uint8Array; crc: number } {
  const compute = () => (entry.store ? { method: 0, body: entry.data, crc: crc32(entry.data) } : { method: 8, body: deflateRawSync(entry.data, { level: 6 }), crc: crc32(entry.data) });
  if (entry.data.length < 16_384) return compute();
  const key = `${entry.store ? 'stored' : 'deflated'} ${createHash('sha1').update(entry.data).digest('base64')}`;
  const known = caches.zipEntries.get(key);
  if (known) return known;
  const made = compute();
  caches.zipEntries.set(key, made);
  return made;
}

/** The MS-DOS date and time a zip entry carries, in UTC so a build gives the same bytes in every time zone. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
