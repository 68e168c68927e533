// Figures for the templates: numbered in reading order, each with its picture's name and size, and the list the credits page prints.
import type { Guide } from '../content/load.js';
import type { GuideImage } from '../content/images.js';
import type { Figure, GuideFile, ThemeFile } from '../content/schema.js';

/** Where pictures live in every output: the EPUB's folder, and the name the document's <img src> uses everywhere. */
export const IMAGE_FOLDER = 'images';

export interface FigureView extends Figure {
  id: string;
  /** "Figure 3" for a figure with meaning; decorative pictures are not numbered. */
  number: number | null;
  src: string;
  alt: string;
  pixelWidth: number;
  pixelHeight: number;
  /** The share of the text width, as the document carries it ("0.5"). */
  share: string;
  /** A figcaption is written for every figure with meaning, and for a decorative one only when it has a caption. */
  hasCaption: boolean;
  /** The credit as the caption's last sentence: with a full stop, unless it ends in one already. */
  creditLine: string;
}

export interface FigureCredit {
  id: string;
  label: string;
  credit: string;
  licence: string;
}

export interface FigureViews {
  meta: GuideFile;
  themes: ThemeFile[];
  credits: FigureCredit[];
  /** The pictures the document shows, by their src. */
  images: Map<string, GuideImage>;
}

type WithFigures = { title: string; figures?: Figure[] };

/**
 * Figures are numbered in the order the document prints them: the historical context, the filmmakers, the
 * theme chapters, then film form (document.hbs). The guide's own data is left as loaded; copies carry the views.
 */
export function figureViews(guide: Guide): FigureViews {
  const state = { numbered: 0, decorative: 0, credits: [] as FigureCredit[], images: new Map<string, GuideImage>() };
  const view = <T extends WithFigures>(holder: T): T => (holder.figures ? { ...holder, figures: holder.figures.map((f) => figureView(f, holder.title, guide, state)) } : holder);
  const meta = guide.meta;
  const context = meta.context && { ...meta.context, sections: meta.context.sections.map(view) };
  const filmmakers = meta.filmmakers?.map(view);
  const themes = guide.themes.map(view);
  const filmForm = meta.film_form && { ...meta.film_form, sections: meta.film_form.sections.map(view) };
  return { meta: { ...meta, context, filmmakers, film_form: filmForm }, themes, credits: state.credits, images: state.images };
}

function figureView(figure: Figure, where: string, guide: Guide, state: { numbered: number; decorative: number; credits: FigureCredit[]; images: Map<string, GuideImage> }): FigureView {
  const image = guide.images.get(figure.file.trim())!;
  const src = `${IMAGE_FOLDER}/${image.name}`;
  state.images.set(src, image);
  const decorative = figure.decorative === true;
  const number = decorative ? null : ++state.numbered;
  const id = decorative ? `decoration-${++state.decorative}` : `figure-${number}`;
  state.credits.push({ id, label: decorative ? `A decoration in “${where}”` : `Figure ${number}`, credit: figure.credit, licence: figure.licence });
  return {
    ...figure,
    id,
    number,
    src,
    alt: decorative ? '' : figure.alt!.trim(),
    pixelWidth: Math.round(image.width),
    pixelHeight: Math.round(image.height),
    share: String(figure.width ?? 1),
    hasCaption: !decorative || figure.caption !== undefined,
    creditLine: /[.!?)]$/.test(figure.credit.trim()) ? figure.credit.trim() : `${figure.credit.trim()}.`,
  };
}
