// Estimates the height of a block before it is drawn, to decide whether it fits; drawing then measures exactly.
import { elementChildren, hasClass, type ElementNode } from '../../compose/tree.js';
import type { PdfContext } from './context.js';
import { collectFragments, measureFragments, type TextStyle } from './inline.js';
import { measureTable } from './tables.js';

export function bodyStyle(context: PdfContext): TextStyle {
  return { font: { family: 'serif', bold: false, italic: false }, size: context.theme.sizes.body, colour: context.theme.colours.text, hyphenate: true };
}

export function labelStyle(context: PdfContext): TextStyle {
  return { font: { family: 'sans', bold: true, italic: false }, size: context.theme.sizes.small, colour: context.theme.colours.text };
}

export function paragraphStyle(node: ElementNode, context: PdfContext): TextStyle {
  return hasClass(node, 'label') ? labelStyle(context) : bodyStyle(context);
}

export function estimateHeight(node: ElementNode, context: PdfContext): number {
  const { theme } = context;
  if (node.name === 'p') {
    const style = paragraphStyle(node, context);
    return measureFragments(context, collectFragments(node.children, style.font), style) + theme.spacing.paragraph;
  }
  if (hasClass(node, 'write-in')) return Number(node.attrs['data-lines'] ?? 3) * theme.spacing.write_in_line + theme.spacing.paragraph;
  // Tables and list items inside a callout: the box is drawn before its content, so it must know their height.
  if (node.name === 'table') return measureTable(node, context) + 2 * theme.spacing.paragraph;
  if (node.name === 'li' && !hasClass(node, 'question')) return listItemHeight(node, { ...context, width: context.width - theme.spacing.list_indent });
  if (node.name === 'aside') {
    const inner = { ...context, width: context.width - 2 * theme.spacing.callout_padding - 3 };
    return elementChildren(node).reduce((sum, child) => sum + estimateHeight(child, inner), 0) + 2 * theme.spacing.callout_padding;
  }
  return elementChildren(node).reduce((sum, child) => sum + estimateHeight(child, context), 0);
}

/** A list item is drawn as one paragraph when it holds only text, and as its blocks otherwise (see listItem in blocks.ts). */
function listItemHeight(item: ElementNode, context: PdfContext): number {
  const blocks = elementChildren(item).length > 0 && item.children.every((c) => c.type === 'element' || !c.value.trim());
  if (blocks) return elementChildren(item).reduce((sum, child) => sum + estimateHeight(child, context), 0);
  const style = bodyStyle(context);
  return measureFragments(context, collectFragments(item.children, style.font), style) + context.theme.spacing.paragraph;
}
