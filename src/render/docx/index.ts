// The Word edition: the composed document as an editable .docx with real headings, lists, tables, a contents field and page numbers.
import { AlignmentType, Document, Footer, InternalHyperlink, PageNumber, Paragraph, TableOfContents, TextRun, type ISectionOptions } from 'docx';
import type { ComposedDocument } from '../../compose/compose.js';
import { elementChildren, findElement, hasClass, textContent, type ElementNode } from '../../compose/tree.js';
import type { Diagnostic } from '../../diagnostics.js';
import { pageSize, printSizes } from '../../theme.js';
import type { RenderContext, Rendered } from '../backend.js';
import { bookmarkName } from './bookmarks.js';
import { blocksOf, type Block, type Scope } from './blocks.js';
import { wordPictures } from './figures.js';
import { wordLanguage } from './inline.js';
import { ListNumbering } from './numbering.js';
import { finishPackage, packedUncompressed } from './package.js';
import { documentStyles, fontFamilies, twips, type PageGeometry } from './styles.js';

/** Renders either edition: the student document brings its write-in lines, the teacher document its guidance. */
export async function renderDocx(document: ComposedDocument, context: RenderContext): Promise<Rendered> {
  const { theme } = context;
  const language = wordLanguage(document.lang);
  const body = findElement(document.root, (n) => n.name === 'body');
  const sections = body ? elementChildren(body).filter((n) => n.name === 'section') : [];
  const numbering = new ListNumbering(theme);
  const paper = theme.pages[printSizes(theme, context.paper).document];
  const [width, height] = pageSize(paper);
  const page = { width, height, margins: paper.margins };
  const pictures = await wordPictures(document.images, theme, width - paper.margins.left - paper.margins.right);
  const scope: Scope = { theme, page, numbering, listLevel: 0, unknown: new Set(), pictures, blocks: blocksOf };
  const titlePage = sections.find((s) => hasClass(s, 'title-page'));
  const chapters = sections.filter((s) => s !== titlePage);
  const children: Block[] = [...(titlePage ? blocksOf(titlePage, scope) : [])];
  const contents = contentsField(chapters);
  const chapterBlocks = chapters.flatMap((chapter) => blocksOf(chapter, scope));
  const word = new Document({
    title: document.header.editionTitle,
    creator: document.header.authors.join(', '),
    lastModifiedBy: 'studyguide',
    description: `${document.title} (${document.header.editionLabel})`,
    styles: documentStyles(theme, page, fontFamilies(theme), language),
    numbering: numbering.options(),
    sections: [pageSection(page, footer(document.title, document.header.editionLabel), [...children, ...contents, ...chapterBlocks])],
  });
  const packed = await packedUncompressed(word);
  const bytes = finishPackage(packed, { theme, date: context.date, language });
  return { bytes, diagnostics: unknownElements(scope.unknown, document) };
}

/**
 * Word's contents field over Heading 1 and 2. It is marked dirty so Word fills in page numbers on opening;
 * until then (and in LibreOffice, which shows the field as it is stored) it lists the chapters as links.
 */
function contentsField(chapters: ElementNode[]): (Paragraph | TableOfContents)[] {
  const entries = chapters.flatMap((chapter) =>
    elementChildren(chapter)
      .filter((n) => n.name === 'h1' || n.name === 'h2')
      .map((h) => ({ level: h.name === 'h1' ? 1 : 2, title: textContent(h).replace(/\s+/g, ' ').trim(), id: h.attrs.id ?? chapter.attrs.id })),
  );
  const lines = entries.map((e) => new Paragraph({ style: `TOC${e.level}`, children: e.id ? [new InternalHyperlink({ anchor: bookmarkName(e.id), children: [new TextRun({ text: e.title })] })] : [new TextRun({ text: e.title })] }));
  return [
    new Paragraph({ style: 'ContentsHeading', pageBreakBefore: true, children: [new TextRun({ text: 'Contents' })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2', contentChildren: lines }),
  ];
}

function footer(title: string, edition: string): Paragraph {
  const label = [title, edition].filter(Boolean).join(' · ');
  return new Paragraph({ style: 'Footer', alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${label} · ` }), new TextRun({ children: [PageNumber.CURRENT] })] });
}

/** One section on the run's paper with the theme's margins; the footer carries the page number. */
function pageSection(page: PageGeometry, footerParagraph: Paragraph, children: (Block | TableOfContents)[]): ISectionOptions {
  const { margins } = page;
  return {
    properties: { page: { size: { width: twips(page.width), height: twips(page.height) }, margin: { top: twips(margins.top), bottom: twips(margins.bottom), left: twips(margins.left), right: twips(margins.right), footer: twips(margins.bottom / 2) } } },
    footers: { default: new Footer({ children: [footerParagraph] }) },
    children,
  };
}

function unknownElements(names: Set<string>, document: ComposedDocument): Diagnostic[] {
  return [...names].map((name) => ({
    severity: 'warning' as const,
    code: 'docx-unknown-element',
    message: `the Word edition has no way to show <${name}>; its text is kept as a plain paragraph`,
    file: document.templateFile,
    hint: 'use only the elements listed in src/compose/vocabulary.ts',
  }));
}
