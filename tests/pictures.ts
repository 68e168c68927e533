// Pictures the figure tests make for themselves: a PNG with transparency, JPEGs, SVG drawings, and damaged, mislabelled and hostile files.
import { PNG } from 'pngjs';
import sharp from 'sharp';

/** A PNG whose alpha runs from opaque on the left to clear on the right, over a red-to-blue gradient. */
export function pngWithAlpha(width = 120, height = 80): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = Math.round((255 * x) / width);
      png.data[i + 1] = 40;
      png.data[i + 2] = Math.round((255 * y) / height);
      png.data[i + 3] = 255 - Math.round((255 * x) / width);
    }
  }
  return PNG.sync.write(png);
}

/** A JPEG photograph stand-in: smooth colour with some grain, so it compresses like a photo. */
export async function jpeg(width = 160, height = 120, { orientation }: { orientation?: number } = {}): Promise<Buffer> {
  const grain = await sharp({ create: { width: Math.ceil(width / 8), height: Math.ceil(height / 8), channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 50 } } }).png().toBuffer();
  const photo = sharp(grain).resize(width, height).blur(1.5);
  return (orientation ? photo.withMetadata({ orientation }) : photo).jpeg({ quality: 88 }).toBuffer();
}

/** A 16-bit, interlaced PNG with transparency. */
export async function deepPng(): Promise<Buffer> {
  return sharp({ create: { width: 90, height: 60, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } }).toColourspace('rgb16').png({ progressive: true }).toBuffer();
}

/** A 2-bit palette PNG with transparency, as PNG optimisers write them: pdfkit's own reader prints it as a white box. */
export async function palettePng(): Promise<Buffer> {
  return sharp({ create: { width: 70, height: 50, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } }).png({ palette: true, colours: 4 }).toBuffer();
}

/** A flat-coloured PNG of any size: compresses to almost nothing, however many pixels it has. */
export async function flatPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 46, g: 107, b: 74 } } }).png({ compressionLevel: 9 }).toBuffer();
}

/** A drawing every part of which the PDF draws as vectors: boxes, a line with an arrow, words in two scripts. */
export const SVG_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" width="400" height="160">
<title>Two friends</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#6b1d17"/></marker></defs>
<rect x="10" y="50" width="130" height="50" rx="6" fill="#2e5a3c"/>
<text x="75" y="81" font-family="PT Sans" font-size="16" fill="#ffffff" text-anchor="middle">Ия (Iya)</text>
<line x1="140" y1="75" x2="255" y2="75" stroke="#6b1d17" stroke-width="2" marker-end="url(#arrow)"/>
<rect x="260" y="50" width="130" height="50" rx="6" fill="#6b1d17"/>
<text x="325" y="81" font-family="PT Sans" font-size="16" fill="#ffffff" text-anchor="middle">Masha</text>
</svg>
`;

/** A drawing with a blur filter, which the vector drawing would leave out: printed from pixels instead. */
export const SVG_WITH_FILTER = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
<defs><filter id="soft"><feGaussianBlur stdDeviation="3"/></filter></defs>
<circle cx="100" cy="50" r="40" fill="#2e5a3c" filter="url(#soft)"/>
</svg>
`;

/** Drawings a guide must refuse, by what is wrong with them. */
export const HOSTILE_SVGS: Record<string, string> = {
  'script.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<script>alert(1)</script>\n</svg>\n',
  'onload.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>\n',
  'web-image.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n<image xlink:href="https://example.org/track.png" width="10" height="10"/>\n</svg>\n',
  'file-use.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<use href="../../secret.svg#shape"/>\n</svg>\n',
  'foreign.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject>\n</svg>\n',
  'entities.svg': '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>\n',
  'css-import.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<style>@import url(https://example.org/a.css);</style>\n<rect width="10" height="10"/>\n</svg>\n',
  'css-url.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<rect width="10" height="10" style="fill: url(https://example.org/p.svg#g)"/>\n</svg>\n',
  'not-svg.svg': '<html xmlns="http://www.w3.org/1999/xhtml"><body><svg xmlns="http://www.w3.org/2000/svg"/></body></html>\n',
};
