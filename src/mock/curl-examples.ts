// Ready-to-paste curl commands, one per documented request example, built from a bundled contract.
import type { Contract } from '../contract/bundled.js';
import { curlCommand } from '../contract/curl.js';
import { parameterExample, parameterText } from '../contract/parameters.js';
import { deref as derefRef } from '../contract/json-ref.js';

type Node = Record<string, unknown>;

const deref = (document: Node, node: unknown): Node => derefRef<Node>(document, node);

export interface CurlExample {
  operationId: string;
  example: string;
  command: string;
}

/**
 * One curl per request example of each operation (one for an operation without a body); `headers` are added to
 * every command. Path parameters take their examples; query and header parameters are sent when required or
 * when they have an example.
 */
export function curlExamples(
  contract: Pick<Contract, 'document' | 'operations'>,
  baseUrl: string,
  headers: Record<string, string>,
): CurlExample[] {
  const document = contract.document as Node;
  const paths = document.paths as Node;
  const result: CurlExample[] = [];
  for (const operation of contract.operations) {
    const pathItem = deref(document, paths[operation.path]);
    const spec = deref(document, pathItem[operation.method.toLowerCase()]);
    const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((spec.parameters as unknown[]) ?? [])].map(
      (p) => deref(document, p),
    );
    const example = (name: string, location: string) => {
      const parameter = parameters.find((p) => p.name === name && p.in === location);
      return parameter ? parameterExample(document, parameter) : undefined;
    };
    const query = new URLSearchParams();
    const extraHeaders: Record<string, string> = {};
    for (const parameter of operation.parameters) {
      const value = example(parameter.name, parameter.in);
      if (value === undefined) continue;
      if (parameter.in === 'query') query.append(parameter.name, parameterText(value));
      if (parameter.in === 'header') extraHeaders[parameter.name] = parameterText(value);
    }
    const search = query.size > 0 ? `?${query}` : '';
    const url = `${baseUrl.replace(/\/$/, '')}${operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(example(name, 'path') ?? name)),
    )}${search}`;
    const requestBody = spec.requestBody === undefined ? undefined : deref(document, spec.requestBody);
    const media = ((requestBody?.content ?? {}) as Node)['application/json'] as Node | undefined;
    const examples = Object.entries((media?.examples ?? {}) as Node);
    for (const [name, example] of examples.length > 0 ? examples : [['request', { value: undefined }] as const]) {
      const value = deref(document, example).value;
      const body = value === undefined ? undefined : JSON.stringify(value);
      const all = { ...extraHeaders, ...headers };
      const command = curlCommand({
        method: operation.method,
        url,
        headers: body === undefined ? all : { 'Content-Type': 'application/json', ...all },
        body,
      });
      result.push({ operationId: operation.operationId, example: name, command });
    }
  }
  return result;
}
