// Reads a figure's picture and checks it before anything else touches it: inside the guide's folder, not too large, truly the kind its name says, and whole.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { closest } from './did-you-mean.js';
import { checkJpeg } from './jpeg.js';
import { checkSvg } from './svg.js';

export type ImageFormat = 'png' | 'jpeg' | 'svg';

const requireOnce = createRequire(import.meta.url);
/** Loaded when a guide first has a figure: checking a guide without pictures costs nothing for them (about 0.2 s of start-up). */
const imageSize = (data: Uint8Array) => (requireOnce('image-size') as typeof import('image-size')).imageSize(data);
const pngDecoder = () => (requireOnce('pngjs') as typeof import('pngjs')).PNG;
const svgRenderer = () => (requireOnce('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;

/** A picture that passed every check, with what the renderers need to place it. */
export interface GuideImage {
  /** The name it has in every output ("figure-<hash>.png"): from its bytes, so builds are byte-identical and a picture used twice is stored once. */
  name: string;
  format: ImageFormat;
  mediaType: string;
  bytes: Uint8Array;
  /** The size it shows at, in pixels (CSS pixels for SVG), after any rotation its EXIF data asks for. */
  width: number;
  height: number;
  /** JPEG: the EXIF orientation (1 = as stored), which PDF viewers and browsers apply but Word does not. */
  orientation: number;
  /** SVG: drawn as vectors in print; false when it uses something the vector drawing cannot show. */
  vector: boolean;
}

/** A phone photo is 3–12 MB and 12 megapixels; these leave room for a good scan and stop a picture that would exhaust memory. */
export const IMAGE_LIMITS = { bytes: 10 * 1024 * 1024, pixels: 40_000_000 };

const EXTENSIONS: Record<string, ImageFormat> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.svg': 'svg' };
export const MEDIA_TYPES: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };
const FORMAT_NAMES: Record<string, string> = { png: 'a PNG', jpg: 'a JPEG', jpeg: 'a JPEG', svg: 'an SVG', gif: 'a GIF', webp: 'a WebP', heif: 'a HEIC/HEIF (an iPhone photo)', bmp: 'a BMP', tiff: 'a TIFF', psd: 'a Photoshop', ico: 'an icon' };

export interface Refusal {
  problem: string;
  hint?: string;
}

export type ImageResult = { image: GuideImage } | Refusal;

const refuse = (problem: string, hint?: string): Refusal => ({ problem, hint });

/** `file` is as written in the YAML, relative to the guide's folder. Nothing outside the folder is opened, and no message repeats a file's contents. */
export function readImage(guideDir: string, file: string): ImageResult {
  const format = EXTENSIONS[path.extname(file).toLowerCase()];
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) || path.isAbsolute(file) || /^[a-z]:|^\\\\/i.test(file)) {
    return refuse(`the figure's file "${file}" is not a path inside the guide's folder`, 'copy the picture into the guide’s folder (e.g. figures/) and write its path from there, e.g. "figures/map.png"');
  }
  if (/[%\\\0]/.test(file)) return refuse(`the figure's file "${file}" has a character paths here may not use (% or \\)`, 'write the path with forward slashes and plain characters, e.g. "figures/map.png"');
  if (!format) return refuse(`the figure's file "${file}" is not a PNG, JPEG or SVG (by its name)`, 'save the picture as PNG (drawings, screenshots), JPEG (photographs) or SVG (diagrams)');
  const located = locate(guideDir, file);
  if ('problem' in located) return located;
  const bytes = readCapped(located.real, file);
  if ('problem' in bytes) return bytes;
  return checkContent(file, format, bytes.data);
}

/** What a message calls a picture and the folder it must be in; figures are "the figure's file" in "the guide's folder". */
export interface PictureWording {
  subject: string;
  folder: string;
}

/** The same checks for another picture (a school's logo), its messages reworded to name it and its folder. */
export function readPicture(dir: string, file: string, wording: PictureWording): ImageResult {
  const result = readImage(dir, file);
  if ('image' in result) return result;
  const reword = (text: string) => text.replaceAll("the figure's file", wording.subject).replace(/the guide['’]s folder/g, wording.folder);
  return refuse(reword(result.problem), result.hint && reword(result.hint));
}

/** The real path, after every symbolic link: it must still be a file inside the guide's (real) folder. */
function locate(guideDir: string, file: string): { real: string } | Refusal {
  const root = realpathSync(guideDir);
  const full = path.resolve(root, file);
  if (!isInside(root, full)) return refuse(`the figure's file "${file}" is outside the guide's folder`, 'copy the picture into the guide’s folder (e.g. figures/) and name it from there');
  if (!existsSync(full)) {
    const dir = path.dirname(full);
    const nearby = (dir === root || isInside(root, dir)) && existsSync(dir) && lstatSync(dir).isDirectory() ? readdirSync(dir) : [];
    const suggestion = closest(path.basename(file), nearby);
    const hint = suggestion ? `did you mean "${path.posix.join(path.posix.dirname(file), suggestion)}"? (names must match exactly, capitals too)` : 'check the spelling, and that the picture is in the guide’s folder';
    return refuse(`the figure's file "${file}" does not exist`, hint);
  }
  const real = realpathSync(full);
  if (!isInside(root, real)) return refuse(`the figure's file "${file}" is a link to a file outside the guide's folder`, 'copy the picture itself into the guide’s folder instead of linking to it');
  const kind = lstatSync(real);
  if (kind.isDirectory()) return refuse(`the figure's file "${file}" is a folder, not a picture`, 'name the picture file inside it');
  // A named pipe or a device would block or never end if read: refused by its type, never opened.
  if (!kind.isFile()) return refuse(`the figure's file "${file}" is ${kind.isFIFO() ? 'a named pipe (FIFO)' : kind.isSocket() ? 'a socket' : 'a device'}, not a picture`, 'replace it with the picture file itself (it was not opened)');
  return { real };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Reads at most the limit (and one byte more, to know it is over), from the one open file whose size was checked. */
function readCapped(real: string, file: string): { data: Uint8Array } | Refusal {
  const fd = openSync(real, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return refuse(`the figure's file "${file}" is empty`, 'save the picture again');
    if (size > IMAGE_LIMITS.bytes) return refuse(`the figure's file "${file}" is ${overLimit(size)}; a picture may be at most ${megabytes(IMAGE_LIMITS.bytes)}`, 'make it smaller: a photograph saved as JPEG at 2000 pixels wide is plenty for print');
    const data = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, data, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { data: data.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** A file a few bytes over the limit would round to the limit itself ("10.0 MB; at most 10.0 MB"). */
const overLimit = (bytes: number) => (megabytes(bytes) === megabytes(IMAGE_LIMITS.bytes) ? `just over ${megabytes(bytes)}` : megabytes(bytes));

/** Whatever the file's name says, its first bytes decide what it is; then the whole picture must read. */
function checkContent(file: string, format: ImageFormat, data: Uint8Array): ImageResult {
  const actual = sniff(data);
  if (actual !== format) {
    const real = actual ? FORMAT_NAMES[actual] : describeUnknown(data);
    const rename = actual ? `rename it to end in .${actual === 'jpeg' ? 'jpg' : actual}` : 'save the picture again as PNG, JPEG or SVG';
    const hint = actual ? rename : real ? 'open it in an image editor and save it as PNG or JPEG' : rename;
    return refuse(`the figure's file "${file}" is named as ${FORMAT_NAMES[format]} file but is ${real ?? 'not a picture this tool can read'}`, hint);
  }
  if (format === 'svg') return checkSvgFile(file, data);
  const size = rasterSize(data);
  if (!size) return refuse(`the figure's file "${file}" has a damaged header`, 'open it in an image editor and save it again');
  if (size.width * size.height > IMAGE_LIMITS.pixels) {
    return refuse(`the figure's file "${file}" is ${size.width} × ${size.height} pixels (${(size.width * size.height / 1e6).toFixed(1)} megapixels); a picture may have at most ${IMAGE_LIMITS.pixels / 1e6} megapixels`, 'scale it down: 3000 pixels on the longer side prints sharply at any size in a guide');
  }
  const damage = format === 'png' ? pngDamage(data) : checkJpeg(data);
  if (damage) return refuse(`the figure's file "${file}" is damaged: ${damage}`, 'open it in an image editor and save it again');
  const turned = (size.orientation ?? 1) > 4;
  return picture(format, data, turned ? size.height : size.width, turned ? size.width : size.height, { orientation: size.orientation ?? 1 });
}

function picture(format: ImageFormat, bytes: Uint8Array, width: number, height: number, extra: { orientation?: number; vector?: boolean }): ImageResult {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const extension = format === 'jpeg' ? 'jpg' : format;
  return { image: { name: `figure-${hash}.${extension}`, format, mediaType: MEDIA_TYPES[format], bytes, width, height, orientation: extra.orientation ?? 1, vector: extra.vector ?? false } };
}

function sniff(data: Uint8Array): ImageFormat | string | undefined {
  if (data.length >= 8 && Buffer.from(data.subarray(0, 8)).equals(PNG_SIGNATURE)) return 'png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  const start = Buffer.from(data.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<') && /<svg[\s>]/.test(Buffer.from(data.subarray(0, 65536)).toString('utf8'))) return 'svg';
  return undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Other picture formats are named (a HEIC from a phone is a common surprise); anything else is just "not a picture". */
function describeUnknown(data: Uint8Array): string | undefined {
  try {
    const type = imageSize(data).type;
    return type ? (FORMAT_NAMES[type] ?? `a ${type.toUpperCase()}`) + ' file' : undefined;
  } catch {
    return undefined;
  }
}

function rasterSize(data: Uint8Array): { width: number; height: number; orientation?: number } | undefined {
  try {
    const size = imageSize(data);
    return size.width > 0 && size.height > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decodes the whole PNG once: pdfkit's PNG reader does not check, and a damaged compressed stream in it
 * crashes the process later, out of reach of any error handling (see research/reliability.md).
 */
function pngDamage(data: Uint8Array): string | undefined {
  try {
    pngDecoder().sync.read(Buffer.from(data), { checkCRC: true });
    return undefined;
  } catch {
    // The decoder's own words are about streams and chunks; a teacher needs to know which of two things happened.
    const ends = Buffer.from(data.subarray(-12)).includes('IEND');
    return ends ? 'part of its picture data is garbled (it fails its checksum or does not decompress)' : 'the file ends before the picture does (it was cut short)';
  }
}

function checkSvgFile(file: string, data: Uint8Array): ImageResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return refuse(`the figure's file "${file}" is not UTF-8 text, so not a usable SVG`, 'save the drawing again as SVG (UTF-8)');
  }
  const checked = checkSvg(text);
  if (checked.problem) return refuse(`the figure's file "${file}" ${checked.problem.message}`, checked.problem.hint);
  try {
    // Read only for its size; no fonts are needed for that, and none from the system are loaded.
    const Resvg = svgRenderer();
    const svg = new Resvg(text, { font: { loadSystemFonts: false } });
    return picture('svg', data, svg.width, svg.height, { vector: checked.vector });
  } catch (error) {
    return refuse(`the figure's file "${file}" cannot be drawn: ${String((error as Error).message ?? error)}`, 'open it in a drawing program and save it again as plain SVG');
  }
}
