// The EPUB cover: drawn from the title page (title, Дылда, credit, edition, palette) as SVG, rasterised to PNG.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import type { ComposedDocument } from '../../compose/compose.js';
import type { FaceStyle } from '../../fonts/chain.js';
import { fontChainFor } from '../../fonts/theme-chain.js';
import { needsOutlines, outlinedLine, styledParts } from './cover-text.js';
import { elementChildren, findElement, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import { lowerFirst, type TemplateSet } from '../../compose/templates.js';
import { openFont, resolveFontFile } from '../../font-files.js';
import type { Theme } from '../../theme.js';
import type { WorkCache } from '../../work-cache.js';

export interface Cover {
  png: Uint8Array;
  /** In pixels: the cover page scales this box to the reader's screen. */
  width: number;
  height: number;
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
 * Begins the cover at once when drawing it shapes nothing, so resvg works beside the print layouts. A cover with a
 * line in another script's face (outlined, see outlinesFor) waits for the EPUB's turn: shaping it before the PDF
 * would change the characters fontkit remembers for a glyph, and with them the PDF's bytes, which must not
 * depend on what else a run makes.
 */
export function startCover(document: ComposedDocument, theme: Theme, templates: TemplateSet, cache: WorkCache): void {
  if (!shapesText(document, theme)) void coverFor(document, theme, templates, cache);
}

/** Each document's cover, from the moment it was first asked for (see coverFor). */
const started = new WeakMap<ComposedDocument, Promise<Cover>>();

/**
 * The document's cover, drawn once. The EPUB backend asks for it before the print layouts begin: resvg then
 * draws it on a worker thread of libuv's pool while the main thread lays pages out, and the EPUB awaits the
 * same promise later. A cover that fails is reported when the EPUB awaits it, not as an unhandled rejection.
 */
export function coverFor(document: ComposedDocument, theme: Theme, templates: TemplateSet, cache: WorkCache): Promise<Cover> {
  let cover = started.get(document);
  if (!cover) {
    cover = renderCover(document, theme, templates, cache);
    cover.catch(() => undefined);
    started.set(document, cover);
  }
  return cover;
}

/**
 * PNG rather than SVG because library views on Kindle and Kobo show raster covers only. resvg draws with
 * the theme's own font files (no system fonts), so the same guide gives the same bytes on every machine.
 */
async function renderCover(document: ComposedDocument, theme: Theme, templates: TemplateSet, cache: WorkCache): Promise<Cover> {
  const words = coverWords(document.root);
  const layout = coverLayout(words);
  const families = { serif: openFont(theme.fonts.serif.regular).familyName, sans: openFont(theme.fonts.sans.regular).familyName };
  const outlines = outlinesFor(document, theme, layout);
  const logo = coverLogo(document);
  const svg = templates.render('epub/cover.svg', { ...layout, ...outlines, width: WIDTH, height: HEIGHT, margin: MARGIN, theme, families, logo: logo ?? null });
  const fontFiles = Object.values(theme.fonts).flatMap((faces) => Object.values(faces).map(resolveFontFile));
  const png = await drawnOnce(cache, svg, fontFiles, async () => (await renderAsync(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: families.sans } })).asPng());
  // Lower-cased as in running text, but as theme titles are: a name with capitals inside its first word (NKVD grey) keeps them.
  const colours = words.swatches.map((s) => `${lowerFirst(s.name)} (${s.hex})`).join(', ');
  const alt = [`Cover: ${words.title}`, words.originalTitle && `(${words.originalTitle})`, `, ${words.kind}. ${words.creditLines.join('. ')}. ${words.edition}.`, colours && ` A band of the film’s colours: ${colours}.`, logo && ` Logo: ${logo.alt}.`]
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/ ,/g, ',')
    .trim();
  return { png, width: WIDTH, height: HEIGHT, alt };
}

/** Whether any line of the cover needs a face beyond the house ones, and so would be shaped (found without shaping). */
function shapesText(document: ComposedDocument, theme: Theme): boolean {
  const chain = fontChainFor(theme, document.fontSources);
  return (Object.keys(LINE_STYLES) as CoverLine[]).some((line) => titlePageLines(document, line).some((node) => needsOutlines(styledParts(node, LINE_STYLES[line]), chain)));
}

/** The title page's lines the cover repeats, each in the face the cover sets it in. */
const LINE_STYLES = {
  title: { family: 'sans', bold: true },
  'original-title': { family: 'serif', italic: true },
  'credit-line': { family: 'serif' },
} satisfies Record<string, FaceStyle>;
type CoverLine = keyof typeof LINE_STYLES;

function titlePageLines(document: ComposedDocument, line: CoverLine): ElementNode[] {
  const titlePage = findElement(document.root, (n) => hasClass(n, 'title-page'));
  return titlePage ? findAll(titlePage, (n) => hasClass(n, line)) : [];
}

/**
 * The title, original title and credit lines that need a face beyond the house ones (a title in Arabic
 * or Japanese), as outlines in the cover's places: resvg sets a whole text in one face, so it would draw
 * empty boxes. Lines the house faces set stay text (so a guide such as Beanpole draws exactly as before).
 */
function outlinesFor(document: ComposedDocument, theme: Theme, layout: ReturnType<typeof coverLayout>) {
  const chain = fontChainFor(theme, document.fontSources);
  const creditLines = titlePageLines(document, 'credit-line');
  const outline = (line: CoverLine, node: ElementNode | undefined, size: number, y: number) => {
    const parts = node ? styledParts(node, LINE_STYLES[line]) : [];
    if (!parts.length || !needsOutlines(parts, chain)) return undefined;
    const { width } = outlinedLine(parts, chain, size, MARGIN, y);
    // A line too wide for the cover is set smaller, from the same left edge and baseline.
    return outlinedLine(parts, chain, Math.min(size, (size * (WIDTH - 2 * MARGIN)) / Math.max(width, 1)), MARGIN, y).svg;
  };
  return {
    titleOutline: outline('title', titlePageLines(document, 'title')[0], layout.titleSize, layout.titleY),
    originalTitleOutline: outline('original-title', titlePageLines(document, 'original-title')[0], layout.originalTitleSize, layout.originalTitleY),
    credits: layout.credits.map((credit, index) => ({ ...credit, outline: outline('credit-line', creditLines[index], layout.creditSize, credit.y) })),
  };
}

/** The space above the cover's first line of words: a logo stands there, left-aligned with the text, at most this tall. */
const LOGO_BOX = { y: 80, width: WIDTH - 2 * MARGIN, height: 180 };

/** The title page's logo, as the cover draws it: its picture inline (resvg reads data: addresses only), in the box above the words. */
function coverLogo(document: ComposedDocument) {
  const titlePage = findElement(document.root, (n) => hasClass(n, 'title-page'));
  const holder = titlePage && findElement(titlePage, (n) => hasClass(n, 'logo'));
  const img = holder && findElement(holder, (n) => n.name === 'img');
  const image = img && document.images?.get(img.attrs.src ?? '');
  if (!img || !image) return undefined;
  const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height);
  const href = `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`;
  const size = (n: number) => Math.round(n * scale * 100) / 100;
  return { x: MARGIN, y: LOGO_BOX.y, width: size(image.width), height: size(image.height), href, alt: img.attrs.alt ?? '' };
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

/**
 * resvg takes about a sixth of a second per cover; the same SVG with the same font files gives the same
 * picture, so a cover drawn before (in this process, or by an earlier build) is reused. The key holds the
 * whole SVG, each font file's path and size, and resvg's version.
 */
async function drawnOnce(cache: WorkCache, svg: string, fontFiles: string[], draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const key = [RESVG_VERSION, ...fontFiles.map((file) => `${file} ${statSync(file).size}`), svg].join('\n');
  const known = cache.get('cover', key);
  if (known) return known;
  const png = new Uint8Array(await draw());
  cache.set('cover', key, png);
  return png;
}

const RESVG_VERSION: string = createRequire(import.meta.url)('@resvg/resvg-js/package.json').version;
