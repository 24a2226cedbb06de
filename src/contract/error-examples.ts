// The error examples an operation's responses declare: status, example name and summary, and the Huawei code and
// message read from the body. One reading for the docs' error tables, the emulator's fault rules (an `error`
// fault may answer only a code its operation documents) and the registry test.
import { parseErrorBody } from './error-body.js';
import { deref } from './json-ref.js';

type Node = Record<string, unknown>;

export interface ErrorExample {
  status: string;
  name: string;
  summary: string;
  code: string;
  message: string;
  /** The example's body as the contract gives it. */
  value: unknown;
}

/** The error examples of one operation object of a document, in the order of its responses. */
export function errorExamples(document: unknown, operation: Node): ErrorExample[] {
  const found: ErrorExample[] = [];
  for (const [status, raw] of Object.entries((operation.responses as Node | undefined) ?? {})) {
    if (/^2/.test(status)) continue;
    const response = deref<Node>(document, raw);
    const media = ((response.content as Node | undefined)?.['application/json'] ?? {}) as Node;
    for (const [name, rawExample] of Object.entries((media.examples as Node | undefined) ?? {})) {
      const example = deref<Node>(document, rawExample);
      const parsed = parseErrorBody(example.value);
      if (!parsed.code) continue;
      found.push({
        status,
        name,
        summary: String(example.summary ?? ''),
        code: parsed.code,
        message: parsed.message ?? '',
        value: example.value,
      });
    }
  }
  return found;
}
