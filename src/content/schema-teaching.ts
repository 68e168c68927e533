// The teaching parts of a guide's schema: the key-scene guide, reception, the recall quiz, support and stretch, curriculum links, further viewing.
import { z } from 'zod';
import { id, inlineMarkdown, markdown, plain, title } from './schema-fields.js';

/** A scene told in words (no timecodes: copies differ), with prompts for close viewing. */
export const keySceneSchema = z.strictObject({
  id,
  title: plain('A short name for the scene'),
  where: plain('Where it comes in the story, in words, e.g. "The opening minutes"'),
  description: markdown('What happens, told plainly'),
  prompts: z
    .array(z.strictObject({ aspect: plain('What to look or listen for, e.g. "Framing"'), prompt: markdown('The close-viewing prompt') }))
    .min(1),
  teacher_note: markdown('Showing the scene in class, and what to check; teacher edition only').optional(),
});

const reviewSchema = z.strictObject({
  outlet: plain('Where the review appeared'),
  critic: plain('Who wrote it, when the source names them').optional(),
  date: plain('When it appeared, as the source gives it').optional(),
  verdict: markdown('What the review said, in a few words (quote only a few words, attributed)'),
});

export const receptionSchema = z.strictObject({
  intro: markdown('What the chapter covers').optional(),
  reviews: z.array(reviewSchema).optional().describe('Named reviews, as a table'),
  sections: z
    .array(z.strictObject({ id: id.optional(), title: plain('The heading'), body: markdown('The text, in paragraphs') }))
    .min(1),
});

export const quizSchema = z.strictObject({
  intro: markdown('What the quiz is for').optional(),
  items: z.array(z.strictObject({ question: markdown('A short recall question'), answer: markdown('The answer; teacher edition only') })).min(1),
});

export const differentiationSchema = z.strictObject({
  intro: markdown('How to use the support and stretch material').optional(),
  sentence_starters: z
    .array(z.strictObject({ purpose: plain('What the starters help with'), starters: z.array(plain('A sentence opening')).min(1) }))
    .optional(),
  word_bank: z.array(z.strictObject({ group: plain('The kind of words'), words: z.array(plain('A word or phrase')).min(1) })).optional(),
  stretch: z.array(z.strictObject({ title: plain('The task’s name'), task: markdown('The stretch task') })).optional(),
  teacher_note: markdown('Notes on levels and lengths; teacher edition only').optional(),
});

export const curriculumSchema = z
  .array(
    z.strictObject({
      course: plain('The course or subject'),
      specification: plain('The exam board and specification, as far as the research supports').optional(),
      areas: z.array(plain('An area of the specification the film serves')).optional(),
      fit: inlineMarkdown('What in it the film serves'),
    }),
  )
  .optional();

export const furtherSchema = z
  .array(
    z.strictObject({
      title: title('e.g. "Further viewing"'),
      items: z.array(z.strictObject({ item: inlineMarkdown('The film, book or source'), why: inlineMarkdown('One line on why it is worth it') })).min(1),
    }),
  )
  .optional();
