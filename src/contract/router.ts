// The one operation router: method + path → the contract's operation and its path parameters. The emulator
// routes every request with it, the client pipeline finds the operation of every call, and the conformance
// judge finds the operation of every exchange. Patterns come from the generated operation table.
import type { OperationDefinition } from '../../generated/operations.js';

/** What a router needs of an operation: its method and its generated path pattern. */
export type Routable = Pick<OperationDefinition, 'method' | 'pathPattern'>;

export interface RouteMatch<Op extends Routable> {
  operation: Op;
  /** Path parameters as they stand in the path (still percent-encoded). */
  params: Record<string, string>;
}

export interface RouteMiss {
  operation: undefined;
  /** The path is an operation's, but with another method (Huawei's gateway answers both 404 APIGW.0101). */
  otherMethod: boolean;
}

export type Router<Op extends Routable> = (method: string, pathname: string) => RouteMatch<Op> | RouteMiss;

const GROUP = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;

/** The names of the path parameters a generated path pattern captures, in order. */
export const capturedNames = (pathPattern: string): string[] => [...pathPattern.matchAll(GROUP)].map((m) => m[1]!);

export function createRouter<Op extends Routable>(operations: readonly Op[]): Router<Op> {
  const routes = operations.map((operation) => ({
    operation,
    // Plain groups, read by index: V8 builds no `groups` object per match, and the params object, built the same
    // way each time, stays on its fast path.
    pattern: new RegExp(operation.pathPattern.replace(GROUP, '(')),
    names: capturedNames(operation.pathPattern),
  }));
  return (method, pathname) => {
    let otherMethod = false;
    for (const { operation, pattern, names } of routes) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      if (operation.method !== method) {
        otherMethod = true;
        continue;
      }
      const params: Record<string, string> = {};
      for (let i = 0; i < names.length; i += 1) params[names[i]!] = match[i + 1]!;
      return { operation, params };
    }
    return { operation: undefined, otherMethod };
  };
}

/** Keywords that assert nothing about a value (annotations), whatever they say. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'deprecated', '$comment']);

/**
 * Whether every value the router gives a path parameter satisfies `schema`. A value is a non-empty segment (one
 * character at least, percent-decoded or not), so `type: string` and `minLength` 0 or 1 always hold; anything
 * else (a length limit, a pattern, a format, an enum) must still be checked.
 */
export function segmentAlwaysSatisfies(schema: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(schema).every(
    ([keyword, value]) =>
      ANNOTATIONS.has(keyword) ||
      keyword.startsWith('x-') ||
      (keyword === 'type' && value === 'string') ||
      (keyword === 'minLength' && typeof value === 'number' && value <= 1),
  );
}

/** The path of a request target (`/v1/p/x?y=1` → `/v1/p/x`). */
export function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

/** Path parameters percent-decoded, or the name of the first one that is not valid percent-encoding. */
export function decodePathParams(
  params: Readonly<Record<string, string>>,
): { params: Record<string, string> } | { invalid: string } {
  const decoded: Record<string, string> = {};
  for (const name in params) {
    const value = params[name]!;
    if (!value.includes('%')) {
      decoded[name] = value;
      continue;
    }
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      return { invalid: name };
    }
  }
  return { params: decoded };
}
