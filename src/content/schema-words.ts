// The field makers every schema file shares: Markdown text, plain text and stable ids.
import { z } from 'zod';

/** Text that may carry Markdown emphasis and links (raw HTML is shown as text, never as markup). */
export const markdown = (description: string) => z.string().min(1).describe(`${description} (Markdown)`);
export const plain = (description: string) => z.string().min(1).describe(description);

export const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "war-trauma"')
  .describe('A stable identifier: lower-case words joined by hyphens');
