// The PDF handler for each element kind, in one map: by element name, or by name and class where a class changes how it is drawn.
import { measureChildren, renderChildren } from '../flow.js';
import type { ElementHandler, HandlerMap } from '../context.js';
import { callout } from './callout.js';
import { figure } from './figure.js';
import { heading } from './heading.js';
import { list } from './list.js';
import { logo } from './logo.js';
import { paragraph } from './paragraph.js';
import { qrCode } from './qr.js';
import { chapter, part } from './section.js';
import { swatchList } from './swatches.js';
import { table } from './table.js';
import { titlePage } from './title-page.js';
import { writeIn } from './write-in.js';

/** A plain division only groups its children. */
const division: ElementHandler = { measure: measureChildren, draw: (node, context) => renderChildren(node, context) };

export const HANDLERS: HandlerMap = {
  section: chapter,
  'section.title-page': titlePage,
  'section.part': part,
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  p: paragraph,
  'p.logo': logo,
  ul: list,
  ol: list,
  'ul.swatch-list': swatchList,
  aside: callout,
  div: division,
  'div.write-in': writeIn,
  'div.qr': qrCode,
  dl: table,
  table,
  figure,
};
