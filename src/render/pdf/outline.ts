// Bookmarks (the PDF outline): one per heading, nested by level, each opening at the heading's position.
import type { HeadingRecord } from './context.js';
import { outlineRoot, type OutlineItem, type Pdf } from './pdfkit.js';

export function addBookmarks(doc: Pdf, headings: HeadingRecord[]): void {
  const ordered = [...headings].sort((a, b) => a.page - b.page || a.y - b.y);
  const stack: { level: number; item: OutlineItem }[] = [{ level: 0, item: outlineRoot(doc) }];
  for (const heading of ordered) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1]!.item;
    // pdfkit places the view at `pageWidth - left`, so left = page width puts it at the left edge.
    const item = parent.addItem(heading.title, { pageNumber: heading.page - 1, top: heading.y, left: doc.page.width, zoom: 0, fit: false });
    stack.push({ level: heading.level, item });
  }
}
