// The one response judge: does a response keep the contract of its operation? The documented status, the
// documented headers (X-Request-Id), the media type, JSON, the schema. It returns diagnostics as data; the
// client (response validation) throws on the first, the conformance runner reports them all.
import type { OperationDefinition } from '../../generated/operations.js';
import type { ValidatorFn } from './bundled.js';
import { validationMessage } from './validation-errors.js';

export type ResponseRule = 'status' | 'header' | 'media-type' | 'json' | 'schema';

export interface ResponseDiagnostic {
  rule: ResponseRule;
  /** One sentence, e.g. `status 418 is not documented for CreatePublicIpV3 (documented: 201, 400, …)`. */
  message: string;
}

export interface JudgedResponse {
  status: number;
  /** A header's value by lower-case name. */
  header(name: string): string | undefined;
  text: string;
  /** The body parsed as JSON; parsed from `text` when not given, `undefined` when it is not JSON. */
  json?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The contract's problems with a response, each one sentence; empty when it conforms. */
export function judgeResponse(
  op: OperationDefinition,
  response: JudgedResponse,
  validators: Readonly<Record<string, ValidatorFn>>,
): ResponseDiagnostic[] {
  const { status } = response;
  const documented = op.responses[String(status)];
  if (!documented) {
    const list = Object.keys(op.responses).join(', ');
    return [
      { rule: 'status', message: `status ${status} is not documented for ${op.operationId} (documented: ${list})` },
    ];
  }
  const problems: ResponseDiagnostic[] = [];
  for (const name of documented.headers) {
    if (name === 'x-request-id' && !response.header(name)) {
      problems.push({ rule: 'header', message: `no X-Request-Id header on the ${status} response` });
    }
  }
  if (documented.mediaType) {
    const given = response.header('content-type');
    const type = (given ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== documented.mediaType) {
      const what = given ? `"${given}"` : 'missing';
      problems.push({ rule: 'media-type', message: `Content-Type is ${what}, not ${documented.mediaType}` });
    }
    const json = 'json' in response && response.json !== undefined ? response.json : parseJson(response.text);
    if (json === undefined) {
      problems.push({
        rule: 'json',
        message: `the ${status} body is not JSON: ${JSON.stringify(response.text.slice(0, 80))}`,
      });
    } else if (documented.validator) {
      const validate = validators[documented.validator]!;
      if (!validate(json)) {
        const schema = documented.schemaName ?? 'its schema';
        problems.push({
          rule: 'schema',
          message: `the ${status} body does not match ${schema}: ${validationMessage(validate.errors)}`,
        });
      }
    }
  }
  return problems;
}
