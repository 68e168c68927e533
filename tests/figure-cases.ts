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
  'figure-accepted': async (guideDir) => {
    write(guideDir, 'figures/diagram.svg', SVG_DIAGRAM);
    write(guideDir, 'figures/still.png', pngWithAlpha());
    write(guideDir, 'figures/photo.jpg', await jpeg());
    write(guideDir, 'figures/ornament.png', pngWithAlpha(40, 40));
  },
};
