// Requests of any operation of a contract, built from its schemas and examples: a valid base request fitted to
// the target's world, and one request per constraint of every request schema (path, query, header and body,
// every nested property) that breaks that constraint alone. Each broken request is checked against the
// contract's own validators — its base passes, it fails on the keyword it means to break — so "N of M
// constraints exercised" counts only requests that really break what they say.
import fc from 'fast-check';
import type { OperationDefinition } from '../../generated/operations.js';
import type { Contract, ValidatorFn } from '../contract/bundled.js';
import { headerValues, queryValues } from '../contract/parameters.js';
import { operationObject } from '../contract/success-answer.js';
import { arbitrary, inline, type Schema } from './schema.js';
import type { World } from './types.js';

export type Location = 'path' | 'query' | 'header' | 'body';

/** A request of an operation before it is sent: the values of each location. */
export interface OperationCall {
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** undefined: no body. */
  body?: unknown;
}

interface ParameterShape {
  name: string;
  in: Exclude<Location, 'body'>;
  required: boolean;
  schema: Schema;
  example: unknown;
}

/** What the runner reads of an operation: parameters and body with their schemas inlined, and its examples. */
export interface OperationShape {
  op: OperationDefinition;
  parameters: ParameterShape[];
  body?: { schema: Schema; required: boolean; examples: { name: string; value: unknown }[] };
  /** The documented 2xx statuses, in the contract's order (an operation may document several). */
  successStatuses: number[];
}

const shapes = new WeakMap<Contract, Map<string, OperationShape>>();

export function shapeOf(contract: Contract, op: OperationDefinition): OperationShape {
  let byId = shapes.get(contract);
  if (!byId) {
    byId = new Map();
    shapes.set(contract, byId);
  }
  const known = byId.get(op.operationId);
  if (known) return known;
  const document = contract.document;
  const object = operationObject(document, op.path, op.method);
  const pathItem = inline(document, (document.paths as Record<string, unknown>)[op.path]);
  const declared = [...((pathItem.parameters as unknown[]) ?? []), ...((object.parameters as unknown[]) ?? [])].map(
    (p) => inline(document, p),
  );
  const parameters = op.parameters
    .filter((p): p is typeof p & { in: ParameterShape['in'] } => p.in !== 'cookie')
    .map((p) => {
      const source = declared.filter((d) => d.name === p.name && d.in === p.in).pop() ?? {};
      const schema = inline(document, source.schema ?? {});
      const examples = Object.values((source.examples ?? {}) as Record<string, { value?: unknown }>);
      return {
        name: p.name,
        in: p.in,
        required: p.required,
        schema,
        example: source.example ?? examples[0]?.value ?? schema.example ?? schema.default,
      };
    });
  let body: OperationShape['body'];
  if (op.requestBody && object.requestBody !== undefined) {
    const requestBody = inline(document, object.requestBody) as {
      content: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }>; example?: unknown }>;
    };
    const media = requestBody.content['application/json'] ?? {};
    const examples = Object.entries(media.examples ?? {}).map(([name, e]) => ({ name, value: e.value }));
    if (examples.length === 0 && media.example !== undefined) examples.push({ name: 'example', value: media.example });
    body = { schema: inline(document, media.schema ?? {}), required: op.requestBody.required, examples };
  }
  const successStatuses = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .map(Number);
  const shape: OperationShape = { op, parameters, ...(body && { body }), successStatuses };
  byId.set(op.operationId, shape);
  return shape;
}

/** Path parameters the world names: the runner's project and NIC. */
const WORLD_PARAMETERS: Readonly<Record<string, (world: World) => string>> = {
  project_id: (world) => world.projectId,
  nic_id: (world) => world.nicId,
};

/** A parameter value as it is sent: text (an array comma-separated, as OpenAPI's `simple`/`form` styles send it). */
const asText = (value: unknown): string =>
  Array.isArray(value) ? value.map(asText).join(',') : typeof value === 'string' ? value : JSON.stringify(value);

const arbitraries = new WeakMap<Schema, fc.Arbitrary<unknown>>();

/** One valid value of a schema, seeded (the arbitrary built once per schema: patterns are costly to compile). */
export function sampleOf(schema: Schema, seed: number): unknown {
  let made = arbitraries.get(schema);
  if (!made) {
    made = arbitrary(schema);
    arbitraries.set(schema, made);
  }
  return fc.sample(made, { seed, numRuns: 1 })[0];
}

/** The path with its parameters put in, and the query string. */
export function targetOf(op: OperationDefinition, call: OperationCall): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(call.params[name] ?? ''));
  const query = new URLSearchParams(call.query).toString();
  return query ? `${path}?${query}` : path;
}

/** The parameters of a valid request: the world's project and NIC, else each parameter's example or a sample. */
function baseParameters(shape: OperationShape, world: World, seed: number): Omit<OperationCall, 'body'> {
  const call: Omit<OperationCall, 'body'> = { params: {}, query: {}, headers: {} };
  for (const [index, parameter] of shape.parameters.entries()) {
    const fromWorld = parameter.in === 'path' ? WORLD_PARAMETERS[parameter.name]?.(world) : undefined;
    if (fromWorld === undefined && parameter.in !== 'path' && !parameter.required && parameter.example === undefined)
      continue;
    const value = fromWorld ?? parameter.example ?? sampleOf(parameter.schema, seed + index);
    const bucket = parameter.in === 'path' ? call.params : parameter.in === 'query' ? call.query : call.headers;
    bucket[parameter.name] = asText(value);
  }
  return call;
}

/** Fits a body to the target's world (set per operation by the checks: the two operations' own semantics). */
export type BodyFit = (body: unknown, world: World) => unknown;

/**
 * A valid request: parameters from the world, the first documented body example (else one sampled from the
 * schema), fitted to the world.
 */
export function baseCall(
  shape: OperationShape,
  world: World,
  fitBody: BodyFit | undefined,
  seed: number,
): OperationCall {
  const call: OperationCall = baseParameters(shape, world, seed);
  if (shape.body) {
    const example = shape.body.examples[0]?.value ?? sampleOf(shape.body.schema, seed);
    call.body = fitBody ? fitBody(structuredClone(example), world) : structuredClone(example);
  }
  return call;
}

/** A valid request with a body generated from the schema (seeded), fitted to the world. */
export function generatedCall(
  shape: OperationShape,
  world: World,
  fitBody: BodyFit | undefined,
  seed: number,
): OperationCall {
  const call: OperationCall = baseParameters(shape, world, seed);
  if (shape.body) {
    const body = sampleOf(shape.body.schema, seed);
    call.body = fitBody ? fitBody(body, world) : body;
  }
  return call;
}

// ---------------------------------------------------------------------------------------------------------------
// Constraints

/** One constraint of a request schema, and the request that breaks it alone (none when none could be built). */
export interface ConstraintCase {
  location: Location;
  /** Dotted path of the field (`publicip.bandwidth.size`, `lock_infos.0`), or the parameter's name. */
  field: string;
  /** The constraint, e.g. `maximum 2000`. */
  constraint: string;
  call?: OperationCall;
}

const REMOVE = Symbol('remove');
type Segment = string | number;

interface Candidate {
  keyword: string;
  constraint: string;
  /** Values that break it, tried in order; REMOVE takes the field out. */
  values: unknown[];
}

const leafType = (schema: Schema): string | undefined =>
  typeof schema.type === 'string' ? schema.type : Array.isArray(schema.type) ? undefined : undefined;

/** The constraints of a schema node that are not about its children, each with values breaking it. */
function ownCandidates(schema: Schema, valid: unknown): Candidate[] {
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

/** Reads the value at a path. */
function valueAt(value: unknown, path: readonly Segment[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<Segment, unknown> | undefined)?.[key], value);
}

/** A copy of `value` with the value at `path` replaced (REMOVE: taken out), creating missing parents. */
function withValue(value: unknown, path: readonly Segment[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const container =
    value !== null && typeof value === 'object' ? value : typeof head === 'number' ? [] : ({} as object);
  const copy = Array.isArray(container) ? [...container] : { ...(container as Record<string, unknown>) };
  const child = withValue((copy as Record<Segment, unknown>)[head], rest, next);
  if (child === REMOVE) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete (copy as Record<string, unknown>)[head as string];
  } else (copy as Record<Segment, unknown>)[head] = child;
  return copy;
}

/** The instance path ajv reports for a dotted path. */
const instancePath = (path: readonly Segment[]) =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

interface BodyContext {
  validator: ValidatorFn | undefined;
  seed: number;
  out: ConstraintCase[];
  make: (body: unknown) => OperationCall;
}

/** Whether `data` fails `validator` on `keyword` at `path` (a required or unknown field: at its parent). */
function failsOn(validator: ValidatorFn, data: unknown, keyword: string, at: string): boolean {
  if (validator(data)) return false;
  return (validator.errors ?? []).some((e) => e.keyword === keyword && e.instancePath === at);
}

/**
 * Walks a body schema: every constraint of every node, broken one at a time from `base` (valid). A node that the
 * base does not hold is first filled with a valid sample, so that optional and nested fields are reached too.
 */
function walkBody(schema: Schema, base: unknown, path: Segment[], ctx: BodyContext): void {
  const field = path.length ? path.join('.') : '(body)';
  let node = valueAt(base, path);
  let start = base;
  const valid = (data: unknown) => !ctx.validator || ctx.validator(data);
  if (node === undefined) {
    // Reach an absent field: give it a valid value (tried with a few samples) and go on from there.
    for (let attempt = 0; attempt < 8 && node === undefined; attempt++) {
      const value = sampleOf(schema, ctx.seed + attempt);
      const candidate = withValue(base, path, value);
      if (valid(candidate)) {
        start = candidate;
        node = value;
      }
    }
  }
  const oneOf = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(oneOf) && oneOf.every((b) => b.type === 'object')) {
    for (const [index, branch] of oneOf.entries()) {
      const merged = { ...schema, oneOf: undefined, anyOf: undefined, ...branch };
      // A base in this branch: the current value if it takes it (all its required keys), else a sample of it.
      const takes = (value: unknown) =>
        value !== null &&
        typeof value === 'object' &&
        ((branch.required ?? []) as string[]).every((k) => k in (value as object));
      let branchBase: unknown;
      if (node !== undefined && takes(node)) branchBase = start;
      for (let attempt = 0; branchBase === undefined && attempt < 8; attempt++) {
        const candidate = withValue(start, path, sampleOf(merged, ctx.seed + 31 * index + attempt));
        if (valid(candidate)) branchBase = candidate;
      }
      if (branchBase === undefined) {
        ctx.out.push({ location: 'body', field, constraint: `oneOf branch ${index + 1}` });
        continue;
      }
      walkBody(merged, branchBase, path, ctx);
    }
    return;
  }
  const breakWith = (candidate: Candidate, at: Segment[], reported: string, keywordPath: string) => {
    const found = !valid(start)
      ? undefined
      : candidate.values
          .map((v) => withValue(start, at, v))
          .find((data) => !ctx.validator || failsOn(ctx.validator, data, candidate.keyword, keywordPath));
    ctx.out.push({
      location: 'body',
      field: reported,
      constraint: candidate.constraint,
      ...(found !== undefined && { call: ctx.make(found) }),
    });
  };
  for (const candidate of ownCandidates(schema, node)) breakWith(candidate, path, field, instancePath(path));
  if (schema.type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      breakWith(
        { keyword: 'required', constraint: 'required', values: [REMOVE] },
        [...path, name],
        [...path, name].join('.'),
        instancePath(path),
      );
    }
    if (schema.additionalProperties === false) {
      breakWith(
        { keyword: 'additionalProperties', constraint: 'additionalProperties false', values: [1] },
        [...path, 'x_unknown_field'],
        [...path, 'x_unknown_field'].join('.'),
        instancePath(path),
      );
    }
    for (const [name, sub] of Object.entries(properties)) walkBody(sub, start, [...path, name], ctx);
  }
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as Schema;
    const list = (valueAt(start, path) as unknown[] | undefined) ?? [];
    const item = list[0] ?? sampleOf(items, ctx.seed);
    if (typeof schema.minItems === 'number' && schema.minItems > 0)
      breakWith(
        {
          keyword: 'minItems',
          constraint: `minItems ${schema.minItems}`,
          values: [Array(schema.minItems - 1).fill(item)],
        },
        path,
        field,
        instancePath(path),
      );
    if (typeof schema.maxItems === 'number')
      breakWith(
        {
          keyword: 'maxItems',
          constraint: `maxItems ${schema.maxItems}`,
          values: [Array.from({ length: schema.maxItems + 1 }, (_, i) => sampleOf(items, ctx.seed + i))],
        },
        path,
        field,
        instancePath(path),
      );
    if (schema.uniqueItems === true)
      breakWith(
        { keyword: 'uniqueItems', constraint: 'uniqueItems', values: [[item, item]] },
        path,
        field,
        instancePath(path),
      );
    walkBody(items, start, [...path, 0], ctx);
  }
}

/** Every constraint of an operation's request schemas, each with the request that breaks it alone. */
export function constraintCases(
  contract: Contract,
  shape: OperationShape,
  world: World,
  fitBody: BodyFit | undefined,
  seed: number,
): ConstraintCase[] {
  const out: ConstraintCase[] = [];
  const base = baseCall(shape, world, fitBody, seed);
  const { op } = shape;
  const validatorOf = (name: string | undefined) => (name ? contract.validators[name] : undefined);
  for (const parameter of shape.parameters) {
    const validator = validatorOf(op.parameterValidators[parameter.in]);
    const bucket = parameter.in === 'path' ? 'params' : parameter.in === 'query' ? 'query' : 'headers';
    const valuesOf = (call: OperationCall): unknown => {
      if (parameter.in === 'path') return call.params;
      if (parameter.in === 'query') return queryValues(op, new URLSearchParams(call.query));
      return headerValues(op, Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), v])));
    };
    const key = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    const withParameter = (value: string | typeof REMOVE): OperationCall => {
      const copy = structuredClone(base);
      const values = copy[bucket];
      if (value === REMOVE) delete values[parameter.name];
      else values[parameter.name] = value;
      return copy;
    };
    const candidates = ownCandidates(parameter.schema, base[bucket][parameter.name]).filter(
      (c) =>
        // Sent as text: a text parameter's type cannot be broken.
        !(c.keyword === 'type' && (parameter.schema.type === 'string' || parameter.schema.type === undefined)) &&
        // An empty path segment is another path, not this operation: routing keeps a path minLength of 1.
        !(parameter.in === 'path' && c.keyword === 'minLength' && parameter.schema.minLength === 1),
    );
    if (parameter.required && parameter.in !== 'path')
      candidates.unshift({ keyword: 'required', constraint: 'required', values: [REMOVE] });
    for (const candidate of candidates) {
      const keywordPath = candidate.keyword === 'required' ? '' : `/${key}`;
      const call = candidate.values
        .map((v) => withParameter(v === REMOVE ? REMOVE : asText(v)))
        .find((c) => !validator || failsOn(validator, valuesOf(c), candidate.keyword, keywordPath));
      out.push({
        location: parameter.in,
        field: parameter.name,
        constraint: candidate.constraint,
        ...(call && { call }),
      });
    }
  }
  if (shape.body) {
    const validator = validatorOf(op.requestBody?.validator);
    if (validator && !validator(base.body)) {
      // The base itself is invalid (an example that does not keep the schema): nothing can be broken from it.
      out.push({ location: 'body', field: '(body)', constraint: 'a valid base body' });
    } else {
      walkBody(shape.body.schema, base.body, [], {
        validator,
        seed,
        out,
        make: (body) => ({ ...structuredClone({ ...base, body: undefined }), body }),
      });
    }
  }
  // The branches of a oneOf share their parents' constraints: each counts once (the first case that was built).
  const unique = new Map<string, ConstraintCase>();
  for (const item of out) {
    const key = `${item.location}\0${item.field}\0${item.constraint}`;
    const known = unique.get(key);
    if (!known || (!known.call && item.call)) unique.set(key, item);
  }
  return [...unique.values()];
}

/** Every property path of a request body schema (`publicip.bandwidth.size`; array items as `lock_infos.0`). */
export function propertyPaths(schema: Schema, prefix = ''): string[] {
  const out: string[] = [];
  for (const branch of [schema, ...(((schema.oneOf ?? schema.anyOf) as Schema[] | undefined) ?? [])]) {
    for (const [name, sub] of Object.entries((branch.properties ?? {}) as Record<string, Schema>)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (!out.includes(path)) out.push(path);
      for (const nested of propertyPaths(sub, path)) if (!out.includes(nested)) out.push(nested);
    }
    if (branch.type === 'array' && branch.items)
      for (const nested of propertyPaths(branch.items as Schema, prefix ? `${prefix}.0` : '0'))
        if (!out.includes(nested)) out.push(nested);
  }
  return out;
}

/** The property paths a value holds (arrays: of their items, as `.0`). */
export function presentPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item) => presentPaths(item, prefix ? `${prefix}.0` : '0'));
  return Object.entries(value).flatMap(([name, sub]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...presentPaths(sub, path)];
  });
}
