// JSON pointers (RFC 6901) and local `$ref` resolution over an OpenAPI document. Used by the generator on
// the freshly bundled spec and at run time on generated/openapi.json.

/** Reads a JSON pointer such as `/components/schemas/EIPAddDict` from a document. */
export function pointer(document: unknown, jsonPointer: string): unknown {
  return jsonPointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}

/** Follows local `#/...` references from `node` until it reaches an object that is not a reference. */
export function deref<T = Record<string, unknown>>(document: unknown, node: unknown): T {
  let current = node as Record<string, unknown>;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`circular reference ${ref}`);
    seen.add(ref);
    current = pointer(document, ref.slice(1)) as Record<string, unknown>;
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return current as T;
}
