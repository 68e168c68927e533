// The parts of a guide's schema about the film itself: its original title, its people and how they are tied, its palette, the glossary of its words.
import { z } from 'zod';
import { inlineMarkdown, languageTag, markdown, plain, title } from './schema-fields.js';

export const originalTitleSchema = z
  .strictObject({
    text: title('The title in the original language and script'),
    lang: languageTag('Language tag of the original title, e.g. "ru", "ja", "zh-Hant"; a script subtag says the title is written in another script, e.g. "sr-Latn"'),
    transliteration: plain('The title in Latin letters; leave it out when the title is already in them').optional(),
    meaning: plain('What the title means, when it differs from the English title').optional(),
  })
  .optional();

export const charactersSchema = z
  .array(
    z.strictObject({
      name: plain('The character'),
      actor: plain('Who plays them'),
      description: inlineMarkdown('Who they are and how they relate to the others, without spoilers'),
    }),
  )
  .optional();

export const relationshipsSchema = z
  .array(z.strictObject({ between: plain('The two people, e.g. "Iya and Masha"'), tie: markdown('How they are bound together (may give away the story)') }))
  .optional()
  .describe('The relationship map, as a table; printed after the spoiler warning');

export const paletteSchema = z
  .strictObject({
    intro: markdown('What the palette is and where the values come from'),
    swatches: z
      .array(
        z.strictObject({
          name: plain('The colour’s name, always printed beside it'),
          hex: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb').describe('The printed colour'),
          associations: markdown('What the film associates with it'),
        }),
      )
      .min(1),
  })
  .optional();

const glossaryTermSchema = z.strictObject({
  term: plain('The word, in its own script'),
  lang: languageTag('Language of the term when it is not the guide’s, e.g. "ru"').optional(),
  transliteration: plain('The term in Latin letters').optional(),
  meaning: inlineMarkdown('What it means here'),
});

export const glossarySchema = z
  .array(z.strictObject({ title: title('The group of terms'), terms: z.array(glossaryTermSchema).min(1) }))
  .optional();
