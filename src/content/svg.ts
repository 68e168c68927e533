// Checks an SVG drawing before any renderer sees it: well-formed, an <svg> at the root, and nothing that runs code or reaches outside the file.
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SvgProblem {
  message: string;
  hint: string;
}

export interface SvgCheck {
  problem?: SvgProblem;
  /** Every element is one the PDF's vector drawing (svg-to-pdfkit) draws faithfully; otherwise print rasterises it. */
  vector: boolean;
}

/**
 * What svg-to-pdfkit draws as the SVG says. It silently skips filters, <switch>, animation and the rest,
 * so a drawing that uses anything else is printed from pixels instead (see render/images.ts).
 */
const VECTOR_ELEMENTS = new Set(
  'svg g defs symbol use rect circle ellipse line polyline polygon path text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker title desc metadata style'.split(' '),
);

const REMOVE_IT = 'remove it in a drawing program (or a text editor), or export the picture again as plain SVG or as PNG';

/** What the walk through the drawing has found so far. */
interface Walk {
  refuse(what: string, hint?: string): void;
  problem?: SvgProblem;
  vector: boolean;
  /** No element seen yet: the next one must be <svg>. */
  root: boolean;
  /** Inside a <style> element (its text is CSS). */
  inStyle: number;
}

/** Refuses a drawing with scripts, event attributes, outside references or foreignObject; the first problem found is reported, with its line in the SVG. */
export function checkSvg(text: string): SvgCheck {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const walk: Walk = {
    refuse: (what, hint = REMOVE_IT) => void (walk.problem ??= { message: `${what} (line ${parser.line} of the SVG)`, hint }),
    vector: true,
    root: true,
    inStyle: 0,
  };
  parser.on('doctype', (doctype) => {
    if (doctype.includes('[')) walk.refuse('declares entities in its DOCTYPE, which could expand without end or read other files', 'export the picture again as plain SVG, without a DOCTYPE');
    else if (!standardDoctype(doctype)) walk.refuse('names a document type in another file (its DOCTYPE), which a reader could fetch', 'export the picture again as plain SVG, without a DOCTYPE');
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target === 'xml-stylesheet') walk.refuse('links an outside stylesheet (<?xml-stylesheet?>)');
  });
  parser.on('opentag', (tag) => openTag(walk, tag));
  parser.on('closetag', (tag) => {
    if (tag.local === 'style') walk.inStyle--;
  });
  const stylesheet = (content: string) => {
    const what = walk.inStyle > 0 ? cssProblem(content) : undefined;
    if (what) walk.refuse(`has a stylesheet that ${what}`);
  };
  parser.on('text', stylesheet);
  parser.on('cdata', stylesheet);
  try {
    parser.write(text).close();
  } catch (error) {
    if (walk.problem) return { problem: walk.problem, vector: false };
    const reason = (error as Error).message.replace(/^[^:]*:\d+:\d+: /, '');
    return { problem: { message: `is not well-formed XML, so not a usable SVG: ${reason} (line ${parser.line} of the SVG)`, hint: 'open it in a drawing program and save it again as SVG' }, vector: false };
  }
  if (walk.root) return { problem: { message: 'is empty: it has no <svg> element', hint: 'save the picture again as SVG' }, vector: false };
  return { problem: walk.problem, vector: walk.vector };
}

function openTag(walk: Walk, tag: SaxesTagNS): void {
  if (walk.root && (tag.local !== 'svg' || tag.uri !== SVG_NS)) walk.refuse(`is not an SVG drawing: its first element is <${tag.name}>, not <svg>`, 'save the picture as SVG, PNG or JPEG');
  walk.root = false;
  if (tag.local === 'style') walk.inStyle++;
  const found = elementProblem(tag);
  if (found) walk.refuse(found);
  if (tag.uri === SVG_NS && !VECTOR_ELEMENTS.has(tag.local)) walk.vector = false;
  for (const attribute of Object.values(tag.attributes as Record<string, SaxesAttributeNS>)) {
    const what = attributeProblem(tag.name, attribute);
    if (what) walk.refuse(what);
    if (attribute.local === 'filter' || (attribute.local === 'style' && /(^|;)\s*filter\s*:/.test(attribute.value))) walk.vector = false;
  }
}

function elementProblem(tag: SaxesTagNS): string | undefined {
  if (tag.local === 'script') return 'contains a <script>: a picture in a guide may not run code';
  if (tag.local === 'foreignObject') return 'contains a <foreignObject>, which can carry web-page content that readers would fetch or run';
  if (tag.uri && tag.uri !== SVG_NS && /xhtml/i.test(tag.uri)) return `contains HTML (<${tag.name}>) inside the drawing`;
  if (['animate', 'set'].includes(tag.local)) {
    const target = (tag.attributes as Record<string, SaxesAttributeNS>).attributeName?.value ?? '';
    if (/(^|:)href$|^on/i.test(target)) return `has an <${tag.local}> that changes "${target}", which could point the drawing outside itself`;
  }
  return undefined;
}

function attributeProblem(element: string, attribute: SaxesAttributeNS): string | undefined {
  if (/^on/i.test(attribute.local)) return `has an event attribute (${attribute.name} on <${element}>): a picture in a guide may not run code`;
  if (attribute.local === 'href' && !attribute.value.trim().startsWith('#')) return `links <${element}> to ${describeTarget(attribute.value)} (${attribute.name}); only links within the drawing (href="#…") are allowed`;
  // Every attribute, not only style: a presentation attribute (fill, mask, filter, …) is read as CSS too.
  const css = cssProblem(attribute.value);
  if (css) return `has a ${attribute.name} attribute on <${element}> that ${css}`;
  return undefined;
}

/**
 * `url(#id)` points within the drawing; any other url(), @import or image-set() reaches outside it. CSS
 * lets a name be written with escapes (`\75 rl(` is `url(`) and split by comments, so both are undone first.
 */
function cssProblem(raw: string): string | undefined {
  const css = unescapeCss(raw.replace(/\/\*[^]*?(\*\/|$)/g, ''));
  if (/@import/i.test(css)) return 'imports another stylesheet (@import)';
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!match[2]!.trim().startsWith('#')) return `refers to ${describeTarget(match[2]!)} (url(…))`;
  }
  const loader = /(?:^|[^\w-])((?:-webkit-)?image-set|image|cross-fade|src)\s*\(/i.exec(css);
  if (loader) return `loads a picture or font by name (${loader[1]!.toLowerCase()}(…))`;
  return undefined;
}

/** CSS escapes undone: `\75 ` and `\000075` are "u", `\:` is ":", a backslash before a line break joins the lines. */
function unescapeCss(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|\r?\n|([^]))/gi, (_match, hex: string | undefined, other: string | undefined) => {
    if (hex) {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    return other ?? '';
  });
}

/**
 * Drawing programs write the W3C's own DOCTYPE ("-//W3C//DTD SVG 1.1//EN" and its address), which no reader
 * here loads; any other DOCTYPE that names a file could be fetched by a reader that does.
 */
function standardDoctype(doctype: string): boolean {
  const literals = [...doctype.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]!);
  if (!/\b(SYSTEM|PUBLIC)\b/.test(doctype)) return literals.length === 0;
  const system = /\bPUBLIC\b/.test(doctype) ? literals[1] : literals[0];
  return system === undefined || /^https?:\/\/www\.w3\.org\/(Graphics\/SVG\/[\d.]+\/DTD|TR\/2001\/REC-SVG-20010904\/DTD)\/[\w.-]+\.dtd$/.test(system);
}

/** The kind of target, never the target itself: the message stays short and repeats nothing from the file. */
function describeTarget(target: string): string {
  const value = target.trim();
  if (/^data:/i.test(value)) return 'embedded data (a data: address)';
  if (/^https?:/i.test(value)) return 'a web address';
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return `a "${/^([a-z][a-z0-9+.-]*):/i.exec(value)![1]!.toLowerCase()}:" address`;
  return 'another file';
}
