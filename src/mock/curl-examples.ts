// Ready-to-paste curl commands, one per documented request example, built from the bundled contract.
import { operations } from '../../generated/operations.js';
import { bundledSpec } from '../contract/bundled.js';
import { curlCommand } from '../contract/curl.js';
import { deref as derefRef } from '../contract/json-ref.js';

type Node = Record<string, unknown>;

const deref = (document: Node, node: unknown): Node => derefRef<Node>(document, node);

export interface CurlExample {
  operationId: string;
  example: string;
  command: string;
}

/** One curl per request example of each operation; `headers` are added to every command. */
export function curlExamples(root: string, baseUrl: string, headers: Record<string, string>): CurlExample[] {
  const document = bundledSpec(root) as Node;
  const paths = document.paths as Node;
  const result: CurlExample[] = [];
  for (const operation of operations) {
    const pathItem = deref(document, paths[operation.path]);
    const spec = deref(document, pathItem[operation.method.toLowerCase()]);
    const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((spec.parameters as unknown[]) ?? [])].map(
      (p) => deref(document, p),
    );
    const url =
      baseUrl.replace(/\/$/, '') +
      operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const parameter = parameters.find((p) => p.name === name && p.in === 'path');
        return encodeURIComponent(String(parameter?.example ?? name));
      });
    const media = ((deref(document, spec.requestBody).content ?? {}) as Node)['application/json'] as Node | undefined;
    const examples = Object.entries((media?.examples ?? {}) as Node);
    for (const [name, example] of examples.length > 0 ? examples : [['request', { value: undefined }] as const]) {
      const value = deref(document, example).value;
      const body = value === undefined ? undefined : JSON.stringify(value);
      const command = curlCommand({
        method: operation.method,
        url,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body,
      });
      result.push({ operationId: operation.operationId, example: name, command });
    }
  }
  return result;
}
