// One request per constraint of every request schema of an operation (path, query, header and body, every
// nested property), breaking that constraint alone from a valid base request. Each broken request is checked
// against the contract's own validators — its base passes, it fails on the keyword it means to break — so
// "N of M constraints exercised" counts only requests that really break what they say.
import type { Contract, ValidatorFn } from '../contract/bundled.js';
import { headerValues, parameterText, queryValues } from '../contract/parameters.js';
import { type Candidate, ownCandidates, REMOVE } from './breaking-values.js';
import {
  type BodyFit,
  baseCall,
  type Location,
  type OperationCall,
  type OperationShape,
  sampleOf,
} from './operation-requests.js';
import type { Schema } from './schema.js';
import type { World } from './types.js';

/** One constraint of a request schema, and the request that breaks it alone (none when none could be built). */
export interface ConstraintCase {
  location: Location;
  /** Dotted path of the field (`publicip.bandwidth.size`, `lock_infos.0`), or the parameter's name. */
  field: string;
  /** The constraint, e.g. `maximum 2000`. */
  constraint: string;
  call?: OperationCall;
}

type Segment = string | number;

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
        .map((v) => withParameter(v === REMOVE ? REMOVE : parameterText(v)))
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
