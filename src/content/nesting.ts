// A look at how deeply a YAML text nests its [ and { before it is parsed: the parser's own limit is where its stack runs out, which differs from run to run.

/** Far deeper than any guide needs; deep enough that the parser itself never runs out of stack first. */
export const MAX_FLOW_DEPTH = 64;

/**
 * The offset of the first "[" or "{" that opens a level deeper than MAX_FLOW_DEPTH, outside quotes and
 * comments; undefined when the text stays within it. A parser that recurses would otherwise stop at a
 * place that depends on the machine, and report it there.
 */
export function tooDeeplyNested(text: string): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
