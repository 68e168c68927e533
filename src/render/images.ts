// Each figure's picture in the form each output wants: print at full resolution (a JPEG exactly as given), screens a smaller copy, Word upright pixels; made once per process.
import { createRequire } from 'node:module';
import { caches } from '../cache.js';
import type { GuideImage } from '../content/images.js';
import { openFont, resolveFontFile } from '../font-files.js';
import { themeKey, type Theme } from '../theme.js';

const requireOnce = createRequire(import.meta.url);
/** The image libraries load when a document first has a picture to prepare: a guide without figures pays nothing for them. */
const libraries = {
  png: () => (requireOnce('pngjs') as typeof import('pngjs')).PNG,
  resvg: () => (requireOnce('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg,
  sharp: async () => (await import('sharp')).default,
};

/**
 * The EPUB's and the web page's budget for one picture. 1600 pixels on the longer side is sharp on a
 * phone or tablet held at reading distance (Apple Books and Kobo recommend about that), and a copy
 * over 1 MB is made again smaller: Kobo advises at most 5 MB an image, and a class downloads the book
 * over school Wi-Fi. Print gets the original.
 */
export const SCREEN_LIMITS = { side: 1600, bytes: 1024 * 1024 };

/** Print resolution for a drawing that is printed from pixels (see printableSvg). */
export const PRINT_DPI = 300;

export interface Pixels {
  bytes: Uint8Array;
  format: 'png' | 'jpeg' | 'svg';
  width: number;
  height: number;
}

function cached<T extends Uint8Array | Pixels>(key: string, make: () => T): T {
  const hit = caches.pictures.get(key) as T | undefined;
  if (hit) return hit;
  const made = make();
  caches.pictures.set(key, made);
  return made;
}

async function cachedAsync(key: string, make: () => Promise<Pixels>): Promise<Pixels> {
  const hit = caches.pictures.get(key) as Pixels | undefined;
  if (hit) return hit;
  const made = await make();
  caches.pictures.set(key, made);
  return made;
}

/**
 * A PNG as pdfkit draws it correctly. Its reader handles 8-bit grey and RGB, with or without an alpha
 * channel (which becomes a soft mask), but not every other kind: a 2-bit palette PNG with transparency,
 * as PNG optimisers write them, printed as a white box when tried. Every other kind (palette, 1, 2, 4 or
 * 16 bits, interlaced) is decoded and written again as 8-bit RGBA; the load stage has already decoded
 * each PNG once, so this cannot fail.
 */
export function printablePng(image: GuideImage): Uint8Array {
  const [bitDepth, colourType, interlace] = [image.bytes[24], image.bytes[25], image.bytes[28]];
  if (bitDepth === 8 && colourType !== 3 && interlace === 0) return image.bytes;
  return cached(`print-png:${image.name}`, () => {
    const PNG = libraries.png();
    const decoded = PNG.sync.read(Buffer.from(image.bytes));
    return new Uint8Array(PNG.sync.write(decoded, { colorType: 6, inputColorType: 6, bitDepth: 8 }));
  });
}

/** An SVG drawn to pixels with the theme's fonts only (never the machine's), so every machine gives the same picture. */
export function svgToPng(image: GuideImage, pixelWidth: number, theme: Theme): Uint8Array {
  const width = Math.max(1, Math.round(pixelWidth));
  // Drawn with the theme's faces: another theme's fonts make another picture.
  return cached(`svg-png:${themeKey(theme)}:${image.name}:${width}`, () => {
    const fontFiles = Object.values(theme.fonts).flatMap((faces) => Object.values(faces).map(resolveFontFile));
    const [serif, sans] = [openFont(theme.fonts.serif.regular).familyName, openFont(theme.fonts.sans.regular).familyName];
    const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: sans, sansSerifFamily: sans, serifFamily: serif };
    const Resvg = libraries.resvg();
    return new Uint8Array(new Resvg(Buffer.from(image.bytes), { font, fitTo: { mode: 'width', value: width } }).render().asPng());
  });
}

/** The pixel width that prints a picture `points` wide at print resolution. */
export function printPixels(points: number): number {
  return Math.ceil((points / 72) * PRINT_DPI);
}

/**
 * The copy an e-reader or the web page gets: an SVG as it is (the load stage refused anything unsafe in
 * it); a photo or drawing within the screen budget as it is; a larger one scaled down (never up) and
 * saved again in its own format, upright and without its metadata (a phone photo's location goes too).
 * A copy still over the byte budget (a photograph saved as PNG) is scaled down again until it fits.
 */
export function screenCopy(image: GuideImage): Promise<Pixels> {
  const { side, bytes } = SCREEN_LIMITS;
  const fits = Math.max(image.width, image.height) <= side && image.bytes.length <= bytes && image.orientation === 1;
  if (image.format === 'svg' || fits) return Promise.resolve({ bytes: image.bytes, format: image.format, width: image.width, height: image.height });
  return cachedAsync(`screen:${image.name}`, async () => {
    let longest = Math.min(side, Math.max(image.width, image.height));
    for (let attempt = 1; ; attempt++) {
      const copy = await scaledCopy(image, longest);
      if (copy.bytes.length <= bytes || attempt === 3) return copy;
      // Bytes go roughly with the area, so the side shrinks by the square root of the overshoot.
      longest = Math.floor(longest * Math.sqrt(bytes / copy.bytes.length) * 0.95);
    }
  });
}

/**
 * Quality 82 without mozjpeg: measured on a 12-megapixel photo, mozjpeg's trellis made the copy 9% smaller
 * but took 1.2 s instead of 0.27 s.
 */
async function scaledCopy(image: GuideImage, longest: number): Promise<Pixels> {
  const sharp = await libraries.sharp();
  const resized = sharp(image.bytes).rotate().resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true });
  const encoded = image.format === 'jpeg' ? resized.jpeg({ quality: 82 }) : resized.png({ compressionLevel: 9, adaptiveFiltering: true });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), format: image.format, width: info.width, height: info.height };
}

/**
 * The copy Word gets: the original, except that a photo whose EXIF data turns it is turned in its
 * pixels (Word ignores the EXIF orientation and would show it on its side).
 */
export function uprightCopy(image: GuideImage): Promise<Pixels> {
  if (image.orientation === 1) return Promise.resolve({ bytes: image.bytes, format: image.format, width: image.width, height: image.height });
  return cachedAsync(`upright:${image.name}`, async () => {
    const sharp = await libraries.sharp();
    const { data, info } = await sharp(image.bytes).rotate().jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), format: 'jpeg', width: info.width, height: info.height };
  });
}

/** Every picture of a document as screens get it, by its <img src>, in document order. */
export async function screenPictures(images: ReadonlyMap<string, GuideImage> | undefined): Promise<Map<string, Pixels>> {
  const pictures = new Map<string, Pixels>();
  for (const [src, image] of images ?? []) pictures.set(src, await screenCopy(image));
  return pictures;
}
