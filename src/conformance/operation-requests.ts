// Requests of any operation of a contract, built from its schemas and examples: its parameters and body read
// with their schemas inlined (shapeOf), a valid request fitted to the target's world (baseCall: the documented
// example; generatedCall: a body generated from the schema), and the request target they make.
import fc from 'fast-check';
import type { OperationDefinition } from '../../generated/operations.js';
import type { Contract } from '../contract/bundled.js';
import { parameterExample, parameterText } from '../contract/parameters.js';
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
      return { name: p.name, in: p.in, required: p.required, schema, example: parameterExample(document, source) };
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
    bucket[parameter.name] = parameterText(value);
  }
  return call;
}

/** Fits a body to the target's world (set per operation by the checks: the two operations' own semantics). */
export type BodyFit = (body: unknown, world: World) => unknown;

/** A request with the world's parameters and `body` (when the operation takes one), fitted to the world. */
function callWith(
  shape: OperationShape,
  world: World,
  fitBody: BodyFit | undefined,
  seed: number,
  body: () => unknown,
): OperationCall {
  const call: OperationCall = baseParameters(shape, world, seed);
  if (shape.body) call.body = fitBody ? fitBody(body(), world) : body();
  return call;
}

/**
 * A valid request: parameters from the world, the first documented body example (else one sampled from the
 * schema), fitted to the world.
 */
export const baseCall = (shape: OperationShape, world: World, fitBody: BodyFit | undefined, seed: number) =>
  callWith(shape, world, fitBody, seed, () =>
    structuredClone(shape.body!.examples[0]?.value ?? sampleOf(shape.body!.schema, seed)),
  );

/** A valid request with a body generated from the schema (seeded), fitted to the world. */
export const generatedCall = (shape: OperationShape, world: World, fitBody: BodyFit | undefined, seed: number) =>
  callWith(shape, world, fitBody, seed, () => sampleOf(shape.body!.schema, seed));
