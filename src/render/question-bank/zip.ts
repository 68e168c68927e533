// Zips a content package (QTI, Common Cartridge) with the manifest first and the build's date on every entry, so the same guide gives the same bytes.
import { strToU8 } from 'fflate';
import { writeZip } from '../../zip.js';

export function zipPackage(files: Map<string, string>, date: Date): Uint8Array {
  const names = [...files.keys()].sort((a, b) => Number(b === 'imsmanifest.xml') - Number(a === 'imsmanifest.xml') || a.localeCompare(b));
  return writeZip(names.map((name) => ({ name, data: strToU8(files.get(name)!) })), date);
}
