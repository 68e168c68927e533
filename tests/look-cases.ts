// The files the look cases of the bad-input corpus need that cannot be kept as text: a picture outside the guide, a --theme folder that is not there.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pngWithAlpha } from './pictures.js';

export const LOOK_CASES: Record<string, (guideDir: string, project: string) => { themeDir?: string } | void> = {
  // A real picture beside the project's content folder, which "../../school-logo.png" would reach: refused by where it is, never read.
  'look-logo-outside-folder': (_, project) => writeFileSync(path.join(project, 'school-logo.png'), pngWithAlpha()),
  'look-theme-folder-missing': (_, project) => ({ themeDir: path.join(project, 'school-look') }),
};
