// Zips a content package (QTI, Common Cartridge) with the manifest first and the build's date on every entry, so the same guide gives the same bytes.
import { strToU8, zipSync, type Zippable } from 'fflate';

export function zipPackage(files: Map<string, string>, date: Date): Uint8Array {
  const zippable: Zippable = {};
  const names = [...files.keys()].sort((a, b) => Number(b === 'imsmanifest.xml') - Number(a === 'imsmanifest.xml') || a.localeCompare(b));
  for (const name of names) zippable[name] = [strToU8(files.get(name)!), { mtime: date, level: 6 }];
  return zipSync(zippable);
}
