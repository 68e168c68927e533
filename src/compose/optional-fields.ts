// Gives every optional field the schema knows a value (null when absent), so strict templates can test it with #if.
import type { z } from 'zod';

// Handlebars strict mode turns a misspelt field into an error, which is what we want; but it also
// throws on an optional field that is simply absent. Filling absent optional fields with null keeps
// both: `{{#if guide.glossary}}` works, `{{guide.glosary}}` still fails loudly.
export function withNulls<T>(schema: z.ZodType, value: T): T {
  return fill(schema, value) as T;
}

type Def = { type?: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

function fill(schema: unknown, value: unknown): unknown {
  let def = defOf(schema);
  while (def && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')) def = defOf(def.innerType);
  if (!def || value === null || value === undefined) return value;
  if (def.type === 'array' && Array.isArray(value)) return value.map((item) => fill(def!.element, item));
  if (def.type === 'object' && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const result: Record<string, unknown> = { ...record };
    for (const [key, field] of Object.entries(def.shape ?? {})) result[key] = key in record ? fill(field, record[key]) : null;
    return result;
  }
  return value;
}
