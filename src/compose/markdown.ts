// Markdown inside YAML strings → XHTML fragments: paragraphs, lists, emphasis and links only; raw HTML stays text.
import MarkdownIt from 'markdown-it';

// 'zero' enables nothing; we turn on only what the document vocabulary and every renderer can show.
const markdown = new MarkdownIt('zero', {
  html: false,
  xhtmlOut: true,
  typographer: true,
  quotes: '“”‘’',
}).enable(['paragraph', 'list', 'emphasis', 'link', 'escape', 'entity', 'newline', 'replacements', 'smartquotes']);

// markdown-it already refuses javascript:, vbscript:, file: and data: links; we keep only web and mail links,
// and links to an id inside the guide (#glossary), which become cross-references ("page 34" in print).
export const SAFE_LINK = /^(https?:|mailto:|#[a-z0-9]+(-[a-z0-9]+)*$)/i;
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

/** Block Markdown (paragraphs and lists). */
export function markdownBlock(text: string): string {
  return markdown.render(text).trim();
}

/** Inline Markdown for a single line, with no surrounding paragraph. */
export function markdownInline(text: string): string {
  return markdown.renderInline(text);
}
