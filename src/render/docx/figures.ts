// Figures in the Word edition: the picture inline in a paragraph of its own, with its alt text, kept with its caption under it.
import { AlignmentType, ImageRun, Paragraph, type IImageOptions } from 'docx';
import { elementChildren, type ElementNode } from '../../compose/tree.js';
import type { GuideImage } from '../../content/images.js';
import type { Theme } from '../../theme.js';
import { svgToPng, uprightCopy } from '../images.js';
import { inlineRuns } from './inline.js';
import type { Block, Scope, WordPicture } from './scope.js';
import { TITLE_SPACE_BEFORE, twips } from './styles.js';

export type { WordPicture } from './scope.js';

/** The name a decorative picture's drawing carries, which finishPackage (package.ts) looks for. */
export const DECORATIVE = 'Decorative';

/** Word measures a drawing in pixels at 96 to the inch; the theme's page is in points. */
const PIXELS_PER_POINT = 96 / 72;

/**
 * Made before the document is built (making them is asynchronous; building is not). A photo is turned
 * upright in its pixels, since Word ignores EXIF orientation; an SVG goes in as SVG, which Word 2016 and
 * later draws, with a PNG drawn by resvg for older Word and for LibreOffice.
 */
export async function wordPictures(images: ReadonlyMap<string, GuideImage> | undefined, theme: Theme, textWidth: number): Promise<Map<string, WordPicture>> {
  const pictures = new Map<string, WordPicture>();
  for (const [src, image] of images ?? []) {
    if (image.format === 'svg') {
      const fallback = svgToPng(image, 2 * textWidth * PIXELS_PER_POINT, theme);
      pictures.set(src, { options: { type: 'svg', data: image.bytes, fallback: { type: 'png', data: fallback } }, width: image.width, height: image.height });
      continue;
    }
    const upright = await uprightCopy(image);
    pictures.set(src, { options: { type: upright.format === 'png' ? 'png' : 'jpg', data: upright.bytes }, width: upright.width, height: upright.height });
  }
  return pictures;
}

/**
 * The share of the text width the document asks for, at the picture's own shape, and no taller than the
 * page; the picture's paragraph keeps with the caption's, so Word never parts them. A decorative picture
 * is named "Decorative" with no description: the finishing step marks it decorative for Word's reader.
 */
export function figureBlocks(node: ElementNode, scope: Scope): Block[] {
  const img = elementChildren(node).find((n) => n.name === 'img');
  const caption = elementChildren(node).find((n) => n.name === 'figcaption');
  const picture = scope.pictures?.get(img?.attrs.src ?? '');
  const blocks: Block[] = [];
  if (picture) {
    const { page } = scope;
    const share = Math.min(1, Math.max(0.05, Number(node.attrs['data-width']) || 1));
    const maxWidth = (page.width - page.margins.left - page.margins.right) * PIXELS_PER_POINT * share;
    const maxHeight = (page.height - page.margins.top - page.margins.bottom) * PIXELS_PER_POINT * 0.75;
    const scale = Math.min(maxWidth / picture.width, maxHeight / picture.height);
    const alt = img?.attrs.alt ?? '';
    const altText = { name: alt ? (node.attrs.id ?? 'figure') : DECORATIVE, description: alt, id: drawingId(node.attrs.id) };
    const run = new ImageRun({ ...picture.options, transformation: { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) }, altText } as IImageOptions);
    blocks.push(new Paragraph({ style: 'Figure', alignment: AlignmentType.CENTER, keepNext: Boolean(caption), children: [run] }));
  }
  if (caption) blocks.push(new Paragraph({ style: 'Caption', children: inlineRuns(caption.children, scope.theme) }));
  return blocks;
}

/**
 * Every drawing needs its own id, and the docx package gives each one id 1; the figure's own number gives
 * a stable one instead (decorations counted from 10001).
 */
function drawingId(id = ''): string | undefined {
  const match = /(figure|decoration)-(\d+)$/.exec(id);
  return match ? String((match[1] === 'figure' ? 0 : 10_000) + Number(match[2])) : undefined;
}

/** The drawing id of a school's logo, apart from the figures' (1…) and decorations' (10001…). */
const LOGO_DRAWING_ID = '20001';

/**
 * A school's logo (<p class="logo"><img/></p>): in a paragraph of its own at the size the document gives, with
 * its alt text; aligned with the Word title page's text (set flush left), standing where the title would.
 */
export function logoBlocks(node: ElementNode, scope: Scope): Block[] {
  const img = elementChildren(node).find((n) => n.name === 'img');
  const picture = scope.pictures?.get(img?.attrs.src ?? '');
  if (!img || !picture) return [];
  const altText = { name: 'Logo', description: img.attrs.alt ?? '', id: LOGO_DRAWING_ID };
  const transformation = { width: Number(img.attrs.width) || picture.width, height: Number(img.attrs.height) || picture.height };
  return [new Paragraph({ style: 'Figure', alignment: AlignmentType.LEFT, spacing: { before: twips(TITLE_SPACE_BEFORE) }, children: [new ImageRun({ ...picture.options, transformation, altText } as IImageOptions)] })];
}
