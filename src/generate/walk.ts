// Small helpers over the bundled document: local $ref resolution and the operation list.
import { deref as derefRef } from '../contract/json-ref.js';
import type { OpenApiDocument } from './bundle.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OperationRef {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  pathItem: JsonObject;
}

/** Follows local references until a non-reference object is reached. */
export const deref = (document: OpenApiDocument, node: unknown): JsonObject => derefRef<JsonObject>(document, node);

/** The component name of a `#/components/<kind>/<Name>` reference, if the node is one. */
export function refName(node: unknown): string | undefined {
  const ref = (node as JsonObject | undefined)?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
}

export function operationsOf(document: OpenApiDocument): OperationRef[] {
  const found: OperationRef[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const pathItem = deref(document, item);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && typeof operation === 'object' && !Array.isArray(operation)) {
        found.push({ path, method, operation, pathItem });
      }
    }
  }
  return found;
}
