// PDF/UA rules about annotations: links nested in Link elements and described, others in Annot elements, tab order by structure.
import { PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { resolve } from '../pdf-content.js';
import type { Report } from './findings.js';
import { nameOf, textOf } from './objects.js';
import type { StructureTree } from './structure.js';

/** Returns how many link annotations the pages hold. */
export function checkAnnotations(document: PDFDocument, pages: PDFPage[], tree: StructureTree, report: Report): number {
  let links = 0;
  pages.forEach((page, index) => {
    const annotations = page.node.Annots();
    if (!annotations || annotations.size() === 0) return;
    const where = `page ${index + 1}`;
    if (nameOf(page.node.get(PDFName.of('Tabs'))) !== 'S') report('7.18.3-1', 'a page with annotations has no Tabs /S (tab order by structure)', where);
    for (const item of annotations.asArray()) {
      if (checkAnnotation(document, item, tree, where, report) === 'Link') links++;
    }
  });
  return links;
}

/** Checks one annotation (`item` as the page lists it, often a reference) and returns its subtype. */
function checkAnnotation(document: PDFDocument, item: PDFObject, tree: StructureTree, where: string, report: Report): string | undefined {
  const annotation = resolve(document, item);
  if (!(annotation instanceof PDFDict)) return undefined;
  const subtype = nameOf(annotation.get(PDFName.of('Subtype')));
  const structParent = annotation.get(PDFName.of('StructParent'));
  const owner = structParent instanceof PDFNumber ? resolve(document, tree.parentTree.get(structParent.asNumber())) : undefined;
  const ownerType = owner instanceof PDFDict ? tree.elements.get(owner)?.standardType : undefined;
  if (subtype === 'Link') {
    if (ownerType !== 'Link') report('7.18.5-1', 'a link annotation not nested in a Link element', where);
    else if (item instanceof PDFRef && tree.objectOwners.get(item.toString()) !== owner) report('7.18.5-1', 'a Link element whose OBJR does not point at its annotation', where);
    if (!textOf(annotation.lookup(PDFName.of('Contents')))) report('7.18.5-2', 'a link annotation without a Contents description', where);
  } else if (subtype !== 'Widget' && subtype !== 'Popup' && ownerType !== 'Annot') {
    report('7.18.1-1', `a ${subtype ?? 'untyped'} annotation not nested in an Annot element`, where);
  }
  return subtype;
}
