// Judges one exchange against the contract: is the status documented for the operation, is the body JSON of the
// documented media type and schema, is there an X-Request-Id. Used on every exchange the runner makes.
import { operations, type OperationDefinition } from '../../generated/operations.js';
import { parseErrorBody } from '../client/errors.js';
import { validators } from '../contract/bundled.js';
import { validationMessage } from '../contract/validation-errors.js';
import type { Exchange } from './types.js';

export function operation(operationId: string): OperationDefinition {
  const found = (operations as readonly OperationDefinition[]).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the contract`);
  return found;
}

/** The contract's problems with a response, each one sentence; empty when it conforms. */
export function judge(exchange: Exchange): string[] {
  if (!exchange.operationId) return [];
  const op = operation(exchange.operationId);
  const { status, headers, json, text } = exchange.response;
  const problems: string[] = [];
  const documented = op.responses[String(status)];
  if (!documented) {
    problems.push(
      `status ${status} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})`,
    );
    return problems;
  }
  if (documented.headers.includes('x-request-id') && !headers['x-request-id'])
    problems.push(`no X-Request-Id header on the ${status} response`);
  if (documented.mediaType) {
    const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== documented.mediaType)
      problems.push(
        `Content-Type is ${headers['content-type'] ? `"${headers['content-type']}"` : 'missing'}, not ${documented.mediaType}`,
      );
    if (json === undefined) {
      problems.push(`the ${status} body is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
    } else if (documented.validator) {
      const validate = validators[documented.validator]!;
      if (!validate(json))
        problems.push(
          `the ${status} body does not match ${documented.schemaName ?? 'its schema'}: ${validationMessage(validate.errors)}`,
        );
    }
  }
  return problems;
}

/** The Huawei error code in a body of any documented shape. */
export function errorCode(json: unknown): string | undefined {
  return parseErrorBody(json).code;
}
