// The HTML edition: the composed document as one self-contained web page (stylesheet and fonts inline), for phones and course sites.
import type { ComposedDocument } from '../../compose/compose.js';
import { elementChildren, findElement, hasClass, serialize, textContent, type DocNode, type ElementNode } from '../../compose/tree.js';
import type { TemplateSet } from '../../compose/templates.js';
import type { Theme } from '../../theme.js';
import { MEDIA_TYPES } from '../../content/images.js';
import { screenPictures } from '../images.js';
import { figureForScreens, screenShare } from '../screen-figure.js';
import { houseWebFonts } from './web-fonts.js';
import { documentFaces } from '../../fonts/document-faces.js';

/** Made from the same composed document and stylesheet template as the EPUB, plus a few rules for screens and print. */
export async function renderHtml(document: ComposedDocument, theme: Theme, templates: TemplateSet): Promise<Uint8Array> {
  // Each picture travels inside the page as a data: address, so the page stays one file that works offline.
  const pictures = new Map([...(await screenPictures(document.images))].map(([src, p]) => [src, `data:${MEDIA_TYPES[p.format]};base64,${Buffer.from(p.bytes).toString('base64')}`]));
  const forBrowsers = (node: ElementNode) => adaptForBrowsers(node, (src) => pictures.get(src) ?? src);
  const body = findElement(document.root, (n) => n.name === 'body');
  const sections = body ? elementChildren(body).filter((n) => n.name === 'section') : [];
  const [titlePage, ...chapters] = sections;
  // The house faces from @fontsource (split by script with unicode-range), then any fallback face the text needs, cut to its characters.
  const faces = await documentFaces(document, theme, 'woff2');
  const fallbacks = faces.faces.map((face) => ({ family: face.family, weight: face.weight, style: face.style, url: `data:font/woff2;base64,${Buffer.from(face.bytes).toString('base64')}` }));
  const house = await houseWebFonts(theme, textContent(document.root));
  const css = templates.render('style.css', { theme, stacks: faces, fonts: [...house, ...fallbacks] }) + templates.render('html/web.css', { theme });
  const html = templates.render('html/page.html', {
    lang: document.lang,
    title: document.header.editionTitle,
    author: document.header.authors.join(', '),
    description: document.header.description,
    css,
    titlePage: titlePage ? serialize(forBrowsers(titlePage)) : '',
    contents: chapters.map((chapter) => ({
      id: chapter.attrs.id ?? '',
      title: headingText(chapter, 'h1'),
      sections: elementChildren(chapter)
        .filter((c) => c.name === 'h2' && c.attrs.id)
        .map((h2) => ({ id: h2.attrs.id!, title: textContent(h2).trim() })),
    })),
    chapters: chapters.map((chapter) => serialize(forBrowsers(chapter))).join('\n'),
  });
  return new TextEncoder().encode(html);
}

function headingText(section: ElementNode, name: string): string {
  const heading = elementChildren(section).find((c) => c.name === name);
  return heading ? textContent(heading).trim() : (section.attrs.id ?? '');
}

/**
 * What a browser page needs that the XHTML does not: EPUB-only attributes go (an HTML validator rejects
 * `epub:type` and `xml:lang`; `role` says the same), a swatch chip's colour becomes an inline style, a
 * figure's picture comes from `source` (a data: address) at its width, and write-in lines become ruled
 * lines that show only when the page is printed.
 */
function adaptForBrowsers(node: ElementNode, source: (src: string) => string): ElementNode {
  const attrs = { ...node.attrs };
  delete attrs['epub:type'];
  delete attrs['xml:lang'];
  delete attrs.xmlns;
  if (attrs['data-colour']) {
    attrs.style = `background-color: ${attrs['data-colour']}`;
    delete attrs['data-colour'];
  }
  if (hasClass(node, 'write-in')) {
    const lines = Number(node.attrs['data-lines'] ?? 3);
    const rule: ElementNode = { type: 'element', name: 'span', attrs: { class: 'rule' }, children: [], line: node.line };
    return { ...node, attrs: { class: attrs.class ?? 'write-in', 'aria-hidden': 'true' }, children: Array.from({ length: lines }, () => rule) };
  }
  const children: DocNode[] = node.children.map((c) => (c.type === 'element' ? adaptForBrowsers(c, source) : c));
  // A picture outside a figure (a school's logo) comes from the page itself too.
  if (node.name === 'img' && attrs.src) attrs.src = source(attrs.src);
  if (node.name === 'figure') {
    const figure = figureForScreens({ ...node, attrs }, children, source);
    return { ...node, ...(isDrawing(node) ? scrollsWhenNarrow(figure, screenShare(node)) : figure) };
  }
  return { ...node, attrs, children };
}

/**
 * A figure whose picture is a drawing (SVG): its labels are text that shrinks with it. A decorative one
 * (role="presentation") has nothing to read, and a focusable element must not be presentational.
 */
const isDrawing = (figure: ElementNode) => figure.attrs.role !== 'presentation' && elementChildren(figure).some((child) => child.name === 'img' && /\.svg$/i.test(child.attrs.src ?? ''));

/**
 * On a phone a drawing shrunk to the column would set its labels at a few pixels: web.css keeps it wide enough
 * to read and lets it scroll sideways inside its figure, which can then take the keyboard's focus to scroll.
 */
function scrollsWhenNarrow(figure: { attrs: Record<string, string>; children: DocNode[] }, share: number) {
  // Its share of those 36em, as on a wide screen: a drawing given 40% of the column is not set at all of it on a phone.
  const children = figure.children.map((child) => (child.type === 'element' && child.name === 'img' ? { ...child, attrs: { ...child.attrs, style: `${child.attrs.style ?? ''}; --share: ${share}` } } : child));
  return { attrs: { ...figure.attrs, class: `${figure.attrs.class ?? 'figure'} drawing`, tabindex: '0' }, children };
}
