// What a composed guide must hold across its editions: every link finds its target, and no id is used twice.
import { closest } from '../content/did-you-mean.js';
import type { Guide } from '../content/load.js';
import type { Diagnostic } from '../diagnostics.js';
import { elementChildren, linkTargets, type ElementNode } from './tree.js';

/**
 * Every link to an id in the guide (#glossary) must find it in each edition; the error points at the link
 * in the YAML, once, naming the editions it fails in.
 */
export function checkCrossReferences<E extends string>(trees: { edition: E; root: ElementNode }[], guide: Pick<Guide, 'sources' | 'dir'>): Diagnostic[] {
  const ids = new Set<string>();
  const missingIn = new Map<string, E[]>();
  for (const { edition, root } of trees) {
    const inEdition = new Set<string>();
    const collect = (node: ElementNode): void => {
      if (node.attrs.id) inEdition.add(node.attrs.id);
      elementChildren(node).forEach(collect);
    };
    collect(root);
    inEdition.forEach((id) => ids.add(id));
    for (const id of linkTargets(root)) if (!inEdition.has(id)) missingIn.set(id, [...(missingIn.get(id) ?? []), edition]);
  }
  return [...missingIn].flatMap(([id, editions]) => {
    const places = guide.sources.flatMap((source) =>
      source.text.split('\n').flatMap((line, index) => {
        const column = line.indexOf(`](#${id})`);
        return column < 0 ? [] : [{ file: source.file, line: index + 1, column: column + 3 }];
      }),
    );
    const where = editions.length > 1 ? 'in either edition' : `in the ${editions[0]} edition`;
    const message = `the link to "#${id}" goes nowhere ${where}`;
    const suggestion = closest(id, [...ids]);
    const hint = suggestion ? `did you mean "#${suggestion}"?` : 'link to the id of a chapter, heading, question or activity that both editions have, e.g. #glossary';
    return (places.length ? places : [{ file: guide.dir }]).map((place) => ({ severity: 'error' as const, code: 'broken-link', message, hint, ...place }));
  });
}

/**
 * The guide's ids are checked at load, each at its place (src/content/anchors.ts); this is the safety net
 * behind that check, for an id the templates write twice, so that no format ever gets two targets for one link.
 */
export function checkUniqueIds(trees: { root: ElementNode }[], templateFile: string): Diagnostic[] {
  const twice = new Set<string>();
  for (const { root } of trees) {
    const seen = new Set<string>();
    const collect = (node: ElementNode): void => {
      const id = node.attrs.id;
      if (id && seen.has(id)) twice.add(id);
      if (id) seen.add(id);
      elementChildren(node).forEach(collect);
    };
    collect(root);
  }
  return [...twice].map((id) => ({
    severity: 'error' as const,
    code: 'duplicate-id',
    message: `the id "${id}" is used twice in the composed guide`,
    file: templateFile,
    hint: `give each section, question and activity its own id; if none of the guide's ids is "${id}", a template writes it twice`,
  }));
}
