// Markdown inside YAML strings → XHTML fragments: paragraphs, lists, tables, emphasis and links only; raw HTML stays text.
import MarkdownIt, { type Options, type Token } from 'markdown-it';

/**
 * markdown-it stops reading a block silently once it is nested this deep, dropping the rest of the text.
 * The load stage allows far less (MAX_LIST_DEPTH in src/content/markdown-check.ts), so accepted text never gets near it.
 */
export const MAX_NESTING = 100;

/** The constructs every renderer can show; the load stage's check rejects the rest at their place. */
export const MARKDOWN_RULES = ['paragraph', 'list', 'table', 'emphasis', 'link', 'autolink', 'escape', 'entity', 'newline', 'replacements', 'smartquotes'];

// 'zero' enables nothing; we turn on only what the document vocabulary and every renderer can show.
const markdown = new MarkdownIt('zero', withNesting({ html: false, xhtmlOut: true, typographer: true, quotes: '“”‘’' })).enable(MARKDOWN_RULES);

/** maxNesting is a real markdown-it option that its type declarations leave out. */
export function withNesting(options: Options): Options {
  return { ...options, maxNesting: MAX_NESTING } as Options;
}

// markdown-it already refuses javascript:, vbscript:, file: and data: links; we keep only web and mail links,
// and links to an id inside the guide (#glossary), which become cross-references ("page 34" in print).
export const SAFE_LINK = /^(https?:|mailto:|#[a-z0-9]+(-[a-z0-9]+)*$)/i;
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// A table's header cells head their columns (for screen readers and the PDF's tags); column alignment
// would arrive as a style attribute, which the document vocabulary does not have: every cell is left-aligned.
markdown.renderer.rules.th_open = () => '<th scope="col">';
markdown.renderer.rules.td_open = () => '<td>';

/**
 * In a tight list an item's text is bare (<li>text<ul>…</ul></li>). Beside a nested list or a table that
 * mixes text and blocks in one element, which a renderer may read as one run of text and flatten; so an
 * item that holds blocks gets its text in a paragraph, like the blocks around it.
 */
markdown.core.ruler.push('paragraphs_beside_blocks', (state) => {
  const tokens = state.tokens;
  tokens.forEach((token, start) => {
    if (token.type !== 'list_item_open') return;
    const children: Token[] = [];
    for (let i = start + 1; i < tokens.length && !(tokens[i]!.type === 'list_item_close' && tokens[i]!.level === token.level); i++) {
      if (tokens[i]!.level === token.level + 1) children.push(tokens[i]!);
    }
    if (!children.some((child) => !child.type.startsWith('paragraph_'))) return;
    for (const child of children) if (child.type.startsWith('paragraph_')) child.hidden = false;
  });
  return true;
});

/** Block Markdown (paragraphs, lists and tables). */
export function markdownBlock(text: string): string {
  return markdown.render(text).trim();
}

/** Inline Markdown for a single line, with no surrounding paragraph. */
export function markdownInline(text: string): string {
  return markdown.renderInline(text);
}
