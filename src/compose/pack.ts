// Composes a course pack: its own title page and introduction (pack.hbs), then each guide's composed edition as one part.
import type { Diagnostic } from '../diagnostics.js';
import type { Guide } from '../content/load.js';
import type { Pack } from '../content/pack.js';
import { guideSchema, packSchema } from '../content/schema.js';
import { editionLabel, headerFor, renderToTree, xhtmlOf, type ComposedDocument, type ComposeResult, type Edition, type Identity, type LookForCompose } from './compose.js';
import { markForeignScripts } from './language.js';
import { withNulls } from './optional-fields.js';
import type { TemplateSet } from './templates.js';
import { elementChildren, findElement, hasClass, linkTargets, type DocNode, type ElementNode } from './tree.js';
import { applyTypography } from './typography.js';

/**
 * `documents` are the guides' composed editions, in the pack's order. Working on the composed trees (not
 * the YAML) means a part is exactly the guide as it is published alone: same chapters, same numbering,
 * same credits and licence.
 */
export function composePack(pack: Pack, guides: Guide[], documents: ComposedDocument[], edition: Edition, templates: TemplateSet, look: LookForCompose = {}): ComposeResult {
  const language = pack.meta.language ?? guides[0]!.meta.language;
  const identity = packIdentity(pack, guides);
  const model = {
    identity,
    pack: { ...withNulls(packSchema, pack.meta), language },
    edition: { name: edition, label: editionLabel(edition), teacher: edition === 'teacher' },
    guides: guides.map((guide) => ({ id: guide.id, ...withNulls(guideSchema, guide.meta) })),
    logo: look.logo ? { src: look.logo.src, alt: look.logo.alt, width: look.logo.width, height: look.logo.height } : null,
  };
  const rendered = renderToTree(templates, 'pack', model, edition);
  if (!rendered.root) return { diagnostics: rendered.diagnostics };
  const root = rendered.root;
  applyTypography(root);
  markForeignScripts(root);
  const body = findElement(root, (n) => n.name === 'body')!;
  for (const document of documents) body.children.push(asPart(document, language));
  const diagnostics = checkPackLinks(root, templates.fileOf('pack'));
  if (diagnostics.length) return { diagnostics };
  const title = `${pack.meta.title}: a course pack`;
  const description = `A course pack of study guides to ${guides.map((g) => `${g.meta.title} (${g.meta.director}, ${g.meta.year})`).join('; ')}: ${edition} edition.`;
  const header = headerFor(pack.id, edition, title, description, pack.meta.date, identity);
  const fontSources = documents.flatMap((document) => document.fontSources);
  // Pictures are named by their content, so two guides' pictures never clash and one shared picture is kept once.
  // Only pictures the pack shows: the guides' logos are left out of their parts, the pack's own is on its title page.
  const shown = (src: string) => findElement(root, (n) => n.name === 'img' && n.attrs.src === src) !== undefined;
  const all = [...documents.flatMap((d) => [...(d.images ?? [])]), ...(look.logo ? [[look.logo.src, look.logo.image] as const] : [])];
  const images = new Map(all.filter(([src]) => shown(src)));
  const document = { guideId: pack.id, edition, root, xhtml: xhtmlOf(root), templateFile: templates.fileOf('pack'), title, lang: language, header, fontSources };
  return { document: images.size ? { ...document, images } : document, diagnostics: [] };
}

/** Whoever compiled the pack is its author, otherwise the guides' authors; the guides' publishers publish it. */
function packIdentity(pack: Pack, guides: Guide[]): Identity {
  const unique = (values: string[]) => [...new Set(values)];
  const authors = pack.meta.compiled_by ? [pack.meta.compiled_by] : unique(guides.flatMap((g) => g.meta.authors));
  return { authors, publisher: unique(guides.map((g) => g.meta.publisher)).join(', ') };
}

/**
 * One guide as a part of the pack: its title page becomes the part's opening page (the edition is on the
 * pack's title page and every page foot instead), and its chapters follow inside the part. Every id gets
 * the guide's name in front (both guides have a #glossary), and every heading goes down one level, so
 * the contents, bookmarks and EPUB navigation nest each guide's chapters under its title.
 */
function asPart(document: ComposedDocument, packLanguage: string): ElementNode {
  const body = findElement(document.root, (n) => n.name === 'body')!;
  const sections = elementChildren(body);
  const titlePage = sections.find((s) => hasClass(s, 'title-page'));
  // The pack's title page carries the edition and the logo once; each part's opening page does not repeat them.
  const opening = titlePage ? elementChildren(titlePage).filter((c) => !hasClass(c, 'edition') && !hasClass(c, 'logo')) : [];
  const chapters = sections.filter((s) => s !== titlePage).map((s) => demoteHeadings(s));
  const prefix = (id: string) => `${document.guideId}--${id}`;
  const attrs: Record<string, string> = { class: 'part', id: document.guideId, 'epub:type': 'part', role: 'doc-part' };
  // A guide written in another variety of English (en-US in an en-GB pack) keeps its own language tag.
  if (document.lang !== packLanguage) Object.assign(attrs, { lang: document.lang, 'xml:lang': document.lang });
  return withPrefixedIds({ type: 'element', name: 'section', attrs, children: [...opening, ...chapters], line: titlePage?.line ?? 0 }, prefix, true);
}

const DEMOTED: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4' };

function demoteHeadings(node: ElementNode): ElementNode {
  const children: DocNode[] = node.children.map((c) => (c.type === 'element' ? demoteHeadings(c) : c));
  return { ...node, name: DEMOTED[node.name] ?? node.name, children };
}

/** Renames ids and the references to them (links, aria-labelledby) inside one part; the part's own id stays. */
function withPrefixedIds(node: ElementNode, prefix: (id: string) => string, isPart = false): ElementNode {
  const attrs = { ...node.attrs };
  if (attrs.id && !isPart) attrs.id = prefix(attrs.id);
  if (node.name === 'a' && attrs.href?.startsWith('#')) attrs.href = `#${prefix(attrs.href.slice(1))}`;
  if (attrs['aria-labelledby']) attrs['aria-labelledby'] = attrs['aria-labelledby'].split(/\s+/).map(prefix).join(' ');
  const children: DocNode[] = node.children.map((c) => (c.type === 'element' ? withPrefixedIds(c, prefix) : c));
  return { ...node, attrs, children };
}

/** The guides' own links were checked when each was composed; this catches the pack's pages linking to nothing or clashing. */
function checkPackLinks(root: ElementNode, templateFile: string): Diagnostic[] {
  const ids = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const collect = (node: ElementNode): void => {
    const id = node.attrs.id;
    if (id && ids.has(id)) {
      // Only a guide folder named like one of the pack's own pages (about-this-pack) can do this.
      diagnostics.push({ severity: 'error', code: 'duplicate-id', message: `the id "${id}" is used twice in the composed pack`, file: templateFile, hint: `a guide folder may not be named like an id in pack.hbs; rename the folder "${id}"` });
    }
    if (id) ids.add(id);
    elementChildren(node).forEach(collect);
  };
  collect(root);
  for (const id of linkTargets(root)) {
    if (!ids.has(id)) diagnostics.push({ severity: 'error', code: 'broken-link', message: `the pack links to "#${id}", which is nowhere in the pack`, file: templateFile });
  }
  return diagnostics;
}
