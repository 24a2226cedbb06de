// What breaks a constraint of a schema node: for each constraint a node's own keywords set (not its children's),
// the ajv keyword it is reported under and values that break it, tried in order by constraint-cases.ts.
import type { Schema } from './schema.js';

export const REMOVE = Symbol('remove');

export interface Candidate {
  keyword: string;
  constraint: string;
  /** Values that break it, tried in order; REMOVE takes the field out. */
  values: unknown[];
}

const leafType = (schema: Schema): string | undefined =>
  typeof schema.type === 'string' ? schema.type : Array.isArray(schema.type) ? undefined : undefined;

/** The constraints of a schema node that are not about its children, each with values breaking it. */
export function ownCandidates(schema: Schema, valid: unknown): Candidate[] {
  const out: Candidate[] = [];
  const add = (keyword: string, constraint: string, ...values: unknown[]) => out.push({ keyword, constraint, values });
  const type = leafType(schema);
  if (Array.isArray(schema.enum)) {
    const numeric = schema.enum.every((v) => typeof v === 'number');
    const outside = numeric ? Math.max(...(schema.enum as number[])) + 1 : 'NOT_IN_ENUM';
    add('enum', `enum ${JSON.stringify(schema.enum)}`, outside, numeric ? -1 : 'not_in_enum');
  }
  if (schema.const !== undefined) add('const', `const ${JSON.stringify(schema.const)}`, 'NOT_THE_CONSTANT', 0);
  const text = typeof valid === 'string' ? valid : '';
  switch (type) {
    case 'object':
      add('type', 'type object', 'not an object', []);
      break;
    case 'array':
      add('type', 'type array', 'not an array', {});
      break;
    case 'string':
      add('type', 'type string', 12345, true);
      if (typeof schema.minLength === 'number' && schema.minLength > 0)
        add(
          'minLength',
          `minLength ${schema.minLength}`,
          text.slice(0, schema.minLength - 1),
          'x'.repeat(schema.minLength - 1),
        );
      if (typeof schema.maxLength === 'number')
        add(
          'maxLength',
          `maxLength ${schema.maxLength}`,
          text + 'x'.repeat(Math.max(1, schema.maxLength + 1 - text.length)),
          'x'.repeat(schema.maxLength + 1),
          '1'.repeat(schema.maxLength + 1),
        );
      if (typeof schema.pattern === 'string')
        add('pattern', `pattern ${schema.pattern}`, '#not matching#', ' ', '', '~', 'x'.repeat(300));
      if (typeof schema.format === 'string')
        add('format', `format ${schema.format}`, 'not-a-valid-value', 'x', '999.999.999.999');
      if (Array.isArray(schema.anyOf) && (schema.anyOf as Schema[]).every((b) => typeof b.format === 'string'))
        add('anyOf', `format ${(schema.anyOf as Schema[]).map((b) => b.format).join(' or ')}`, 'not-an-address');
      break;
    case 'integer':
    case 'number':
      add('type', `type ${type}`, 'not a number', true);
      if (type === 'integer') out.push({ keyword: 'type', constraint: 'type integer (no fraction)', values: [5.5] });
      if (typeof schema.minimum === 'number') add('minimum', `minimum ${schema.minimum}`, schema.minimum - 1);
      if (typeof schema.maximum === 'number') add('maximum', `maximum ${schema.maximum}`, schema.maximum + 1);
      if (typeof schema.exclusiveMinimum === 'number')
        add('exclusiveMinimum', `exclusiveMinimum ${schema.exclusiveMinimum}`, schema.exclusiveMinimum);
      if (typeof schema.exclusiveMaximum === 'number')
        add('exclusiveMaximum', `exclusiveMaximum ${schema.exclusiveMaximum}`, schema.exclusiveMaximum);
      if (typeof schema.multipleOf === 'number')
        add('multipleOf', `multipleOf ${schema.multipleOf}`, schema.multipleOf * 1.5, schema.multipleOf + 1);
      break;
    case 'boolean':
      add('type', 'type boolean', 'yes', 1);
      break;
  }
  return out;
}
