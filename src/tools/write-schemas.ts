// Writes schema/*.json from the zod schemas, so editors check content files as a teacher types (npm run schema).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../prepare.js';
import { jsonSchemas } from '../content/schema.js';
import { lookJsonSchema } from '../look/override.js';

for (const [name, schema] of Object.entries({ ...jsonSchemas(), 'look.schema.json': lookJsonSchema() })) {
  const file = path.join(PACKAGE_ROOT, 'schema', name);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
