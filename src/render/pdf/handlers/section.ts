// Chapters and a course pack's parts: each starts a page, is tagged Sect or Part, and names the pages it runs over for the running head.
import { elementChildren, findElement, hasClass, type ElementNode } from '../../../compose/tree.js';
import { recordStart, withStruct, type PdfContext } from '../context.js';
import { renderChildren, startNewPage } from '../flow.js';
import type { ElementHandler } from '../context.js';
import { collectFragments } from '../inline.js';
import { drawTitlePage } from './title-page.js';

const lastPageIndex = (context: PdfContext) => context.doc.bufferedPageRange().count - 1;

export const chapter: ElementHandler = {
  draw(node, context) {
    startNewPage(context);
    recordStart(context, node);
    const title = elementChildren(node).find((c) => /^h[1-4]$/.test(c.name));
    const firstPage = lastPageIndex(context);
    withStruct(context, 'Sect', (sect) => renderChildren(node, sect));
    const name = runningHeadText(title, context);
    for (let page = firstPage; page <= lastPageIndex(context); page++) context.chapterOnPage.set(page, name);
  },
};

/** One guide of a course pack: its title page on a page of its own, then its chapters, which keep their look. */
export const part: ElementHandler = {
  draw(node, context) {
    startNewPage(context);
    const opening = node.children.filter((c) => !(c.type === 'element' && c.name === 'section'));
    const chapters = elementChildren(node).filter((c) => c.name === 'section');
    const firstPage = lastPageIndex(context);
    context.pagesWithoutHead.add(firstPage);
    // A guide in another language than the pack's (en-US in an en-GB pack) says so on its Part, for screen readers and hyphenation.
    const lang = node.attrs.lang;
    withStruct(
      context,
      'Part',
      (inner) => {
        drawTitlePage({ ...node, children: opening }, inner);
        renderChildren({ ...node, children: chapters }, { ...inner, headingOffset: context.headingOffset + 1, lang: lang ?? inner.lang });
      },
      lang ? { lang } : {},
    );
    const name = runningHeadText(findElement(node, (n) => hasClass(n, 'title')), context);
    for (let page = firstPage; page <= lastPageIndex(context); page++) context.partOnPage.set(page, name);
  },
};

/** A heading's words as the running head prints them (typography applied, markup dropped). */
function runningHeadText(heading: ElementNode | undefined, context: PdfContext): string {
  return heading ? collectFragments(heading.children, context.styles.body.font).map((f) => f.text).join('') : '';
}
