// The shape of a guide's YAML files: one zod schema per file kind, also exported as JSON Schema for editors.
import { z } from 'zod';

/** Text that may carry Markdown emphasis and links (raw HTML is shown as text, never as markup). */
const markdown = (description: string) => z.string().min(1).describe(`${description} (Markdown)`);
const plain = (description: string) => z.string().min(1).describe(description);

export const QUESTION_LEVELS = ['recall', 'analysis', 'evaluation', 'creation'] as const;

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "war-trauma"')
  .describe('A stable identifier: lower-case words joined by hyphens');

export const questionSchema = z.strictObject({
  id,
  prompt: markdown('The question as students read it'),
  level: z.enum(QUESTION_LEVELS).describe('The kind of thinking the question asks for'),
  guidance: markdown('What a strong answer covers; printed in the teacher edition only').optional(),
});

const factSchema = z.strictObject({
  label: plain('What the fact is, e.g. "Running time"'),
  value: markdown('The fact itself'),
});

const creditSchema = z.strictObject({
  role: plain('The job, e.g. "Director"'),
  names: z.array(plain('A person')).min(1),
});

const castSchema = z.strictObject({
  actor: plain('The performer'),
  role: plain('The character they play'),
});

export const guideSchema = z.strictObject({
  title: plain('The film’s English title'),
  original_title: z
    .strictObject({
      text: plain('The title in the original language and script'),
      lang: z
        .string()
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "ru"')
        .describe('Language tag of the original title, e.g. "ru"'),
      transliteration: plain('The title in Latin letters'),
      meaning: plain('What the title means'),
    })
    .optional(),
  director: plain('Who directed the film'),
  year: z.number().int().min(1888).max(2100).describe('Year of release'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en-GB"')
    .describe('Language of the guide itself, e.g. "en-GB"'),
  version: plain('Version of this guide, e.g. "0.1"'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .describe('Date of this version of the guide, YYYY-MM-DD'),
  facts: z.array(factSchema).min(1).describe('The fact box: one row per fact'),
  credits: z.array(creditSchema).min(1),
  cast: z.array(castSchema).min(1),
  content_note: markdown('Short, spoiler-free note on difficult content, read before viewing'),
  synopsis: markdown('Spoiler-free synopsis for before viewing'),
  themes: z.array(id).min(1).describe('Theme chapters in reading order: each names themes/<id>.yaml'),
  questions: z.strictObject({
    before: z.array(questionSchema).describe('Questions to ask before the film'),
    after: z.array(questionSchema).describe('Questions to ask after the film'),
  }),
  licence: markdown('Who may copy the guide, and how'),
});

export const themeSchema = z.strictObject({
  id,
  title: plain('The chapter title'),
  body: markdown('The analysis, in paragraphs'),
  questions: z.array(questionSchema).min(1),
});

export type Question = z.infer<typeof questionSchema>;
export type GuideFile = z.infer<typeof guideSchema>;
export type ThemeFile = z.infer<typeof themeSchema>;

/** The JSON Schemas written to schema/ and named at the top of each content file. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'guide.schema.json': z.toJSONSchema(guideSchema, { target: 'draft-7' }),
    'theme.schema.json': z.toJSONSchema(themeSchema, { target: 'draft-7' }),
  };
}
