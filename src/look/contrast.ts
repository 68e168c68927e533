// WCAG contrast between the theme's text colours and the backgrounds the templates set them on, and a darker colour that would pass.

/** The text colours of theme.yaml, and where the templates set them. */
export const TEXT_COLOURS = {
  text: 'body text, captions, labels, the cover’s credit line',
  muted: 'credit lines, question levels, running heads and feet',
  heading: 'headings, titles, table headers',
  accent: 'links, the edition line, the cover’s kind line',
} as const;

/** The backgrounds those colours stand on: the page (always white), callouts and teacher guidance (also the EPUB cover's ground). */
export const BACKGROUNDS = {
  page: { colour: '#ffffff', where: 'the white page' },
  callout_background: { colour: undefined, where: 'callouts and the e-book cover' },
  guidance_background: { colour: undefined, where: 'teacher guidance' },
} as const;

/** WCAG 2 AA for body-size text. */
export const MINIMUM_CONTRAST = 4.5;

export type TextColour = keyof typeof TEXT_COLOURS;
export type Background = keyof typeof BACKGROUNDS;

type Colours = Record<TextColour | Exclude<Background, 'page'>, string>;

export interface ContrastProblem {
  text: TextColour;
  background: Background;
  ratio: number;
  /** The text colour made darker (same hue) until it reaches the minimum on every background; undefined if none does. */
  suggestion?: string;
}

/** Relative luminance of a #rrggbb colour (WCAG 2). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of two colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour of a background as the theme sets it. */
export function backgroundColour(colours: Colours, background: Background): string {
  return background === 'page' ? BACKGROUNDS.page.colour : colours[background];
}

/** Every text colour on every background, with the ratio: the pairs the templates can put together. */
export function contrastPairs(colours: Colours): { text: TextColour; background: Background; ratio: number }[] {
  return (Object.keys(TEXT_COLOURS) as TextColour[]).flatMap((text) =>
    (Object.keys(BACKGROUNDS) as Background[]).map((background) => ({ text, background, ratio: contrastRatio(colours[text], backgroundColour(colours, background)) })),
  );
}

/** The pairs below the minimum, each with a darker text colour that reaches it on every background. */
export function contrastProblems(colours: Colours): ContrastProblem[] {
  return contrastPairs(colours)
    .filter((pair) => pair.ratio < MINIMUM_CONTRAST)
    .map((pair) => ({ ...pair, suggestion: darkerToPass(colours, pair.text) }));
}

/** Steps the colour towards black, keeping its hue, until it passes on all three backgrounds. */
function darkerToPass(colours: Colours, text: TextColour): string | undefined {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colours[text].slice(i, i + 2), 16));
  for (let step = 1; step <= 100; step++) {
    const scale = 1 - step / 100;
    const candidate = `#${[r!, g!, b!].map((c) => Math.round(c * scale).toString(16).padStart(2, '0')).join('')}`;
    const passes = (Object.keys(BACKGROUNDS) as Background[]).every((background) => contrastRatio(candidate, backgroundColour(colours, background)) >= MINIMUM_CONTRAST);
    if (passes) return candidate;
  }
  return undefined;
}

/** "4.49:1", never rounded up to a pass. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/** Where a problem is reported: the line that set the colour to blame. */
export interface ColourPlace {
  file: string;
  line?: number;
  column?: number;
}

/** Which colour of a failing pair to change: the text colour, or a background a later file made too dark (or light). */
export type Blame = (text: TextColour, background: Background) => 'text' | 'background';

/**
 * One located error per colour to blame, naming every background (or text) it fails with, and for a text
 * colour one that would pass. Every problem is reported in one run.
 */
export function contrastDiagnostics(colours: Colours, blame: Blame, place: (key: TextColour | Background) => ColourPlace) {
  const groups = new Map<TextColour | Background, ContrastProblem[]>();
  for (const problem of contrastProblems(colours)) {
    const key = blame(problem.text, problem.background) === 'background' ? problem.background : problem.text;
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  return [...groups].map(([key, problems]) => ({
    severity: 'error' as const,
    code: 'low-contrast',
    ...(key in TEXT_COLOURS ? textMessage(colours, key as TextColour, problems) : backgroundMessage(colours, key as Background, problems)),
    ...place(key),
  }));
}

const ground = (background: Background) => BACKGROUNDS[background].where;
const NEEDED = `text needs at least ${MINIMUM_CONTRAST}:1 to be read easily`;

function textMessage(colours: Colours, text: TextColour, problems: ContrastProblem[]) {
  const on = problems.map((p) => `${formatRatio(p.ratio)} on ${ground(p.background)}`).join(', ');
  const suggestion = problems[0]!.suggestion;
  return {
    message: `colours.${text} "${colours[text]}" (${TEXT_COLOURS[text]}) is too light to read: ${on}; ${NEEDED}`,
    hint: suggestion ? `use a darker colour, e.g. "${suggestion}", which reaches ${MINIMUM_CONTRAST}:1 on every background` : 'use a darker colour',
  };
}

function backgroundMessage(colours: Colours, background: Background, problems: ContrastProblem[]) {
  const with_ = problems.map((p) => `colours.${p.text} ${formatRatio(p.ratio)}`).join(', ');
  return {
    message: `colours.${background} "${backgroundColour(colours, background)}" (${ground(background)}) leaves too little contrast for the text set on it: ${with_}; ${NEEDED}`,
    hint: 'use a lighter background (the house theme’s is "#f3f0e7"), or darker text colours',
  };
}
