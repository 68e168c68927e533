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
  const words = coverWords(root);
  const svg = templates.render('epub/cover.svg', { ...coverLayout(words), width: WIDTH, height: HEIGHT, margin: MARGIN, theme });
  const fontFiles = Object.values(theme.fonts).flatMap((faces) => Object.values(faces).map(resolveFontFile));
  const png = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'PT Sans' } }).render().asPng();
  const colours = words.swatches.map((s) => `${s.name.toLowerCase()} (${s.hex})`).join(', ');
  const alt = [
    `Cover: ${words.title}`,
    words.originalTitle && `(${words.originalTitle})`,
    `, ${words.kind}. ${words.creditLines.join('. ')}. ${words.edition}.`,
    colours && ` A band of the film’s colours: ${colours}.`,
  ].join(' ').replace(/ ,/g, ',').replace(/\s+/g, ' ').trim();
  return { png: new Uint8Array(png), alt };
}

interface CoverWords {
  title: string;
  /** What the book is ("a study guide", "a course pack"): the end of the document's own title. */
  kind: string;
  originalTitle: string;
  /** One credit line for a guide ("A film by …"); a course pack has one per film. */
  creditLines: string[];
  edition: string;
  swatches: { name: string; hex: string }[];
}

/** Everything the cover says, read from the composed title page. */
function coverWords(root: ElementNode): CoverWords {
  const titlePage = findElement(root, (n) => hasClass(n, 'title-page'));
  const text = (cls: string) => {
    const found = titlePage && findElement(titlePage, (n) => hasClass(n, cls));
    return found ? textContent(found).replace(/\s+/g, ' ').trim() : '';
  };
  const documentTitle = findElement(root, (n) => n.name === 'title');
  const palette = titlePage && findElement(titlePage, (n) => hasClass(n, 'palette'));
  return {
    title: text('title'),
    kind: documentTitle ? textContent(documentTitle).split(': ').pop()!.trim() : 'a study guide',
    originalTitle: text('original-title'),
    creditLines: titlePage ? findAll(titlePage, (n) => hasClass(n, 'credit-line')).map((n) => textContent(n).replace(/\s+/g, ' ').trim()) : [],
    edition: text('edition'),
    swatches: palette ? elementChildren(palette).map(swatchOf) : [],
  };
}

/** Sizes and positions on the 1600 × 2560 canvas: long titles get smaller type so they stay inside the margins. */
function coverLayout(words: CoverWords) {
  const { title, originalTitle, creditLines, swatches } = words;
  const shownCredits = creditLines.length > MAX_CREDIT_LINES ? [...creditLines.slice(0, MAX_CREDIT_LINES - 1), `and ${creditLines.length - MAX_CREDIT_LINES + 1} more`] : creditLines;
  const creditSize = Math.min(70, Math.floor((WIDTH - 2 * MARGIN) / (0.48 * Math.max(1, ...shownCredits.map((c) => c.length)))));
  const band = (WIDTH - 2 * MARGIN) / Math.max(1, swatches.length);
  // PT Sans Bold averages about 0.55 em a letter.
  const titleSize = Math.min(220, Math.floor((WIDTH - 2 * MARGIN) / (0.55 * Math.max(1, title.length))));
  const originalTitleSize = Math.min(150, Math.floor((WIDTH - 2 * MARGIN) / (0.5 * Math.max(1, originalTitle.length))));
  const originalTitleY = 330 + 80 + titleSize + 40 + originalTitleSize;
  return {
    title,
    kind: words.kind.toUpperCase(),
    titleSize,
    titleY: 330 + 80 + titleSize,
    originalTitle,
    originalTitleSize,
    originalTitleY,
    credits: shownCredits.map((line, index) => ({ line, y: originalTitleY + 150 + index * creditSize * 1.5 })),
    creditSize,
    swatches: swatches.map((s, i) => ({ ...s, x: MARGIN + i * band, width: band - 24, textX: MARGIN + i * band })),
    bandY: 1700,
    swatchLabelY: 2070,
    swatchHexY: 2130,
    edition: words.edition,
    editionY: 2380,
  };
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
