// Every id that becomes a link target in some format (an XHTML id, a PDF destination, an EPUB fragment) is unique across the guide: checked at load, both places named.
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { positionOf, type PathSegment, type SourceFile } from './yaml.js';

/** The ids the templates and renderers write themselves, with what carries each (for the message). */
export const RESERVED_IDS: Record<string, string> = {
  'title-page': 'the title page',
  contents: 'the contents',
  'contents-heading': 'the heading of the web page’s contents',
  'using-this-guide': 'the chapter “Using this guide”',
  'the-film': 'the chapter “The film”',
  'fact-box': 'the heading “Facts”',
  credits: 'the heading “Credits”',
  cast: 'the heading “Cast”',
  awards: 'the heading “Festivals and awards”',
  distribution: 'the heading “Distribution”',
  'content-advisory': 'the content advisory chapter',
  'advisory-details': 'the advisory’s details without spoilers',
  'advisory-spoilers': 'the advisory’s details with spoilers',
  'opt-out': 'the heading “If you would rather not watch”',
  wellbeing: 'the heading “Wellbeing and facilitation”',
  'before-viewing': 'the chapter “Before viewing”',
  synopsis: 'the heading “Synopsis (no spoilers)”',
  characters: 'the heading “The main characters”',
  'questions-before': 'the heading “Questions before viewing”',
  'questions-during': 'the heading “While you watch”',
  'historical-context': 'the historical context chapter',
  timeline: 'the heading “Timeline”',
  filmmakers: 'the filmmakers chapter',
  'after-viewing': 'the chapter “After viewing”',
  'full-synopsis': 'the heading “The whole story”',
  'questions-after': 'the heading “Questions after viewing”',
  'film-form': 'the film form chapter',
  'questions-film-form': 'the heading “Questions on film form”',
  palette: 'the palette chapter',
  activities: 'the activities chapter',
  glossary: 'the glossary chapter',
  curriculum: 'the curriculum chapter',
  further: 'the chapter on further viewing and reading',
  'about-this-guide': 'the closing chapter on sources and licence',
  sources: 'the heading “Sources”',
  licence: 'the heading “Licence”',
  'this-guide': 'the heading “This guide” (who wrote and published it)',
  handout: 'the screening handout',
  'handout-facts': 'the handout’s facts',
  'handout-synopsis': 'the handout’s synopsis',
  'handout-questions': 'the handout’s questions',
  'handout-full-guide': 'the handout’s pointer to the full guide',
  'about-this-pack': 'a course pack’s introduction',
  'films-in-this-pack': 'a course pack’s list of films',
  'handout-feedback': 'the handout’s feedback line',
  'activities-before': 'the activities before viewing',
  relationships: 'the relationship map',
  'picture-credits': 'the credits of the pictures',
  'ground-rules': 'the ground rules for discussion',
  help: 'where to find help',
  disclosure: 'what to do if a student discloses something',
  'key-scenes': 'the key-scene guide',
  quiz: 'the quiz',
  reception: 'the reception chapter',
  reviews: 'the heading “Reviews”',
  'support-and-stretch': 'the chapter on support and stretch',
  'sentence-starters': 'the sentence starters',
  'word-bank': 'the word bank',
  stretch: 'the stretch tasks',
  rationale: 'the rationale',
  objectives: 'the learning objectives',
  'screening-plan': 'the screening plan',
  toc: 'the e-book’s contents',
  'toc-title': 'the heading of the e-book’s contents page',
  landmarks: 'the e-book’s landmarks',
  'page-list': 'the e-book’s list of print pages',
};

/** Numbered ids the templates and renderers make (glossary-2, page-14, …). */
export const RESERVED_PATTERNS: [RegExp, string][] = [
  [/^lesson-plan-\d+$/, 'a lesson plan’s heading'],
  [/^timeline-\d+$/, 'a part of the timeline'],
  [/^glossary-\d+$/, 'a group of the glossary'],
  [/^further-\d+$/, 'a group of further viewing and reading'],
  [/^page-\d+$/, 'the e-book’s print page markers'],
  [/^heading-\d+$/, 'the PDF’s headings that have no id'],
  [/^chapter-\d+$/, 'the e-book’s chapter files'],
  [/^(np|font)-\d+$/, 'the e-book’s package'],
  [/^handout-q-/, 'the handout’s questions'],
  [/^starters-\d+$/, 'a group of sentence starters'],
  [/^stretch-\d+$/, 'a stretch task'],
  [/^figure-\d+$/, 'a figure (Figure 1, 2, … in reading order)'],
  [/^decoration-\d+$/, 'a decorative picture'],
];

/** How a content id becomes link targets: the prefixes the templates put before it. */
export const DERIVED_PREFIXES = { section: [''], question: ['q-'], activity: ['activity-'], theme: ['theme-', 'moments-', 'motifs-', 'questions-'], scene: ['scene-'] } as const;

type Kind = keyof typeof DERIVED_PREFIXES;

interface Anchor {
  anchor: string;
  id: string;
  kind: Kind;
  source: SourceFile;
  path: PathSegment[];
}

const KIND_NAMES: Record<Kind, string> = { section: 'section', question: 'question', activity: 'activity', theme: 'theme', scene: 'key scene' };

/** Where each kind of id lives, in reading order (so "first at" names the earlier place). */
export function checkAnchors(owners: Map<string, SourceFile>, themes: SourceFile[], diagnostics: Diagnostic[]): void {
  const anchors: Anchor[] = [];
  const themeIds = new Set<string>();
  const add = (kind: Kind, source: SourceFile | undefined, base: PathSegment[], idKey?: string) => {
    if (!source) return;
    let list: unknown = source.data;
    for (const segment of base) list = asRecord(list)[segment];
    asList(list).forEach((raw, index) => {
      const id = idKey ? asRecord(raw)[idKey] : raw;
      if (typeof id !== 'string' || !id) return;
      // A theme listed twice is reported by checkThemeReferences.
      if (kind === 'theme' && themeIds.has(id)) return;
      if (kind === 'theme') themeIds.add(id);
      const at = idKey ? [...base, index, idKey] : [...base, index];
      for (const prefix of DERIVED_PREFIXES[kind]) anchors.push({ anchor: `${prefix}${id}`, id, kind, source, path: at });
    });
  };
  add('question', owners.get('questions'), ['questions', 'before'], 'id');
  add('question', owners.get('questions'), ['questions', 'during'], 'id');
  add('section', owners.get('context'), ['context', 'sections'], 'id');
  add('section', owners.get('filmmakers'), ['filmmakers'], 'id');
  add('question', owners.get('questions'), ['questions', 'after'], 'id');
  add('theme', owners.get('themes'), ['themes']);
  for (const theme of themes) add('question', theme, ['questions'], 'id');
  add('section', owners.get('film_form'), ['film_form', 'sections'], 'id');
  add('question', owners.get('film_form'), ['film_form', 'questions'], 'id');
  add('section', owners.get('reception'), ['reception', 'sections'], 'id');
  add('activity', owners.get('activities'), ['activities'], 'id');
  add('scene', owners.get('key_scenes'), ['key_scenes'], 'id');
  report(anchors, diagnostics);
}

function report(anchors: Anchor[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Anchor>();
  const reported = new Set<string>();
  for (const anchor of anchors) {
    const place = { file: anchor.source.file, ...positionOf(anchor.source, anchor.path) };
    // A theme id makes four targets; one message per id and place is enough.
    const once = `${place.file}:${place.line}:${place.column}`;
    if (reported.has(once)) continue;
    const taken = reservedFor(anchor.anchor);
    const first = seen.get(anchor.anchor);
    if (taken) {
      reported.add(once);
      const message = derived(anchor) ? `${subject(anchor)} makes the link target "#${anchor.anchor}", which ${taken} already uses` : `${subject(anchor)} is already used by ${taken}`;
      diagnostics.push({ severity: 'error', code: 'duplicate-id', message, ...place, hint: 'choose another id; the guide’s own chapters and headings keep theirs' });
    } else if (first) {
      reported.add(once);
      const where = `${path.basename(first.source.file)}:${positionOf(first.source, first.path).line}`;
      const sameKind = first.kind === anchor.kind;
      const other = `the ${KIND_NAMES[first.kind]} "${first.id}"`;
      const message = sameKind
        ? `${KIND_NAMES[anchor.kind]} id "${anchor.id}" is already used (first at ${where})`
        : derived(anchor)
          ? `${subject(anchor)} makes the link target "#${anchor.anchor}", which ${other} already has (at ${where})`
          : `${subject(anchor)} is already the link target of ${other} (at ${where})`;
      const hint = sameKind ? `give each ${KIND_NAMES[anchor.kind]} its own id` : `give each its own id: links (#${anchor.anchor}), the contents and the e-book need every link target to be unique`;
      diagnostics.push({ severity: 'error', code: 'duplicate-id', message, ...place, hint });
    } else {
      seen.set(anchor.anchor, anchor);
    }
  }
}

function subject(anchor: Anchor): string {
  return `the ${KIND_NAMES[anchor.kind]} id "${anchor.id}"`;
}

/** Whether the template puts a prefix before the id (theme-…, q-…) rather than using it as it is. */
function derived(anchor: Anchor): boolean {
  return anchor.anchor !== anchor.id;
}

function reservedFor(id: string): string | undefined {
  return RESERVED_IDS[id] ?? RESERVED_PATTERNS.find(([pattern]) => pattern.test(id))?.[1];
}

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
