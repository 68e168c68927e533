// Splits the composed document into EPUB chapters (one per top-level section) and adapts markup for e-readers.
import { elementChildren, findElement, serialize, textContent, type DocNode, type ElementNode } from '../../compose/tree.js';

export interface Chapter {
  id: string;
  filename: string;
  title: string;
  /** Second-level headings with ids and the third-level ones under each, for the nav. */
  sections: NavHeading[];
  xhtml: string;
}

export interface NavHeading {
  id: string;
  title: string;
  subsections: NavHeading[];
}

export interface Chapters {
  chapters: Chapter[];
  /** Element id → the chapter file it ends up in. */
  fileOf: Map<string, string>;
}

export function splitChapters(root: ElementNode): Chapters {
  const body = findElement(root, (n) => n.name === 'body');
  if (!body) return { chapters: [], fileOf: new Map() };
  const sections = elementChildren(body).filter((n) => n.name === 'section');
  const fileOf = chapterFiles(sections);
  const chapters = sections.map((section, index) => {
    const id = section.attrs.id ?? `chapter-${index + 1}`;
    const h1 = elementChildren(section).find((c) => c.name === 'h1');
    return {
      id,
      filename: `${id}.xhtml`,
      title: h1 ? textContent(h1).trim() : id,
      sections: navHeadings(section),
      xhtml: serialize(forEreaders(section, (target) => linkInto(fileOf, `${id}.xhtml`, target))),
    };
  });
  return { chapters, fileOf };
}

/** h2 and h3 headings with ids, in order (however deeply they sit in the chapter), the h3s under the h2 before them. */
function navHeadings(section: ElementNode): NavHeading[] {
  const headings: NavHeading[] = [];
  const visit = (node: ElementNode) => {
    for (const child of elementChildren(node)) {
      const entry = { id: child.attrs.id ?? '', title: textContent(child).trim(), subsections: [] };
      if (child.name === 'h2' && entry.id) headings.push(entry);
      else if (child.name === 'h3' && entry.id && headings.length) headings[headings.length - 1]!.subsections.push(entry);
      else visit(child);
    }
  };
  visit(section);
  return headings;
}

/**
 * The few changes e-readers need: write-in lines are for paper, so they go; a swatch chip's colour becomes an
 * inline style (CSS cannot read it from an attribute). Everything else passes through unchanged.
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
  return { ...node, attrs, children };
}

/** Element id → the chapter file it ends up in. */
function chapterFiles(sections: ElementNode[]): Map<string, string> {
  const files = new Map<string, string>();
  sections.forEach((section, index) => {
    const file = `${section.attrs.id ?? `chapter-${index + 1}`}.xhtml`;
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
