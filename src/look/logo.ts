// A school's logo: its picture read and checked as figures are (inside its folder, size, kind, SVG safety), and how the templates show it.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { readPicture, type GuideImage } from '../content/images.js';
import { positionOf } from '../content/yaml.js';
import { IMAGE_FOLDER } from '../compose/figures.js';
import type { Theme } from '../theme.js';
import type { ThemeLayer } from './override.js';

/** What the templates get as `logo`: an <img> the size it shows at, in CSS pixels; print sets it in points (¾ of a pixel). */
export interface LogoView {
  src: string;
  alt: string;
  width: number;
  height: number;
  image: GuideImage;
}

/** Its height on the printed title page when theme.yaml does not say, in points. */
export const DEFAULT_LOGO_HEIGHT = 60;

const POINTS_PER_PIXEL = 0.75;
/** A wide wordmark is set smaller rather than wider than a handout's column: 300 points. */
const MAX_WIDTH_PIXELS = 400;

/** The logo the theme names, read from the folder of the theme.yaml that named its file; undefined when there is none or it failed. */
export function readLogo(theme: Theme, layers: ThemeLayer[], houseDir: string, diagnostics: Diagnostic[]): LogoView | undefined {
  const logo = theme.logo;
  if (!logo) return undefined;
  const layer = layers.findLast((l) => typeof (l.data.logo as { file?: unknown } | undefined)?.file === 'string');
  const dir = layer?.dir ?? houseDir;
  const folder = layer?.folderName ?? `the folder of ${path.join(houseDir, 'theme.yaml')}`;
  const file = logo.file.trim();
  const result = readPicture(dir, file, { subject: "the logo's file", folder });
  if ('problem' in result) {
    const place = layer ? { file: layer.source.file, ...positionOf(layer.source, ['logo', 'file']) } : { file: path.join(houseDir, 'theme.yaml') };
    diagnostics.push({ severity: 'error', code: 'logo-file', message: result.problem, hint: result.hint, ...place });
    return undefined;
  }
  const image = { ...result.image, name: result.image.name.replace(/^figure-/, 'logo-') };
  const wanted = (logo.height ?? DEFAULT_LOGO_HEIGHT) / POINTS_PER_PIXEL;
  const width = Math.min(MAX_WIDTH_PIXELS, (wanted * image.width) / image.height);
  const height = (width * image.height) / image.width;
  return { src: `${IMAGE_FOLDER}/${image.name}`, alt: logo.alt!.trim(), width: Math.round(width), height: Math.round(height), image };
}
