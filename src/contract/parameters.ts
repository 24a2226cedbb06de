// Query and header parameters arrive as text; their schemas say integer, number, boolean or array. One reading
// of them — OpenAPI's default styles (`form` for the query, `simple` for headers: a comma-separated list for an
// array) — used by the emulator before it validates, and by the runner and the curl examples when they build
// requests (a parameter's example, and its value as text).
import type { OperationDefinition } from '../../generated/operations.js';
import { deref } from './json-ref.js';

type ParameterSchema = { readonly [keyword: string]: unknown };

/** A text value read as its schema's type; left as text when it is not one (the validator then names it). */
export function coerceParameter(value: string, schema: ParameterSchema): unknown {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array': {
      const items = (schema.items ?? {}) as ParameterSchema;
      return value === '' ? [] : value.split(',').map((item) => coerceParameter(item, items));
    }
    default:
      return value;
  }
}

/** The query parameters of a request target, as the operation's query validator expects them. */
export function queryValues(op: OperationDefinition, search: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = Object.create(null);
  const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
  for (const name of new Set(search.keys())) {
    const schema = declared.get(name);
    const all = search.getAll(name);
    // form/explode: `?tag=a&tag=b` is an array of two.
    if (schema?.type === 'array') values[name] = all.flatMap((v) => coerceParameter(v, schema) as unknown[]);
    else values[name] = schema ? coerceParameter(all[0]!, schema) : all[0];
  }
  return values;
}

/** The declared header parameters of a request, by lower-case name, as the header validator expects them. */
export function headerValues(
  op: OperationDefinition,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = Object.create(null);
  for (const parameter of op.parameters) {
    if (parameter.in !== 'header') continue;
    const name = parameter.name.toLowerCase();
    const raw = headers[name];
    if (raw === undefined) continue;
    values[name] = coerceParameter(Array.isArray(raw) ? raw.join(',') : raw, parameter.schema);
  }
  return values;
}

/** A parameter's example: its own, its first named one, else its schema's example or default. */
export function parameterExample(document: unknown, parameter: Readonly<Record<string, unknown>>): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const examples = Object.values((parameter.examples ?? {}) as Record<string, unknown>);
  if (examples.length > 0) return deref<{ value?: unknown }>(document, examples[0]).value;
  const schema = deref<Record<string, unknown>>(document, parameter.schema ?? {});
  return schema.example ?? schema.default;
}

/** A parameter value as it is sent: text, an array comma-separated (OpenAPI's `simple` and `form` styles). */
export const parameterText = (value: unknown): string =>
  Array.isArray(value) ? value.map(parameterText).join(',') : typeof value === 'string' ? value : JSON.stringify(value);
