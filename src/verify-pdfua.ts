// Checks a PDF against the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that a generated guide can break.
//
// No PDF/UA validator can be installed here (veraPDF comes from Maven, which these machines cannot reach), so
// this reads the file back with pdf-lib and applies the rules of veraPDF's PDF/UA-1 profile that concern what
// studyguide writes: identification and metadata, content tagged or marked as artifact, the structure tree and
// its parent tree, standard structure types and how they nest, headings, alternative text, languages, links
// and fonts. Rules about features studyguide never writes (forms, media, optional content, encryption, XFA,
// embedded files, Type 1 and simple TrueType fonts) are not checked. Each failure names its clause.
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject, type PDFPage } from 'pdf-lib';
import { contentTokens, pageContent, resolve, streamBytes } from './pdf-content.js';

export interface PdfUaFailure {
  /** Clause of ISO 14289-1 and veraPDF's test number, e.g. "7.1-3". */
  rule: string;
  message: string;
  /** How many times it was found; `where` is the first. */
  count: number;
  where: string;
}

export interface PdfUaReport {
  failures: PdfUaFailure[];
  counts: { pages: number; structElements: number; taggedContent: number; artifacts: number; links: number; fonts: number };
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

// Operators that put marks on the page: text showing, path painting, shadings and XObjects.
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'EI']);
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

interface StructElem {
  dict: PDFDict;
  type: string;
  standardType: string | undefined;
  parentStandardType: string | undefined;
  kidTypes: string[];
}

export async function checkPdfUa(bytes: Uint8Array): Promise<PdfUaReport> {
  const pdf = await readPdf(bytes);
  const failures = new Map<string, PdfUaFailure>();
  const fail = (rule: string, message: string, where: string) => {
    const key = `${rule} ${message}`;
    const known = failures.get(key);
    if (known) known.count++;
    else failures.set(key, { rule, message, count: 1, where });
  };
  const catalog = pdf.catalog;
  const pages = pdf.getPages();
  const pageNumber = new Map(pages.map((page, index) => [page.ref.toString(), index + 1]));

  checkDocument(pdf, fail);
  const tree = readStructureTree(pdf, pageNumber, fail);
  const content = pages.map((page, index) => readPageContent(pdf, page, index + 1, fail));

  // Every tagged piece of content belongs to exactly one structure element, and the parent tree leads back to it.
  const taggedInContent = new Set(content.flatMap((c, index) => [...c.mcids].map((mcid) => `${index + 1}:${mcid}`)));
  for (const key of taggedInContent) if (!tree.mcidOwners.has(key)) fail('7.1-3', 'tagged content (MCID) that no structure element holds', `page ${key.split(':')[0]}, MCID ${key.split(':')[1]}`);
  for (const [key, owners] of tree.mcidOwners) {
    if (!taggedInContent.has(key)) fail('7.1-3', 'structure element pointing at an MCID that is not on its page', `page ${key.split(':')[0]}, MCID ${key.split(':')[1]}`);
    if (owners > 1) fail('7.1-3', 'content claimed by more than one structure element', `page ${key.split(':')[0]}, MCID ${key.split(':')[1]}`);
  }
  pages.forEach((page, index) => {
    const onPage = content[index]!;
    if (onPage.mcids.size === 0) return;
    const key = page.node.get(PDFName.of('StructParents'));
    const entry = key instanceof PDFNumber ? tree.parentTree.get(key.asNumber()) : undefined;
    const array = entry instanceof PDFArray ? entry : undefined;
    if (!array) return fail('7.1-3', 'page with tagged content but no parent tree entry (StructParents)', `page ${index + 1}`);
    for (const mcid of onPage.mcids) {
      const owner = array.size() > mcid ? array.lookup(mcid) : undefined;
      if (!(owner instanceof PDFDict) || !tree.holds(owner, index + 1, mcid)) fail('7.1-3', 'parent tree entry does not lead back to the element holding the content', `page ${index + 1}, MCID ${mcid}`);
    }
  });

  const links = checkAnnotations(pdf, pages, tree, fail);
  const fonts = checkFonts(pdf, pages, fail);
  return {
    failures: [...failures.values()],
    counts: {
      pages: pages.length,
      structElements: tree.elements.size,
      taggedContent: taggedInContent.size,
      artifacts: content.reduce((sum, c) => sum + c.artifacts, 0),
      links,
      fonts,
    },
  };

  function checkDocument(document: PDFDocument, report: typeof fail): void {
    const metadata = catalog.lookup(PDFName.of('Metadata'));
    const xmp = metadata instanceof PDFRawStream ? Buffer.from(streamBytes(metadata)).toString('utf8') : undefined;
    if (!xmp) report('7.1-8', 'the catalog has no metadata stream', 'catalog');
    else {
      const part = /pdfuaid:part(?:>|=")\s*(\d+)/.exec(xmp)?.[1];
      if (!part) report('5-1', 'the metadata has no PDF/UA identification (pdfuaid:part)', 'XMP');
      else if (part !== '1') report('5-2', `pdfuaid:part is ${part}, not 1`, 'XMP');
      if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>\s*[^<\s][^<]*<\/rdf:li>/.test(xmp)) report('7.1-9', 'the metadata has no dc:title', 'XMP');
    }
    const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
    if (preferences?.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True) report('7.1-10', 'ViewerPreferences does not set DisplayDocTitle true', 'catalog');
    const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
    if (markInfo?.get(PDFName.of('Marked')) !== PDFBool.True) report('7.1', 'MarkInfo does not say Marked true (not a tagged PDF)', 'catalog');
    if (markInfo?.get(PDFName.of('Suspects')) === PDFBool.True) report('7.1-4', 'MarkInfo says Suspects true', 'catalog');
    const lang = textOf(catalog.lookup(PDFName.of('Lang')));
    if (!lang) report('7.2-33', 'the catalog has no Lang, so the language of the text and metadata is unknown', 'catalog');
    else if (!LANGUAGE_TAG.test(lang)) report('7.2-29', `the catalog's Lang "${lang}" is not a language tag`, 'catalog');
    if (document.getPageCount() === 0) report('7.1', 'the document has no pages', 'document');
  }

  function readPageContent(document: PDFDocument, page: PDFPage, number: number, report: typeof fail) {
    const mcids = new Set<number>();
    let artifacts = 0;
    const properties = page.node.Resources()?.lookupMaybe(PDFName.of('Properties'), PDFDict);
    const stack: { tag: string; mcid?: number }[] = [];
    let operands: string[] = [];
    for (const token of contentTokens(pageContent(document, page))) {
      if (token.kind === 'operand') {
        operands.push(token.text);
        continue;
      }
      const operator = token.text;
      if (operator === 'BMC' || operator === 'BDC') {
        const tag = operands[0]?.startsWith('/') ? operands[0].slice(1) : '';
        let mcid: number | undefined;
        if (operator === 'BDC') {
          const list = operands[1] ?? '';
          const inline = /\/MCID\s+(\d+)/.exec(list)?.[1];
          const named = list.startsWith('/') ? properties?.lookupMaybe(PDFName.of(list.slice(1)), PDFDict)?.get(PDFName.of('MCID')) : undefined;
          mcid = inline !== undefined ? Number(inline) : named instanceof PDFNumber ? named.asNumber() : undefined;
        }
        const insideTagged = stack.some((entry) => entry.mcid !== undefined);
        const insideArtifact = stack.some((entry) => entry.tag === 'Artifact');
        if (tag === 'Artifact') {
          artifacts++;
          if (insideTagged) report('7.1-1', 'an artifact inside tagged content', `page ${number}`);
        } else if (mcid !== undefined) {
          if (insideArtifact) report('7.1-2', 'tagged content inside an artifact', `page ${number}`);
          if (mcids.has(mcid)) report('7.1-3', 'the same MCID used twice on one page', `page ${number}, MCID ${mcid}`);
          mcids.add(mcid);
        }
        stack.push({ tag, mcid });
      } else if (operator === 'EMC') {
        if (!stack.pop()) report('7.1', 'EMC without a matching BMC or BDC', `page ${number}`);
      } else if (PAINTING.has(operator) && !stack.some((entry) => entry.tag === 'Artifact' || entry.mcid !== undefined)) {
        report('7.1-3', `content neither tagged nor marked as an artifact ("${operator}")`, `page ${number}`);
      }
      operands = [];
    }
    if (stack.length) report('7.1', 'marked content left open at the end of the page', `page ${number}`);
    return { mcids, artifacts };
  }

  function readStructureTree(document: PDFDocument, pageOf: Map<string, number>, report: typeof fail) {
    const elements = new Map<PDFDict, StructElem>();
    const mcidOwners = new Map<string, number>();
    const ownerOf = new Map<PDFDict, Set<string>>();
    const objectOwners = new Map<string, PDFDict>();
    const parentTree = new Map<number, PDFObject>();
    const root = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    const holds = (element: PDFDict, page: number, mcid: number) => ownerOf.get(element)?.has(`${page}:${mcid}`) ?? false;
    if (!root) {
      report('7.1', 'there is no structure tree (StructTreeRoot)', 'catalog');
      return { elements, mcidOwners, parentTree, objectOwners, holds };
    }
    const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
    const standardTypeOf = (type: string): string | undefined => {
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
    if (roleMap) {
      for (const [key] of roleMap.entries()) {
        if (STANDARD_TYPES.has(key.decodeText())) report('7.1-7', `the standard type ${key.decodeText()} is remapped in the RoleMap`, 'RoleMap');
      }
    }
    readNumberTree(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), parentTree);

    const headingLevels: number[] = [];
    let usesH = false;
    const visit = (dict: PDFDict, parentStandardType: string | undefined, inheritedPage: number | undefined, path: string) => {
      const type = nameOf(dict.get(PDFName.of('S'))) ?? '';
      const standardType = standardTypeOf(type);
      const where = `${path} > ${type || '(no type)'}`;
      if (!standardType) report('7.1-5', `the structure type ${type || '(none)'} is neither standard nor mapped to a standard type`, where);
      const element: StructElem = { dict, type, standardType, parentStandardType, kidTypes: [] };
      elements.set(dict, element);
      const pageRef = dict.get(PDFName.of('Pg'));
      const page = pageRef instanceof PDFRef ? pageOf.get(pageRef.toString()) : inheritedPage;
      const claim = (onPage: number | undefined, mcid: number) => {
        if (onPage === undefined) return report('7.1-3', 'an MCID with no page (Pg) to find it on', where);
        const key = `${onPage}:${mcid}`;
        mcidOwners.set(key, (mcidOwners.get(key) ?? 0) + 1);
        if (!ownerOf.has(dict)) ownerOf.set(dict, new Set());
        ownerOf.get(dict)!.add(key);
      };
      const kidsValue = dict.lookup(PDFName.of('K'));
      const kids = kidsValue instanceof PDFArray ? kidsValue.asArray().map((kid) => resolve(document, kid)) : kidsValue === undefined ? [] : [kidsValue];
      for (const kid of kids) {
        if (kid instanceof PDFNumber) claim(page, kid.asNumber());
        else if (kid instanceof PDFDict) {
          const kidType = nameOf(kid.get(PDFName.of('Type')));
          const kidPage = kid.get(PDFName.of('Pg'));
          const kidPageNumber = kidPage instanceof PDFRef ? pageOf.get(kidPage.toString()) : page;
          if (kidType === 'MCR') {
            const mcid = kid.lookup(PDFName.of('MCID'));
            if (mcid instanceof PDFNumber) claim(kidPageNumber, mcid.asNumber());
          } else if (kidType === 'OBJR') {
            const object = kid.get(PDFName.of('Obj'));
            if (object instanceof PDFRef) objectOwners.set(object.toString(), dict);
          } else {
            const kidStandard = standardTypeOf(nameOf(kid.get(PDFName.of('S'))) ?? '');
            element.kidTypes.push(kidStandard ?? '?');
            visit(kid, standardType, page, where);
          }
        }
      }
      checkElement(element, where, report);
      if (standardType === 'H') usesH = true;
      const level = /^H([1-6])$/.exec(standardType ?? '')?.[1];
      if (level) headingLevels.push(Number(level));
      const lang = textOf(dict.lookup(PDFName.of('Lang')));
      if (lang !== undefined && !LANGUAGE_TAG.test(lang)) report('7.2-29', `Lang "${lang}" is not a language tag`, where);
    };
    const top = root.lookup(PDFName.of('K'));
    const topKids = top instanceof PDFArray ? top.asArray().map((kid) => resolve(document, kid)) : [top];
    for (const kid of topKids) if (kid instanceof PDFDict) visit(kid, undefined, undefined, 'StructTreeRoot');
    if (elements.size === 0) report('7.1', 'the structure tree is empty', 'StructTreeRoot');

    // 7.4.2: headings start at H1 and never skip a level on the way down; 7.4.4: H and H1–H6 are not mixed.
    if (headingLevels.length && headingLevels[0] !== 1) report('7.4.2-1', `the first heading is H${headingLevels[0]}, not H1`, 'headings');
    headingLevels.forEach((level, index) => {
      const previous = headingLevels[index - 1];
      if (previous !== undefined && level > previous + 1) report('7.4.2-1', `H${level} follows H${previous}, skipping a level`, `heading ${index + 1}`);
    });
    if (usesH && headingLevels.length) report('7.4.4-2', 'the document uses both H and H1–H6', 'headings');
    return { elements, mcidOwners, parentTree, objectOwners, holds };
  }

  function checkElement(element: StructElem, where: string, report: typeof fail): void {
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

  function checkAnnotations(document: PDFDocument, allPages: PDFPage[], tree: ReturnType<typeof readStructureTree>, report: typeof fail): number {
    let links = 0;
    allPages.forEach((page, index) => {
      const annotations = page.node.Annots();
      if (!annotations || annotations.size() === 0) return;
      const where = `page ${index + 1}`;
      if (nameOf(page.node.get(PDFName.of('Tabs'))) !== 'S') report('7.18.3-1', 'a page with annotations has no Tabs /S (tab order by structure)', where);
      for (const item of annotations.asArray()) {
        const annotation = resolve(document, item);
        if (!(annotation instanceof PDFDict)) continue;
        const subtype = nameOf(annotation.get(PDFName.of('Subtype')));
        const structParent = annotation.get(PDFName.of('StructParent'));
        const owner = structParent instanceof PDFNumber ? resolve(document, tree.parentTree.get(structParent.asNumber())) : undefined;
        const ownerType = owner instanceof PDFDict ? tree.elements.get(owner)?.standardType : undefined;
        if (subtype === 'Link') {
          links++;
          if (ownerType !== 'Link') report('7.18.5-1', 'a link annotation not nested in a Link element', where);
          else if (item instanceof PDFRef && tree.objectOwners.get(item.toString()) !== owner) report('7.18.5-1', 'a Link element whose OBJR does not point at its annotation', where);
          if (!textOf(annotation.lookup(PDFName.of('Contents')))) report('7.18.5-2', 'a link annotation without a Contents description', where);
        } else if (subtype !== 'Widget' && subtype !== 'Popup' && ownerType !== 'Annot') {
          report('7.18.1-1', `a ${subtype ?? 'untyped'} annotation not nested in an Annot element`, where);
        }
      }
    });
    return links;
  }

  function checkFonts(document: PDFDocument, allPages: PDFPage[], report: typeof fail): number {
    const seen = new Set<string>();
    allPages.forEach((page, index) => {
      const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
      if (!fonts) return;
      for (const [, value] of fonts.entries()) {
        const key = value.toString();
        if (seen.has(key)) continue;
        seen.add(key);
        const font = resolve(document, value);
        if (!(font instanceof PDFDict)) continue;
        const name = nameOf(font.get(PDFName.of('BaseFont'))) ?? key;
        const where = `font ${name} (first on page ${index + 1})`;
        const subtype = nameOf(font.get(PDFName.of('Subtype')));
        if (!font.get(PDFName.of('ToUnicode'))) report('7.21.7-1', 'a font with no ToUnicode map, so its text cannot be read out', where);
        if (subtype === 'Type3') continue;
        const descendant = subtype === 'Type0' ? font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0) : font;
        if (!(descendant instanceof PDFDict)) {
          report('7.21.4.1-1', 'a composite font with no descendant font', where);
          continue;
        }
        const descriptor = descendant.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
        const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((file) => descriptor?.get(PDFName.of(file)));
        if (!embedded) report('7.21.4.1-1', 'a font that is not embedded', where);
        if (nameOf(descendant.get(PDFName.of('Subtype'))) === 'CIDFontType2' && !descendant.get(PDFName.of('CIDToGIDMap'))) report('7.21.3.2-1', 'a Type 2 CIDFont without CIDToGIDMap', where);
      }
    });
    return seen.size;
  }
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** A file pdf-lib cannot read (or find the pages of) is reported in words, not as a TypeError from inside it. */
async function readPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    pdf.getPages();
    return pdf;
  } catch (error) {
    throw new Error(`pdf-lib cannot read this file as a PDF, so no rule was checked (${(error as Error).message})`);
  }
}

/** Attributes (/A) are a dictionary or an array of them, possibly with revision numbers between. */
function hasAttribute(element: PDFDict, key: string): boolean {
  const attributes = element.lookup(PDFName.of('A'));
  const all = attributes instanceof PDFArray ? attributes.asArray().map((a) => (a instanceof PDFRef ? element.context.lookup(a) : a)) : [attributes];
  return all.some((a) => a instanceof PDFDict && a.get(PDFName.of(key)) !== undefined);
}

function readNumberTree(node: PDFDict | undefined, into: Map<number, PDFObject>): void {
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
