// Small helpers over the bundled document: local $ref resolution and the operation list.
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

/** Follows local `#/...` references until a non-reference object is reached. */
export function deref(document: OpenApiDocument, node: unknown): JsonObject {
  let current = node as JsonObject;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported here, got ${ref}`);
    if (seen.has(ref)) throw new Error(`circular reference ${ref}`);
    seen.add(ref);
    current = pointer(document, ref.slice(1)) as JsonObject;
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return current;
}

/** Reads a JSON pointer (RFC 6901) from the document. */
export function pointer(document: unknown, jsonPointer: string): unknown {
  return jsonPointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}

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
