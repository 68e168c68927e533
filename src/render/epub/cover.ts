// The EPUB cover: drawn from the title page (title, Дылда, credit, edition, palette) as SVG, rasterised to PNG.
import { Resvg } from '@resvg/resvg-js';
import { elementChildren, findElement, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import type { TemplateSet } from '../../compose/templates.js';
import { resolveFontFile } from '../../font-files.js';
import type { Theme } from '../../theme.js';

export interface Cover {
  png: Uint8Array;
  /** The cover's words, for the image's alt text: everything on it, colours by name. */
  alt: string;
}

// 1600 × 2560 is the 1:1.6 shape stores and e-readers show without cropping.
const WIDTH = 1600;
const HEIGHT = 2560;
const MARGIN = 130;
/** Credit lines that fit between the title and the palette band. */
const MAX_CREDIT_LINES = 8;

/**
 * PNG rather than SVG because library views on Kindle and Kobo show raster covers only. resvg draws with
 * the theme's own font files (no system fonts), so the same guide gives the same bytes on every machine.
 */
export function renderCover(root: ElementNode, theme: Theme, templates: TemplateSet): Cover {
  const titlePage = findElement(root, (n) => hasClass(n, 'title-page'));
  const text = (cls: string) => {
    const found = titlePage && findElement(titlePage, (n) => hasClass(n, cls));
    return found ? textContent(found).replace(/\s+/g, ' ').trim() : '';
  };
  const title = text('title');
  // What the book is ("a study guide", "a course pack") is the end of the document's own title.
  const documentTitle = findElement(root, (n) => n.name === 'title');
  const kind = documentTitle ? textContent(documentTitle).split(': ').pop()!.trim() : 'a study guide';
  const originalTitle = text('original-title');
  // One credit line for a guide ("A film by …"); a course pack has one per film.
  const creditLines = titlePage ? findAll(titlePage, (n) => hasClass(n, 'credit-line')).map((n) => textContent(n).replace(/\s+/g, ' ').trim()) : [];
  const shownCredits = creditLines.length > MAX_CREDIT_LINES ? [...creditLines.slice(0, MAX_CREDIT_LINES - 1), `and ${creditLines.length - MAX_CREDIT_LINES + 1} more`] : creditLines;
  const creditSize = Math.min(70, Math.floor((WIDTH - 2 * MARGIN) / (0.48 * Math.max(1, ...shownCredits.map((c) => c.length)))));
  const edition = text('edition');
  const palette = titlePage && findElement(titlePage, (n) => hasClass(n, 'palette'));
  const swatches = palette ? elementChildren(palette).map(swatchOf) : [];
  const band = (WIDTH - 2 * MARGIN) / Math.max(1, swatches.length);
  // Long titles get smaller type so they stay inside the margins (PT Sans Bold averages about 0.55 em a letter).
  const titleSize = Math.min(220, Math.floor((WIDTH - 2 * MARGIN) / (0.55 * Math.max(1, title.length))));
  const originalTitleSize = Math.min(150, Math.floor((WIDTH - 2 * MARGIN) / (0.5 * Math.max(1, originalTitle.length))));
  const svg = templates.render('epub/cover.svg', {
    width: WIDTH,
    height: HEIGHT,
    margin: MARGIN,
    theme,
    title,
    kind: kind.toUpperCase(),
    titleSize,
    titleY: 330 + 80 + titleSize,
    originalTitle,
    originalTitleSize,
    originalTitleY: 330 + 80 + titleSize + 40 + originalTitleSize,
    credits: shownCredits.map((line, index) => ({ line, y: 330 + 80 + titleSize + 40 + originalTitleSize + 150 + index * creditSize * 1.5 })),
    creditSize,
    swatches: swatches.map((s, i) => ({ ...s, x: MARGIN + i * band, width: band - 24, textX: MARGIN + i * band })),
    bandY: 1700,
    swatchLabelY: 2070,
    swatchHexY: 2130,
    edition,
    editionY: 2380,
  });
  const fontFiles = Object.values(theme.fonts).flatMap((faces) => Object.values(faces).map(resolveFontFile));
  const png = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'PT Sans' } }).render().asPng();
  const colours = swatches.map((s) => `${s.name.toLowerCase()} (${s.hex})`).join(', ');
  const alt = [
    `Cover: ${title}`,
    originalTitle && `(${originalTitle})`,
    `, ${kind}. ${creditLines.join('. ')}. ${edition}.`,
    colours && ` A band of the film’s colours: ${colours}.`,
  ].join(' ').replace(/ ,/g, ',').replace(/\s+/g, ' ').trim();
  return { png: new Uint8Array(png), alt };
}

function findAll(node: ElementNode, test: (n: ElementNode) => boolean): ElementNode[] {
  return [...(test(node) ? [node] : []), ...elementChildren(node).flatMap((child) => findAll(child, test))];
}

/** A title-page swatch reads "Name (#hex)"; the chip carries the colour. */
function swatchOf(item: ElementNode): { name: string; hex: string } {
  const chip = findElement(item, (n) => n.attrs['data-colour'] !== undefined);
  const hex = chip?.attrs['data-colour'] ?? '#888888';
  const name = textContent(item).replace(/\(#[0-9a-fA-F]{3,8}\)/, '').replace(/\s+/g, ' ').trim();
  return { name, hex };
}
