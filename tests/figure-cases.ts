// The pictures each figure case of the bad-input corpus needs, written into the guide's folder when the test runs (binary files are not kept in the corpus).
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flatPng, HOSTILE_SVGS, jpeg, pngWithAlpha, SVG_DIAGRAM } from './pictures.js';

function write(guideDir: string, file: string, data: string | Uint8Array): void {
  const full = path.join(guideDir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, data);
}

/** Outside references written the ways CSS and XML allow besides the plain one: escapes, comments, image-set(), a DOCTYPE naming a file. */
const DISGUISED_SVGS: Record<string, string> = {
  'escaped-url.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>rect { fill: \\75 rl("https://example.org/p.svg#g") }</style><rect width="10" height="10"/></svg>\n',
  'escaped-import.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>@\\69mport "https://example.org/a.css";</style></svg>\n',
  'comment-split.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>rect { fill: u/**/rl(https://example.org/p.svg#g) }</style><rect width="10" height="10"/></svg>\n',
  'fill-escaped.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="\\75 rl(https://example.org/p.svg#g)"/></svg>\n',
  'image-set.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>rect { mask-image: image-set("https://example.org/m.png" 1x) }</style><rect width="10" height="10"/></svg>\n',
  'doctype-file.svg': '<?xml version="1.0"?>\n<!DOCTYPE svg SYSTEM "file:///etc/hostname">\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
};

/** What drawing programs write and must still be read: the W3C's own DOCTYPE, a font name in quotes, url(#…), a comment. */
const ORDINARY_SVG =
  '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' +
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><defs><linearGradient id="g"><stop offset="0" stop-color="#2e6b4a"/></linearGradient></defs>' +
  '<style>/* made by hand */ text { font-family: "PT Sans", sans-serif } rect { fill: url( "#g" ) }</style><rect width="10" height="10" transform="translate(1 0)"/><text x="12" y="8">A</text></svg>\n';

export const FIGURE_CASES: Record<string, (guideDir: string) => void | Promise<void>> = {
  'figure-alt-missing': (guideDir) => write(guideDir, 'figures/still.png', pngWithAlpha()),
  'figure-file-not-found': (guideDir) => {
    write(guideDir, 'figures/still.png', pngWithAlpha());
    write(guideDir, 'figures/notes.txt', 'Not a picture.\n');
    mkdirSync(path.join(guideDir, 'figures', 'folder.png'));
    write(guideDir, 'figures/empty.png', '');
    // A real picture beside the guide's folder, which "../../guide-outside.png" would reach.
    write(path.dirname(path.dirname(guideDir)), 'guide-outside.png', pngWithAlpha());
  },
  'figure-symlink-outside': (guideDir) => {
    const project = path.dirname(path.dirname(guideDir));
    write(project, 'secret.png', pngWithAlpha());
    write(guideDir, 'figures/real.png', pngWithAlpha());
    symlinkSync(path.join(project, 'secret.png'), path.join(guideDir, 'figures', 'linked.png'));
    symlinkSync(project, path.join(guideDir, 'figures', 'elsewhere'));
    symlinkSync('real.png', path.join(guideDir, 'figures', 'inside-link.png'));
  },
  // Reading a named pipe would wait for ever: it is refused by its type, never opened.
  'figure-named-pipe': (guideDir) => {
    mkdirSync(path.join(guideDir, 'figures'), { recursive: true });
    execFileSync('mkfifo', [path.join(guideDir, 'figures', 'still.png')]);
  },
  'figure-too-large': async (guideDir) => {
    // Over 10 MB: refused by its size before a byte of it is decoded.
    write(guideDir, 'figures/heavy.png', Buffer.concat([pngWithAlpha(), Buffer.alloc(11 * 1024 * 1024)]));
    // 42 megapixels in a few kilobytes: refused by its header, before it is decoded into 170 MB of pixels.
    write(guideDir, 'figures/wide.png', await flatPng(7000, 6000));
  },
  // One byte over 10 MB: the message must not call it 10.0 MB beside a limit of 10.0 MB.
  'figure-just-too-large': (guideDir) => {
    const png = pngWithAlpha();
    write(guideDir, 'figures/heavy.png', Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024 + 1 - png.length)]));
  },
  'figure-mislabelled': async (guideDir) => {
    write(guideDir, 'figures/photo.png', await jpeg());
    write(guideDir, 'figures/notes.jpg', 'Some notes, saved with the wrong name.\n');
    write(guideDir, 'figures/drawing.svg', pngWithAlpha());
    // The header of a 16 × 16 GIF: enough for the format to be named.
    write(guideDir, 'figures/animation.png', Buffer.from('GIF89a\x10\x00\x10\x00\x80\x00\x00', 'latin1'));
  },
  'figure-damaged': async (guideDir) => {
    const png = pngWithAlpha(200, 200);
    write(guideDir, 'figures/cut-short.png', png.subarray(0, Math.floor(png.length / 2)));
    const garbled = Buffer.from(png);
    const middle = Math.floor(png.length / 2);
    garbled[middle] = garbled[middle]! ^ 0xff;
    write(guideDir, 'figures/garbled.png', garbled);
    const photo = await jpeg(200, 200);
    write(guideDir, 'figures/cut-short.jpg', photo.subarray(0, Math.floor(photo.length / 2)));
  },
  'figure-svg-unsafe': (guideDir) => {
    for (const [name, svg] of Object.entries(HOSTILE_SVGS)) write(guideDir, `figures/${name}`, svg);
  },
  'figure-svg-disguised': (guideDir) => {
    for (const [name, svg] of Object.entries(DISGUISED_SVGS)) write(guideDir, `figures/${name}`, svg);
  },
  'figure-svg-doctype-accepted': (guideDir) => write(guideDir, 'figures/ordinary.svg', ORDINARY_SVG),
  'figure-accepted': async (guideDir) => {
    write(guideDir, 'figures/diagram.svg', SVG_DIAGRAM);
    write(guideDir, 'figures/still.png', pngWithAlpha());
    write(guideDir, 'figures/photo.jpg', await jpeg());
    write(guideDir, 'figures/ornament.png', pngWithAlpha(40, 40));
  },
};
