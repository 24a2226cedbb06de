// The one request judge: does a request keep the contract of its operation? Its path, query and header
// parameters (read as their schemas' types), its Content-Type, JSON and body schema. It returns diagnostics as
// data: the client (request validation) throws on them, the proxy reports them. (The emulator answers the first
// problem it meets, in Huawei's order and codes: its pipeline.)
import type { OperationDefinition } from '../../generated/operations.js';
import type { ValidatorFn } from './bundled.js';
import { headerValues, queryValues } from './parameters.js';
import { decodePathParams } from './router.js';
import { validationMessage } from './validation-errors.js';

export type RequestRule = 'path' | 'query' | 'header' | 'media-type' | 'json' | 'body';

export interface RequestDiagnostic {
  rule: RequestRule;
  message: string;
}

export interface JudgedRequest {
  /** Path parameters as they appear in the path (percent-encoded). */
  params: Readonly<Record<string, string>>;
  /** The query string, without `?`. */
  query: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text; `undefined` or empty when none was sent. */
  body: string | undefined;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The contract's problems with a request, each one sentence; empty when it conforms. */
export function judgeRequest(
  op: OperationDefinition,
  request: JudgedRequest,
  validators: Readonly<Record<string, ValidatorFn>>,
): RequestDiagnostic[] {
  const problems: RequestDiagnostic[] = [];
  const { path, query, header } = op.parameterValidators;
  const decoded = decodePathParams(request.params);
  if ('invalid' in decoded)
    problems.push({ rule: 'path', message: `${decoded.invalid} is not a valid percent-encoded path segment` });
  else if (path && !validators[path]!(decoded.params))
    problems.push({ rule: 'path', message: validationMessage(validators[path]!.errors) });
  if (query && !validators[query]!(queryValues(op, new URLSearchParams(request.query))))
    problems.push({ rule: 'query', message: validationMessage(validators[query]!.errors) });
  if (header && !validators[header]!(headerValues(op, request.headers)))
    problems.push({ rule: 'header', message: validationMessage(validators[header]!.errors) });
  if (op.requestBody) {
    const body = request.body ?? '';
    if (body === '') {
      if (op.requestBody.required) problems.push({ rule: 'body', message: 'the request body is required' });
      return problems;
    }
    const type = request.headers['content-type'];
    const contentType = Array.isArray(type) ? type[0] : type;
    if (!contentType || !JSON_TYPE.test(contentType))
      problems.push({
        rule: 'media-type',
        message: `Content-Type is ${contentType ? `"${contentType}"` : 'missing'}, not application/json`,
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      problems.push({ rule: 'json', message: `the request body is not JSON: ${JSON.stringify(body.slice(0, 80))}` });
      return problems;
    }
    const validate = validators[op.requestBody.validator];
    if (validate && !validate(parsed)) problems.push({ rule: 'body', message: validationMessage(validate.errors) });
  }
  return problems;
}
