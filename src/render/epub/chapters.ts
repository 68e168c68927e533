// Splits the composed document into EPUB chapter files (one per top-level section, or per chapter of a pack's part), builds the navigation, and adapts markup for e-readers.
import { elementChildren, findElement, hasClass, serialize, textContent, type DocNode, type ElementNode } from '../../compose/tree.js';
import { figureForScreens } from '../screen-figure.js';

export interface Chapter {
  id: string;
  filename: string;
  title: string;
  /** The chapter's language when it differs from the book's (a guide in another variety of English in a course pack). */
  lang?: string;
  /** A chapter inside a course pack's part: its headings are one level down and are styled up again. */
  inPart: boolean;
  xhtml: string;
}

/** One entry of the navigation: a chapter file, or a heading inside one, with the entries under it. */
export interface NavEntry {
  href: string;
  title: string;
  children: NavEntry[];
}

export interface Chapters {
  /** The files, in reading order. */
  chapters: Chapter[];
  /** The contents: chapters with their second- and third-level headings; a course pack's parts hold their guide's chapters. */
  toc: NavEntry[];
  /** Element id → the chapter file it ends up in. */
  fileOf: Map<string, string>;
}

/** One file per top-level section; a course pack's part is split into its opening page and one file per chapter. */
export function splitChapters(root: ElementNode): Chapters {
  const body = findElement(root, (n) => n.name === 'body');
  if (!body) return { chapters: [], toc: [], fileOf: new Map() };
  const files: { section: ElementNode; lang?: string; inPart?: boolean }[] = [];
  const outline: { file: number; children: number[] }[] = [];
  for (const section of elementChildren(body).filter((n) => n.name === 'section')) {
    if (!hasClass(section, 'part')) {
      outline.push({ file: files.push({ section }) - 1, children: [] });
      continue;
    }
    const { opening, chapters } = splitPart(section);
    const lang = section.attrs.lang;
    outline.push({ file: files.push({ section: opening }) - 1, children: chapters.map((chapter) => files.push({ section: chapter, lang, inPart: true }) - 1) });
  }
  const names = files.map(({ section }, index) => section.attrs.id ?? `chapter-${index + 1}`);
  const fileOf = chapterFiles(files.map((f) => f.section), names);
  const chapters = files.map(({ section, lang, inPart = false }, index) => ({
    id: names[index]!,
    filename: `${names[index]}.xhtml`,
    title: textContent(headingOf(section) ?? { type: 'text', value: names[index]! }).trim(),
    lang,
    inPart,
    xhtml: serialize(forEreaders(section, (target) => linkInto(fileOf, `${names[index]}.xhtml`, target))),
  }));
  const entry = (index: number, children: NavEntry[]): NavEntry => ({ href: chapters[index]!.filename, title: chapters[index]!.title, children });
  const toc = outline.map(({ file, children }) =>
    entry(file, children.length ? children.map((c) => entry(c, navHeadings(files[c]!.section, chapters[c]!.filename))) : navHeadings(files[file]!.section, chapters[file]!.filename)),
  );
  return { chapters, toc, fileOf };
}

/**
 * A part's own page (the guide's title) and its chapters. Page-break markers that fall between two
 * chapters go to the start of the chapter after them, so each page number lands in the right file.
 */
function splitPart(part: ElementNode): { opening: ElementNode; chapters: ElementNode[] } {
  const opening: DocNode[] = [];
  const chapters: ElementNode[] = [];
  let pending: DocNode[] = [];
  for (const child of part.children) {
    if (child.type === 'element' && child.name === 'section') {
      chapters.push({ ...child, children: [...pending, ...child.children] });
      pending = [];
    } else if (chapters.length) pending.push(child);
    else opening.push(child);
  }
  const last = chapters[chapters.length - 1];
  if (last && pending.length) chapters[chapters.length - 1] = { ...last, children: [...last.children, ...pending] };
  return { opening: { ...part, children: opening }, chapters };
}

const LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4 };

/** The section's title: its first heading (h1 in a guide, h2 for a chapter inside a course pack's part). */
function headingOf(section: ElementNode): ElementNode | undefined {
  return elementChildren(section).find((c) => LEVEL[c.name] !== undefined);
}

/** The two heading levels under the section's title that have ids, in order (however deeply they sit), the lower under the one before it. */
function navHeadings(section: ElementNode, filename: string): NavEntry[] {
  const base = LEVEL[headingOf(section)?.name ?? 'h1']!;
  const headings: NavEntry[] = [];
  const visit = (node: ElementNode) => {
    for (const child of elementChildren(node)) {
      const level = LEVEL[child.name];
      const entry = { href: `${filename}#${child.attrs.id ?? ''}`, title: textContent(child).trim(), children: [] };
      if (level === base + 1 && child.attrs.id) headings.push(entry);
      else if (level === base + 2 && child.attrs.id && headings.length) headings[headings.length - 1]!.children.push(entry);
      else if (level === undefined) visit(child);
    }
  };
  visit(section);
  return headings;
}

/**
 * The few changes e-readers need: write-in lines are for paper, so they go; a swatch chip's colour and a
 * figure's width become inline styles (CSS cannot read them from an attribute). Everything else passes through unchanged.
 */
function forEreaders(node: ElementNode, resolve: (target: string) => string): ElementNode {
  const children: DocNode[] = node.children
    .filter((c) => !(c.type === 'element' && (c.attrs.class ?? '').split(' ').includes('write-in')))
    .map((c) => (c.type === 'element' ? forEreaders(c, resolve) : c));
  const attrs = { ...node.attrs };
  // A cross-reference within the guide points into whichever chapter file now holds its target.
  if (node.name === 'a' && attrs.href?.startsWith('#')) attrs.href = resolve(attrs.href.slice(1));
  if (attrs['data-colour']) {
    attrs.style = `background-color: ${attrs['data-colour']}`;
    delete attrs['data-colour'];
  }
  // Pictures sit in the package under the names the document gives them (images/figure-<hash>.png).
  if (node.name === 'figure') return { ...node, ...figureForScreens({ ...node, attrs }, children, (src) => src) };
  return { ...node, attrs, children };
}

/** Element id → the chapter file it ends up in. */
function chapterFiles(sections: ElementNode[], names: string[]): Map<string, string> {
  const files = new Map<string, string>();
  sections.forEach((section, index) => {
    const file = `${names[index]}.xhtml`;
    const visit = (node: ElementNode) => {
      if (node.attrs.id) files.set(node.attrs.id, file);
      for (const child of elementChildren(node)) visit(child);
    };
    visit(section);
  });
  return files;
}

function linkInto(files: Map<string, string>, currentFile: string, target: string): string {
  const file = files.get(target);
  if (!file) return `#${target}`;
  // A link to a chapter itself opens the chapter; a link to anything inside it jumps to the spot.
  if (file === `${target}.xhtml`) return file;
  return file === currentFile ? `#${target}` : `${file}#${target}`;
}
