// Reads names, text strings, attributes and number trees out of pdf-lib objects, as the PDF/UA rules need them.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

/** BCP 47 in outline: what a Lang entry must look like. */
export const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

export function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** Attributes (/A) are a dictionary or an array of them, possibly with revision numbers between. */
export function hasAttribute(element: PDFDict, key: string): boolean {
  const attributes = element.lookup(PDFName.of('A'));
  const all = attributes instanceof PDFArray ? attributes.asArray().map((a) => (a instanceof PDFRef ? element.context.lookup(a) : a)) : [attributes];
  return all.some((a) => a instanceof PDFDict && a.get(PDFName.of(key)) !== undefined);
}

/** Every key and value of a number tree (the parent tree is one), leaves and kids alike. */
export function readNumberTree(node: PDFDict | undefined, into: Map<number, PDFObject>): void {
  if (!node) return;
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      if (key instanceof PDFNumber) into.set(key.asNumber(), nums.lookup(i + 1)!);
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) readNumberTree(kids.lookupMaybe(i, PDFDict), into);
}
