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

/** Where a problem is reported: the line that set the text colour (or the background, when a later file set that). */
export interface ColourPlace {
  file: string;
  line?: number;
  column?: number;
}

/** One located error per text colour and background below the minimum, with a colour that would pass. */
export function contrastDiagnostics(colours: Colours, place: (text: TextColour, background: Background) => ColourPlace) {
  return contrastProblems(colours).map((problem) => {
    const { text, background, ratio, suggestion } = problem;
    const ground = background === 'page' ? BACKGROUNDS.page.where : `${BACKGROUNDS[background].where} (colours.${background} "${colours[background]}")`;
    const darker = suggestion ? `use a darker colours.${text}, e.g. "${suggestion}", which reaches ${MINIMUM_CONTRAST}:1 on every background` : `use a darker colours.${text}`;
    return {
      severity: 'error' as const,
      code: 'low-contrast',
      message: `colours.${text} "${colours[text]}" (${TEXT_COLOURS[text]}) on ${ground} has a contrast of ${formatRatio(ratio)}; text needs at least ${MINIMUM_CONTRAST}:1 to be read easily`,
      ...place(text, background),
      hint: background === 'page' ? darker : `${darker}, or a lighter colours.${background}`,
    };
  });
}
