// Bookmarks (the PDF outline): one per heading, nested by level, each opening at the heading's position.
import type { HeadingRecord } from './headings.js';

interface OutlineItem {
  addItem(title: string, options?: object): OutlineItem;
}

export function addBookmarks(doc: PDFKit.PDFDocument, headings: HeadingRecord[]): void {
  const ordered = [...headings].sort((a, b) => a.page - b.page || a.y - b.y);
  const stack: { level: number; item: OutlineItem }[] = [{ level: 0, item: doc.outline as unknown as OutlineItem }];
  for (const heading of ordered) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1]!.item;
    // pdfkit places the view at `pageWidth - left`, so left = page width puts it at the left edge.
    const item = parent.addItem(heading.title, { pageNumber: heading.page - 1, top: heading.y, left: doc.page.width, zoom: 0, fit: false });
    stack.push({ level: heading.level, item });
  }
}
