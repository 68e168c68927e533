// Protects the editor support: the committed JSON Schemas match the zod schema, and content files point at them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/content/schema.js';
import { ROOT } from './helpers.js';

describe('JSON Schema for editors', () => {
  it('is up to date with the zod schema (run npm run schema after changing it)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(path.join(ROOT, 'schema', name), 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('is named on the first line of every content file, by a path that exists', () => {
    const guideDir = path.join(ROOT, 'content', 'beanpole');
    const files = [
      ...readdirSync(guideDir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(guideDir, f)),
      ...readdirSync(path.join(ROOT, 'content', 'beanpole', 'themes')).map((f) => path.join(ROOT, 'content', 'beanpole', 'themes', f)),
    ];
    for (const file of files) {
      const first = readFileSync(file, 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(match, file).not.toBeNull();
      const target = path.resolve(path.dirname(file), match![1]!);
      // A guide split over several files: each file holds some of the guide's keys.
      expect(path.basename(target)).toBe(path.basename(path.dirname(file)) === 'themes' ? 'theme.schema.json' : 'guide-part.schema.json');
      expect(() => readFileSync(target)).not.toThrow();
    }
  });
});
