// Marks runs of text in another script with their language (Дылда → ru, 千と千尋 → ja, وجدة → ar) and right-to-left ones with dir="rtl".
import { directionOfLang, isRightToLeftScript, langForScript, NEUTRAL_SCRIPTS, scriptGroup, scriptOf, type ScriptName } from '../text/scripts.js';
import { autoDirection } from '../text/runs.js';
import { textContent, type DocNode, type ElementNode } from './tree.js';

export interface MarkOptions {
  /** What the guide declares each script to be written in (declaredScriptLanguages): Arabic letters in a Persian guide are fa. */
  scriptLanguages?: ReadonlyMap<ScriptName, string>;
}

/**
 * Rewrites the tree in place, so readers' voices, hyphenation and fonts switch language, and
 * right-to-left words read in their direction. Text inside an element with a lang attribute keeps that
 * language (what the guide declares wins); such an element in a right-to-left language gets dir="rtl".
 */
export function markForeignScripts(node: ElementNode, options: MarkOptions = {}, inheritedLang = ''): void {
  const declared = node.attrs.lang;
  if (declared && declared !== inheritedLang && !node.attrs.dir && directionOfLang(declared) === 'rtl' && node.name !== 'html') node.attrs.dir = 'rtl';
  const lang = declared ?? inheritedLang;
  if (declared && declared !== inheritedLang && node.name !== 'html' && node.name !== 'body') return;
  node.children = node.children.flatMap((child): DocNode[] => {
    if (child.type === 'element') {
      markForeignScripts(child, options, lang);
      return [child];
    }
    // Text in <title> or <head> cannot hold elements.
    if (node.name === 'title' || node.name === 'head') return [child];
    return splitForeign(child.value, node.line, lang, options.scriptLanguages ?? new Map());
  });
  // A block written wholly in a right-to-left script (a Persian glossary entry, an Arabic name alone in a table
  // cell) reads from the right, as the PDF sets it (text/runs.ts): say so, so the EPUB and web page align it so too.
  if (TEXT_BLOCKS.has(node.name) && !node.attrs.dir && autoDirection(textContent(node)) === 'rtl') node.attrs.dir = 'rtl';
}

/** Elements whose text is set as a paragraph of its own in every format. */
const TEXT_BLOCKS = new Set(['p', 'li', 'dt', 'dd', 'td', 'th', 'figcaption', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

interface Run {
  start: number;
  end: number;
  script: ScriptName;
}

// What may stand between two words of one run: spaces and hyphens; in Chinese, Japanese and Korean also their punctuation.
const JOINER = /^[\s\-‐–]*$/u;
const EAST_ASIAN_JOINER = /^[\s\-‐–、。「」『』・ー，！？：；（）]*$/u;

/** Runs of letters of one script other than Latin, with the spaces, hyphens and punctuation between their letters. */
function foreignRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let index = 0;
  for (const character of text) {
    const script = scriptOf(character.codePointAt(0)!);
    const next = index + character.length;
    if (NEUTRAL_SCRIPTS.has(script)) {
      index = next;
      continue;
    }
    const group = scriptGroup(script);
    const joiner = group === 'EastAsian' ? EAST_ASIAN_JOINER : JOINER;
    const sameRun = current && scriptGroup(current.script) === group && joiner.test(text.slice(current.end, index));
    if (sameRun) {
      current!.end = next;
      // Han beside kana is Japanese: the run takes the script that says the most about its language.
      if (script === 'Hiragana' || script === 'Katakana' || script === 'Hangul') current!.script = script;
    } else if (script !== 'Latin') {
      current = { start: index, end: next, script };
      runs.push(current);
    } else {
      current = undefined;
    }
    index = next;
  }
  return runs;
}

function splitForeign(text: string, line: number, inherited: string, scriptLanguages: ReadonlyMap<ScriptName, string>): DocNode[] {
  const out: DocNode[] = [];
  let last = 0;
  for (const run of foreignRuns(text)) {
    const lang = langForScript(run.script, scriptLanguages, { hasKana: run.script === 'Hiragana' || run.script === 'Katakana', hasHangul: run.script === 'Hangul' });
    if (!lang || lang === inherited || inherited.startsWith(`${lang}-`)) continue;
    if (run.start > last) out.push({ type: 'text', value: text.slice(last, run.start) });
    const attrs: Record<string, string> = { lang, 'xml:lang': lang };
    if (isRightToLeftScript(run.script)) attrs.dir = 'rtl';
    out.push({ type: 'element', name: 'span', attrs, children: [{ type: 'text', value: text.slice(run.start, run.end) }], line });
    last = run.end;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}
