// Reads the structure tree, walking every element once: what content and objects each claims, and the rules on each element.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { resolve } from '../pdf-content.js';
import { checkElement, checkHeadings, standardTypes, type StructElem } from './elements.js';
import type { Report } from './findings.js';
import { LANGUAGE_TAG, nameOf, readNumberTree, textOf } from './objects.js';

export interface StructureTree {
  elements: Map<PDFDict, StructElem>;
  /** "page:MCID" → how many elements claim that content. */
  mcidOwners: Map<string, number>;
  /** The parent tree: StructParent(s) key → an element, or an array of them by MCID. */
  parentTree: Map<number, PDFObject>;
  /** An annotation's reference → the element whose OBJR points at it. */
  objectOwners: Map<string, PDFDict>;
  /** Whether this element claims this MCID on this (1-based) page. */
  holds(element: PDFDict, page: number, mcid: number): boolean;
}

/** The walk in progress: the tree it fills and what the heading rules need at the end. */
interface Walk {
  document: PDFDocument;
  pageOf: Map<string, number>;
  standardTypeOf: (type: string) => string | undefined;
  report: Report;
  tree: StructureTree;
  claimed: Map<PDFDict, Set<string>>;
  headingLevels: number[];
  usesH: boolean;
}

export function readStructureTree(document: PDFDocument, pages: PDFPage[], report: Report): StructureTree {
  const claimed = new Map<PDFDict, Set<string>>();
  const holds = (element: PDFDict, page: number, mcid: number) => claimed.get(element)?.has(`${page}:${mcid}`) ?? false;
  const tree: StructureTree = { elements: new Map(), mcidOwners: new Map(), parentTree: new Map(), objectOwners: new Map(), holds };
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) {
    report('7.1', 'there is no structure tree (StructTreeRoot)', 'catalog');
    return tree;
  }
  const standardTypeOf = standardTypes(root.lookupMaybe(PDFName.of('RoleMap'), PDFDict), report);
  readNumberTree(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), tree.parentTree);
  const pageOf = new Map(pages.map((page, index) => [page.ref.toString(), index + 1]));
  const walk: Walk = { document, pageOf, standardTypeOf, report, tree, claimed, headingLevels: [], usesH: false };
  for (const kid of kidsOf(document, root)) if (kid instanceof PDFDict) visit(walk, kid, undefined, undefined, 'StructTreeRoot');
  if (tree.elements.size === 0) report('7.1', 'the structure tree is empty', 'StructTreeRoot');
  checkHeadings(walk.headingLevels, walk.usesH, report);
  return tree;
}

function kidsOf(document: PDFDocument, dict: PDFDict): (PDFObject | undefined)[] {
  const kids = dict.lookup(PDFName.of('K'));
  return kids instanceof PDFArray ? kids.asArray().map((kid) => resolve(document, kid)) : kids === undefined ? [] : [kids];
}

/** One element and, depth first, everything under it; its own rules run once its kids are known. */
function visit(walk: Walk, dict: PDFDict, parentStandardType: string | undefined, inheritedPage: number | undefined, path: string): void {
  const type = nameOf(dict.get(PDFName.of('S'))) ?? '';
  const standardType = walk.standardTypeOf(type);
  const where = `${path} > ${type || '(no type)'}`;
  if (!standardType) walk.report('7.1-5', `the structure type ${type || '(none)'} is neither standard nor mapped to a standard type`, where);
  const element: StructElem = { dict, type, standardType, parentStandardType, kidTypes: [] };
  walk.tree.elements.set(dict, element);
  const pageRef = dict.get(PDFName.of('Pg'));
  const page = pageRef instanceof PDFRef ? walk.pageOf.get(pageRef.toString()) : inheritedPage;
  for (const kid of kidsOf(walk.document, dict)) visitKid(walk, element, kid, page, where);
  checkElement(element, where, walk.report);
  if (standardType === 'H') walk.usesH = true;
  const level = /^H([1-6])$/.exec(standardType ?? '')?.[1];
  if (level) walk.headingLevels.push(Number(level));
  const lang = textOf(dict.lookup(PDFName.of('Lang')));
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) walk.report('7.2-29', `Lang "${lang}" is not a language tag`, where);
}

/** A kid is an MCID, a marked-content reference (MCR), an object reference (OBJR) or another element. */
function visitKid(walk: Walk, element: StructElem, kid: PDFObject | undefined, page: number | undefined, where: string): void {
  if (kid instanceof PDFNumber) return claim(walk, element.dict, page, kid.asNumber(), where);
  if (!(kid instanceof PDFDict)) return;
  const kidType = nameOf(kid.get(PDFName.of('Type')));
  const kidPage = kid.get(PDFName.of('Pg'));
  const kidPageNumber = kidPage instanceof PDFRef ? walk.pageOf.get(kidPage.toString()) : page;
  if (kidType === 'MCR') {
    const mcid = kid.lookup(PDFName.of('MCID'));
    if (mcid instanceof PDFNumber) claim(walk, element.dict, kidPageNumber, mcid.asNumber(), where);
  } else if (kidType === 'OBJR') {
    const object = kid.get(PDFName.of('Obj'));
    if (object instanceof PDFRef) walk.tree.objectOwners.set(object.toString(), element.dict);
  } else {
    element.kidTypes.push(walk.standardTypeOf(nameOf(kid.get(PDFName.of('S'))) ?? '') ?? '?');
    visit(walk, kid, element.standardType, page, where);
  }
}

function claim(walk: Walk, dict: PDFDict, onPage: number | undefined, mcid: number, where: string): void {
  if (onPage === undefined) return walk.report('7.1-3', 'an MCID with no page (Pg) to find it on', where);
  const key = `${onPage}:${mcid}`;
  walk.tree.mcidOwners.set(key, (walk.tree.mcidOwners.get(key) ?? 0) + 1);
  if (!walk.claimed.has(dict)) walk.claimed.set(dict, new Set());
  walk.claimed.get(dict)!.add(key);
}
