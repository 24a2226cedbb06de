// Test helpers over the bundled contract (generated/openapi.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { deref } from '../../src/contract/json-ref.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Node = Record<string, unknown>;
export const bundled = JSON.parse(readFileSync(path.join(ROOT, 'generated', 'openapi.json'), 'utf8')) as Node;

export const resolve = (node: unknown): Node => deref<Node>(bundled, node);

export const schemas = (bundled.components as Node).schemas as Record<string, Node>;

/** The property schema `name` of component schema `schema`, references followed. */
export function property(schema: string, name: string): Node {
  const owner = schemas[schema];
  if (!owner) throw new Error(`no component schema ${schema}`);
  const prop = (owner.properties as Node | undefined)?.[name];
  if (!prop) throw new Error(`${schema} has no property ${name}`);
  return resolve(prop);
}

export function operation(pathKey: string, method: string): Node {
  return resolve(((bundled.paths as Node)[pathKey] as Node)[method]);
}

/** Every name an ajv error points at: the instance path's last segment, or a missing/extra property. */
export function namedFields(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).flatMap((error) => {
    const names = [error.instancePath.split('/').pop() ?? ''];
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    if (params.missingProperty) names.push(params.missingProperty);
    if (params.additionalProperty) names.push(params.additionalProperty);
    return names.filter(Boolean);
  });
}

/** A deep copy of `value` with `path` (dot-separated) set to `next`, or removed when `next` is `REMOVE`. */
export const REMOVE = Symbol('remove');
export function withField<T>(value: T, fieldPath: string, next: unknown): T {
  const copy = structuredClone(value) as Node;
  const keys = fieldPath.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Node>((at, key) => at[key] as Node, copy);
  if (next === REMOVE) delete parent[last];
  else parent[last] = next;
  return copy as T;
}
