// The shape of a guide's YAML files: one zod schema per file kind, also exported as JSON Schema for editors.
import { z } from 'zod';
import { charactersSchema, glossarySchema, originalTitleSchema, paletteSchema, relationshipsSchema } from './schema-film.js';
import { curriculumSchema, differentiationSchema, furtherSchema, keySceneSchema, quizSchema, receptionSchema } from './schema-teaching.js';
import { date, id, inlineMarkdown, languageTag, markdown, plain, title, webAddress } from './schema-fields.js';
import { fallbackFontSchema } from '../fonts/schema.js';

/** An email address or an http(s) web address, with no spaces. */
const CONTACT = /^(?:https?:\/\/[^\s/]+\.[^\s]+|[^\s@]+@[^\s@]+\.[^\s@]+)$/;
export { calendarProblem, markdownFields, MAX_LINE, MAX_TITLE, MAX_WEB_ADDRESS } from './schema-fields.js';

export const QUESTION_LEVELS = ['recall', 'analysis', 'evaluation', 'creation'] as const;

export const questionSchema = z.strictObject({
  id,
  prompt: inlineMarkdown('The question as students read it'),
  level: z.enum(QUESTION_LEVELS).describe('The kind of thinking the question asks for'),
  guidance: markdown('What a strong answer covers; printed in the teacher edition only').optional(),
  misconception: markdown('A common misconception to watch for; printed in the teacher edition only').optional(),
});

const factSchema = z.strictObject({
  label: plain('What the fact is, e.g. "Running time"'),
  value: inlineMarkdown('The fact itself'),
});

const creditSchema = z.strictObject({
  role: plain('The job, e.g. "Director"'),
  names: z.array(plain('A person')).min(1),
});

const castSchema = z.strictObject({
  actor: plain('The performer'),
  role: plain('The character they play'),
});


/**
 * A picture placed after the text of an essay or a theme chapter. `alt` is required unless the picture is
 * decorative; the load stage checks that (the schema cannot say "required unless" in a way editors show).
 */
export const figureSchema = z.strictObject({
  file: plain('The picture: a PNG, JPEG or SVG file inside the guide’s folder, e.g. "figures/map.svg"'),
  // Blank alt text is the figure check's to report ("has no alt text"), once, with what to write instead.
  alt: z.string().max(1000, 'is longer than 1,000 characters: say the rest in the caption or the text').describe('What the picture shows, for a reader who cannot see it; required unless decorative is true').optional(),
  decorative: z.boolean().optional().describe('true for an ornament that carries no meaning: it has no alt text and screen readers pass over it'),
  caption: markdown('The caption printed under the picture').optional(),
  credit: markdown('Who made the picture, e.g. "Photograph by Jane Smith" or "Diagram made for this guide"'),
  licence: markdown('The terms the guide uses it on, e.g. "CC BY 4.0", "public domain", "used with permission"'),
  width: z.number().gt(0).max(1).optional().describe('How wide to print it, as a fraction of the text width (0.5 is half); the whole width when left out'),
});

const figures = z.array(figureSchema).min(1).optional().describe('Pictures shown after the text, each with alt text, a caption and its credit');

/** A titled stretch of prose: a context essay, a note on the filmmakers, a part of the film-form chapter. */
const essaySchema = z.strictObject({
  id: id.optional(),
  title: title('The heading'),
  body: markdown('The text, in paragraphs'),
  figures,
});

const advisorySchema = z
  .strictObject({
    summary: markdown('Short, spoiler-free note on difficult content, read before viewing'),
    details: z
      .array(
        z.strictObject({
          topic: plain('The kind of content, e.g. "Death of a child"'),
          spoiler: z.boolean().describe('true when the detail gives away what happens'),
          text: inlineMarkdown('What the film shows, plainly and briefly'),
        }),
      )
      .optional()
      .describe('The detailed list, by category'),
    opt_out: markdown('The alternative task for anyone who chooses not to watch').optional(),
    ground_rules: z.array(markdown('One rule for discussing the film, as students read it')).optional().describe('Ground rules for discussion; printed in both editions'),
    help: z
      .strictObject({
        text: markdown('Where a student can turn for help, in words that fit any school'),
        spaces: z.array(plain('What to write on a blank line, e.g. "A local help line"')).describe('Blank lines the teacher fills in before copying'),
      })
      .optional(),
    wellbeing: markdown('Facilitation and wellbeing note; printed in the teacher edition only').optional(),
    disclosure: markdown('What to do if a student discloses something; printed in the teacher edition only').optional(),
  })
  .describe('The content advisory, in layers');

const usingSchema = z.strictObject({
  for_students: markdown('How a student uses the guide; printed in the student edition'),
  for_teachers: markdown('Who the guide is for and how the editions differ; printed in the teacher edition'),
  rationale: markdown('Why the film is worth studying; printed in both editions').optional(),
  objectives: z.array(markdown('One thing a student will be able to do')).optional().describe('Learning objectives for the whole guide; printed in both editions'),
  screening_plan: markdown('How to fit the film into school periods, with break points described by what happens; teacher edition only').optional(),
  lesson_plans: z
    .array(
      z.strictObject({
        title: title('e.g. "A single lesson"'),
        summary: markdown('What the plan is for').optional(),
        rationale: markdown('Why the lesson is built this way').optional(),
        objectives: z.array(markdown('One thing students will be able to do by the end')).optional(),
        steps: z
          .array(
            z.strictObject({
              minutes: z.number().int().min(1).max(600).describe('How long the step takes'),
              activity: inlineMarkdown('What happens'),
            }),
          )
          .min(1),
        opt_out: markdown('What a student who has opted out of the film does in this lesson').optional(),
      }),
    )
    .optional()
    .describe('Suggested lesson plans; teacher edition only'),
});

export const ACTIVITY_KINDS = ['pre-viewing', 'post-viewing', 'creative', 'essay', 'comparison', 'primary-source'] as const;

export const activitySchema = z.strictObject({
  id,
  title: title('The activity’s name'),
  kind: z.enum(ACTIVITY_KINDS).describe('When or how the activity is used'),
  care_note: markdown('A note on difficult material, printed in both editions before the task').optional(),
  task: markdown('The task as students read it'),
  guidance: markdown('Notes for the teacher; printed in the teacher edition only').optional(),
});


export const guideSchema = z.strictObject({
  title: title('The film’s English title'),
  original_title: originalTitleSchema,
  director: plain('Who directed the film'),
  year: z.number().int().min(1888).max(2100).describe('Year of release'),
  language: languageTag('Language of the guide itself, e.g. "en-GB"'),
  version: plain('Version of this guide, e.g. "0.1"'),
  date: date('Date of this version of the guide, YYYY-MM-DD'),
  authors: z
    .array(plain('A person, or a team, e.g. "Year 12 film studies, Example School"'))
    .min(1)
    .describe('Who wrote the guide: printed in the colophon, and the author of every file'),
  publisher: plain('The school or organisation that publishes the guide: printed in the colophon, and the publisher of the e-book'),
  contact: z
    .string()
    .regex(CONTACT, 'must be an email address (name@school.org) or a web address starting with https://')
    .describe('Where readers can write about the guide: an email address or a web address, printed in the colophon')
    .optional(),
  web_address: webAddress.describe('Where the guide is published online; the handout prints it with a QR code (never a reserved example address such as example.org)').optional(),
  handout: z
    .strictObject({
      feedback: markdown('The feedback line at the foot of the screening handout').optional(),
      get_the_guide: markdown('Where to ask for the full guide, printed when there is no web address').optional(),
    })
    .optional()
    .describe('Extra lines for the one-sheet screening handout'),
  using_this_guide: usingSchema.optional(),
  facts: z.array(factSchema).min(1).describe('The fact box: one row per fact'),
  credits: z.array(creditSchema).min(1),
  cast: z.array(castSchema).min(1),
  awards: z.array(factSchema).optional().describe('Festivals, awards and nominations: one row per event'),
  distribution: z.array(factSchema).optional().describe('Who released the film where, and when'),
  advisory: advisorySchema,
  synopsis: z.strictObject({
    spoiler_free: markdown('The synopsis for before viewing: no spoilers'),
    full: markdown('The whole story, for after viewing').optional(),
  }),
  characters: charactersSchema,
  relationships: relationshipsSchema,
  context: z
    .strictObject({
      intro: markdown('Why the context matters').optional(),
      sections: z.array(essaySchema).min(1),
      timeline: z
        .array(
          z.strictObject({
            title: title('What this part of the timeline covers'),
            events: z.array(z.strictObject({ date: plain('When'), event: inlineMarkdown('What happened') })).min(1),
          }),
        )
        .optional(),
    })
    .optional()
    .describe('Historical context, with a timeline'),
  filmmakers: z.array(essaySchema).optional().describe('The director, the inspirations, the people behind the camera'),
  themes: z.array(id).min(1).describe('Theme chapters in reading order: each names themes/<id>.yaml'),
  film_form: z
    .strictObject({
      intro: markdown('What the chapter looks at').optional(),
      sections: z.array(essaySchema).min(1),
      questions: z.array(questionSchema).optional(),
    })
    .optional(),
  palette: paletteSchema,
  questions: z.strictObject({
    before: z.array(questionSchema).describe('Questions to ask before the film'),
    during: z.array(questionSchema).optional().describe('A few light things to notice while watching'),
    after: z.array(questionSchema).describe('Questions to ask after the film'),
  }),
  key_scenes: z.array(keySceneSchema).optional().describe('The key-scene guide: scenes told in words, with close-viewing prompts'),
  reception: receptionSchema.optional().describe('How the film was received, with named critics and outlets'),
  quiz: quizSchema.optional(),
  differentiation: differentiationSchema.optional(),
  activities: z.array(activitySchema).optional(),
  glossary: glossarySchema,
  curriculum: curriculumSchema,
  further: furtherSchema,
  sources: z.array(inlineMarkdown('A source the guide’s facts come from')).optional(),
  licence: markdown('Who may copy the guide, and how'),
  fonts: z
    .array(fallbackFontSchema)
    .optional()
    .describe('Fonts of the guide’s own, tried after PT Serif / PT Sans and before the theme’s fallback fonts; files are ./paths inside the guide folder'),
});

/** One file of a guide split over several: any of the guide's top-level keys, each in exactly one file. */
export const guidePartSchema = guideSchema.partial();

export const themeSchema = z.strictObject({
  id,
  title: title('The chapter title'),
  body: markdown('The analysis, in paragraphs'),
  figures,
  key_moments: z.array(inlineMarkdown('A moment described without timecodes')).optional(),
  motifs: z.array(z.strictObject({ name: plain('The motif or symbol'), text: inlineMarkdown('Where it appears and what it may carry') })).optional(),
  questions: z.array(questionSchema).min(1),
});

/** A course pack: several guides in one PDF and one EPUB per edition, under a title of its own. */
export const packSchema = z.strictObject({
  title: title('The course pack’s title, e.g. "Women and war on film"'),
  subtitle: plain('A line under the title, e.g. the course it is for').optional(),
  compiled_by: plain('Who put the pack together, e.g. a teacher or a department').optional(),
  introduction: markdown('A note to readers on why these films go together').optional(),
  language: languageTag('Language of the pack’s own pages, e.g. "en-GB"; each guide keeps its own').optional(),
  date: date('Date of this version of the pack, YYYY-MM-DD'),
  guides: z
    .array(z.string().min(1).describe('The name of a guide folder in the content folder, e.g. "beanpole"'))
    .min(1)
    .describe('The guides in the pack, in reading order'),
});

export type Question = z.infer<typeof questionSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type GuideFile = z.infer<typeof guideSchema>;
export type ThemeFile = z.infer<typeof themeSchema>;
export type GuidePartFile = z.infer<typeof guidePartSchema>;
export type PackFile = z.infer<typeof packSchema>;

/** The JSON Schemas written to schema/ and named at the top of each content file. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    'guide.schema.json': z.toJSONSchema(guideSchema, { target: 'draft-7' }),
    'guide-part.schema.json': z.toJSONSchema(guidePartSchema, { target: 'draft-7' }),
    'theme.schema.json': z.toJSONSchema(themeSchema, { target: 'draft-7' }),
    'pack.schema.json': z.toJSONSchema(packSchema, { target: 'draft-7' }),
  };
}
