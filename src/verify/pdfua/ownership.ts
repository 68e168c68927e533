// PDF/UA 7.1-3 across content and structure: each tagged run belongs to exactly one element, and the parent tree leads back to it.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFPage } from 'pdf-lib';
import type { PageContent } from './content.js';
import type { Report } from './findings.js';
import type { StructureTree } from './structure.js';

/** Checks both directions and the parent tree; returns how many tagged runs the pages hold. */
export function checkContentOwnership(pages: PDFPage[], content: PageContent[], tree: StructureTree, report: Report): number {
  const taggedInContent = new Set(content.flatMap((c, index) => [...c.mcids].map((mcid) => `${index + 1}:${mcid}`)));
  const place = (key: string) => `page ${key.split(':')[0]}, MCID ${key.split(':')[1]}`;
  for (const key of taggedInContent) if (!tree.mcidOwners.has(key)) report('7.1-3', 'tagged content (MCID) that no structure element holds', place(key));
  for (const [key, owners] of tree.mcidOwners) {
    if (!taggedInContent.has(key)) report('7.1-3', 'structure element pointing at an MCID that is not on its page', place(key));
    if (owners > 1) report('7.1-3', 'content claimed by more than one structure element', place(key));
  }
  pages.forEach((page, index) => checkParentTreeEntry(page, index + 1, content[index]!, tree, report));
  return taggedInContent.size;
}

/** A page's StructParents entry is an array indexed by MCID; each must be the element that claims that run. */
function checkParentTreeEntry(page: PDFPage, number: number, onPage: PageContent, tree: StructureTree, report: Report): void {
  if (onPage.mcids.size === 0) return;
  const key = page.node.get(PDFName.of('StructParents'));
  const entry = key instanceof PDFNumber ? tree.parentTree.get(key.asNumber()) : undefined;
  const array = entry instanceof PDFArray ? entry : undefined;
  if (!array) return report('7.1-3', 'page with tagged content but no parent tree entry (StructParents)', `page ${number}`);
  for (const mcid of onPage.mcids) {
    const owner = array.size() > mcid ? array.lookup(mcid) : undefined;
    if (!(owner instanceof PDFDict) || !tree.holds(owner, number, mcid)) report('7.1-3', 'parent tree entry does not lead back to the element holding the content', `page ${number}, MCID ${mcid}`);
  }
}
