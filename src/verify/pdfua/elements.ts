// PDF/UA rules about structure elements themselves: standard types and the role map, nesting, alt text, table headers, headings.
import { PDFDict, PDFName } from 'pdf-lib';
import type { Report } from './findings.js';
import { hasAttribute, textOf } from './objects.js';

/** A structure element as the rules see it: its type, the standard type that resolves to, and its neighbours' standard types. */
export interface StructElem {
  dict: PDFDict;
  type: string;
  standardType: string | undefined;
  parentStandardType: string | undefined;
  kidTypes: string[];
}

// ISO 32000-1:2008, 14.8.4: the standard structure types.
const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

/** What may hold what (clause 7.2, tests 3–20, 26, 27, 36–38): a kid's type → the parent types it may have. */
const ALLOWED_PARENTS: Record<string, string[]> = {
  TR: ['Table', 'THead', 'TBody', 'TFoot'],
  THead: ['Table'],
  TBody: ['Table'],
  TFoot: ['Table'],
  TH: ['TR'],
  TD: ['TR'],
  LI: ['L'],
  LBody: ['LI'],
  TOCI: ['TOC'],
};
/** A parent type → the kid types it may have. */
const ALLOWED_KIDS: Record<string, string[]> = {
  Table: ['TR', 'THead', 'TBody', 'TFoot', 'Caption'],
  TR: ['TH', 'TD'],
  THead: ['TR'],
  TBody: ['TR'],
  TFoot: ['TR'],
  L: ['L', 'LI', 'Caption'],
  LI: ['Lbl', 'LBody'],
  TOC: ['TOC', 'TOCI', 'Caption'],
};

/**
 * Follows the role map from a type to the standard type it stands for (undefined when it never reaches one),
 * and reports standard types the role map remaps (7.1-7).
 */
export function standardTypes(roleMap: PDFDict | undefined, report: Report): (type: string) => string | undefined {
  for (const [key] of roleMap?.entries() ?? []) {
    if (STANDARD_TYPES.has(key.decodeText())) report('7.1-7', `the standard type ${key.decodeText()} is remapped in the RoleMap`, 'RoleMap');
  }
  return (type) => {
    const seen = new Set<string>();
    let current = type;
    while (!STANDARD_TYPES.has(current)) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      const mapped = roleMap?.lookup(PDFName.of(current));
      if (!(mapped instanceof PDFName)) return undefined;
      current = mapped.decodeText();
    }
    return current;
  };
}

/** One element's rules, once its kids are known: where it sits, what it holds, its alternative text, a TH's scope. */
export function checkElement(element: StructElem, where: string, report: Report): void {
  const { dict, standardType, parentStandardType, kidTypes } = element;
  if (!standardType) return;
  const parents = ALLOWED_PARENTS[standardType];
  if (parents && !parents.includes(parentStandardType ?? '')) report('7.2', `${standardType} inside ${parentStandardType ?? 'nothing'} (it belongs in ${parents.join(' or ')})`, where);
  const allowedKids = ALLOWED_KIDS[standardType];
  const wrongKid = allowedKids && kidTypes.find((kid) => !allowedKids.includes(kid));
  if (wrongKid) report('7.2', `${standardType} holds ${wrongKid} (it may hold ${allowedKids.join(', ')})`, where);
  if (standardType === 'Table' && kidTypes.filter((kid) => kid === 'THead').length > 1) report('7.2-11', 'a table with more than one THead', where);
  const alt = textOf(dict.lookup(PDFName.of('Alt')));
  const actualText = textOf(dict.lookup(PDFName.of('ActualText')));
  if ((standardType === 'Figure' || standardType === 'Formula') && !alt && !actualText) report(standardType === 'Figure' ? '7.3-1' : '7.7-1', `${standardType} without Alt or ActualText`, where);
  if (standardType === 'TH' && !hasAttribute(dict, 'Scope')) report('7.5', 'TH without a Scope attribute, so a screen reader cannot tell what it heads', where);
  if (kidTypes.filter((kid) => kid === 'H').length > 1) report('7.4.4-1', 'more than one H in one element', where);
}

/** 7.4.2: headings start at H1 and never skip a level on the way down; 7.4.4: H and H1–H6 are not mixed. */
export function checkHeadings(levels: number[], usesH: boolean, report: Report): void {
  if (levels.length && levels[0] !== 1) report('7.4.2-1', `the first heading is H${levels[0]}, not H1`, 'headings');
  levels.forEach((level, index) => {
    const previous = levels[index - 1];
    if (previous !== undefined && level > previous + 1) report('7.4.2-1', `H${level} follows H${previous}, skipping a level`, `heading ${index + 1}`);
  });
  if (usesH && levels.length) report('7.4.4-2', 'the document uses both H and H1–H6', 'headings');
}
