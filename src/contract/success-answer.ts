// The answer a stateless server gives an operation: its first documented success status with the response's
// documented example, or, when there is none, a body sampled from the response schema
// (@stoplight/json-schema-sampler, the sampler Prism uses). The emulator answers so the operations that have no
// stateful handler; the mock (Prism) does the same from the same contract.
import { sample } from '@stoplight/json-schema-sampler';
import { deref } from './json-ref.js';

type Node = Record<string, unknown>;

export interface SuccessAnswer {
  status: number;
  /** undefined: the response has no body (a 204, or a success documented without content). */
  body: unknown;
  /** Where the body comes from: a documented example (its name), the schema, or nothing. */
  source: { example: string } | 'schema' | 'none';
}

/** The operation object of `method path` in a bundled document. */
export function operationObject(document: unknown, path: string, method: string): Node {
  const paths = (document as { paths?: Node }).paths ?? {};
  const operation = deref<Node | undefined>(document, deref<Node>(document, paths[path])?.[method.toLowerCase()]);
  if (!operation) throw new Error(`the contract has no ${method.toUpperCase()} ${path}`);
  return operation;
}

export function successAnswer(document: unknown, path: string, method: string): SuccessAnswer {
  const operation = operationObject(document, path, method);
  const responses = (operation.responses ?? {}) as Node;
  const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (status === undefined) throw new Error(`${method.toUpperCase()} ${path} documents no success status`);
  const response = deref<Node>(document, responses[status]);
  const media = ((response.content ?? {}) as Node)['application/json'] as Node | undefined;
  if (!media || Number(status) === 204) return { status: Number(status), body: undefined, source: 'none' };
  const examples = Object.entries((media.examples ?? {}) as Node);
  if (examples.length > 0) {
    const [name, example] = examples[0]!;
    return { status: Number(status), body: deref<Node>(document, example).value, source: { example: name } };
  }
  if (media.example !== undefined)
    return { status: Number(status), body: media.example, source: { example: 'example' } };
  const schema = deref<Node>(document, media.schema ?? {});
  return {
    status: Number(status),
    body: sample(schema as never, { skipNonRequired: false, quiet: true }, document as object),
    source: 'schema',
  };
}
