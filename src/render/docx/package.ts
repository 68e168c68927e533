// Finishing the .docx that the docx package writes: fonts named with fallbacks, the build's date, stable ids, fixed zip times.
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { writeZip } from '../../zip.js';
import { openFont } from '../../font-files.js';
import type { Theme } from '../../theme.js';
import { DECORATIVE } from './figures.js';

interface FinishOptions {
  theme: Theme;
  date: Date;
  language: string;
}

/**
 * The docx package's own zip, stored rather than deflated. Packer.toBuffer deflates every part in JavaScript
 * (JSZip), about half of its time, and finishPackage unzips it again to finish the parts and zips it with
 * zlib anyway. Packer has no option for that, so this reaches its compiler, a private field: docx is pinned
 * to one version in package.json, and a missing compiler falls back to toBuffer.
 */
export async function packedUncompressed(word: Document): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document, prettify: undefined, overrides: []): { generateAsync(options: object): Promise<Uint8Array> } } }).compiler;
  if (!compiler) return Packer.toBuffer(word);
  return compiler.compile(word, undefined, []).generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/**
 * The docx package stamps the time of the run into the core properties and the zip, and gives external
 * links random relationship ids; the same guide must give the same bytes, so those are fixed here. Its
 * font table lists only embedded fonts, so Word would not know what PT Serif looks like on a machine
 * without it: the table written here describes each theme font (classification, PANOSE, a common
 * alternative) so Word substitutes a close font, and LibreOffice does the same through fontconfig.
 */
export function finishPackage(docx: Uint8Array, options: FinishOptions): Uint8Array {
  const files = unzipSync(docx);
  const text = (name: string) => strFromU8(files[name]!);
  files['word/fontTable.xml'] = strToU8(fontTable(options.theme));
  files['docProps/core.xml'] = strToU8(coreProperties(text('docProps/core.xml'), options));
  const rels = 'word/_rels/document.xml.rels';
  const renamed = stableRelationshipIds(text(rels), text('word/document.xml'));
  files[rels] = strToU8(renamed.rels);
  files['word/document.xml'] = strToU8(uniqueBookmarkIds(markDecorative(contentsAsWordWritesThem(renamed.document))));
  return writeZip(Object.entries(files).map(([name, data]) => ({ name, data })), options.date);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Serif faces fall back to Times New Roman, sans to Arial: both everywhere, both with Cyrillic. */
function fontTable(theme: Theme): string {
  const entry = (packagePath: string, family: 'roman' | 'swiss', alternative: string) => {
    const font = openFont(packagePath) as unknown as { familyName: string; 'OS/2'?: { panose?: number[] } };
    const panose = (font['OS/2']?.panose ?? []).map((n) => n.toString(16).padStart(2, '0').toUpperCase()).join('');
    return [
      `<w:font w:name="${font.familyName}">`,
      `<w:altName w:val="${alternative}"/>`,
      panose.length === 20 ? `<w:panose1 w:val="${panose}"/>` : '',
      `<w:family w:val="${family}"/><w:pitch w:val="variable"/>`,
      '</w:font>',
    ].join('');
  };
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<w:fonts xmlns:w="${W}">`,
    entry(theme.fonts.serif.regular, 'roman', 'Times New Roman'),
    entry(theme.fonts.sans.regular, 'swiss', 'Arial'),
    '</w:fonts>',
  ].join('\n');
}

function coreProperties(xml: string, { date, language }: FinishOptions): string {
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let out = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
  if (!out.includes('<dc:language>')) out = out.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`);
  return out;
}

/**
 * The docx package opens the contents field in a paragraph of its own, closes it in another and names its
 * block only by an alias; LibreOffice then prints the field code ("TOC \o …") as text. Word marks the block
 * as its Table of Contents part and starts and ends the field inside the first and last entries, so the
 * block is marked and the runs move there.
 */
function contentsAsWordWritesThem(document: string): string {
  const begin = /<w:sdtContent><w:p><w:r>(<w:fldChar w:fldCharType="begin"[^>]*\/><w:instrText[^>]*>[^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/>)<\/w:r><\/w:p><w:p>(<w:pPr>(?:(?!<\/w:pPr>).)*<\/w:pPr>)/s;
  const end = /<\/w:p><w:p><w:r><w:fldChar w:fldCharType="end"\/><\/w:r><\/w:p><\/w:sdtContent>/;
  if (!begin.test(document) || !end.test(document)) return document;
  const part = '<w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>';
  return document
    .replace(/<w:sdtPr><w:alias w:val="[^"]*"\/><\/w:sdtPr>/, part)
    .replace(begin, '<w:sdtContent><w:p>$2<w:r>$1</w:r>')
    .replace(end, '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent>');
}

/**
 * The docx package numbers each bookmark with a counter of its own, so every bookmark is w:id="1"; the format
 * asks for a unique id per bookmark, which Word uses to pair a start with its end. Bookmarks here never
 * overlap (one per paragraph), so each start takes the next number and the end after it takes the same.
 */
function uniqueBookmarkIds(document: string): string {
  let count = 0;
  return document.replace(/<w:bookmark(Start|End)\b([^>]*?)\bw:id="\d+"/g, (_match, kind: string, attributes: string) => {
    if (kind === 'Start') count += 1;
    return `<w:bookmark${kind}${attributes}w:id="${count}"`;
  });
}

/** External links get rIdLink1, rIdLink2, … in the order they appear, instead of random ids. */
function stableRelationshipIds(rels: string, document: string): { rels: string; document: string } {
  const random = [...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*TargetMode="External"[^>]*\/>/g)].map((m) => m[1]!);
  const order = random.sort((a, b) => document.indexOf(`"${a}"`) - document.indexOf(`"${b}"`));
  let outRels = rels;
  let outDocument = document;
  order.forEach((id, index) => {
    const stable = `rIdLink${index + 1}`;
    outRels = outRels.replaceAll(`Id="${id}"`, `Id="${stable}"`);
    outDocument = outDocument.replaceAll(`r:id="${id}"`, `r:id="${stable}"`);
  });
  return { rels: outRels, document: outDocument };
}

/**
 * A decorative picture is marked as Word marks one ("Mark as decorative"), so Word's accessibility checker
 * and screen readers pass over it instead of asking for alt text; the docx package has no option for it.
 */
function markDecorative(document: string): string {
  const mark =
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">' +
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>';
  return document.replace(new RegExp(`<wp:docPr( id="\\d+" name="${DECORATIVE}" descr="")/>`, 'g'), `<wp:docPr$1>${mark}</wp:docPr>`);
}
