// Optional checks against the contract: the request before it is sent, the response after it arrives. The
// generated validators are loaded on first use, so a client that does not validate never loads them.
import type { OperationDefinition } from '../../generated/operations.js';
import type { ValidatorFn } from '../contract/bundled.js';
import { judgeResponse } from '../contract/response-judge.js';
import { validationMessage } from '../contract/validation-errors.js';
import { HuaweiCloudError } from './errors.js';
import type { Redactor } from './redact.js';

type ValidatorModule = Record<string, ValidatorFn>;
let loaded: Promise<ValidatorModule> | undefined;
const validators = () => (loaded ??= import('../../generated/validators.js') as unknown as Promise<ValidatorModule>);

export async function checkRequest(
  op: OperationDefinition,
  pathParams: Record<string, string>,
  body: string | undefined,
  operationId: string | undefined,
): Promise<void> {
  const all = await validators();
  const problems: string[] = [];
  const pathValidator = op.parameterValidators.path ? all[op.parameterValidators.path] : undefined;
  const decoded = Object.fromEntries(Object.entries(pathParams).map(([k, v]) => [k, decodeURIComponent(v)]));
  if (pathValidator && !pathValidator(decoded)) problems.push(validationMessage(pathValidator.errors));
  if (op.requestBody) {
    const bodyValidator = all[op.requestBody.validator];
    if (body === undefined) {
      if (op.requestBody.required) problems.push('the request body is required');
    } else if (bodyValidator && !bodyValidator(JSON.parse(body))) {
      problems.push(validationMessage(bodyValidator.errors));
    }
  }
  if (problems.length) {
    throw new HuaweiCloudError({
      kind: 'request-invalid',
      code: 'HWC.REQUEST_INVALID',
      operationId,
      message: `${operationId}: ${problems.join('; ')}`,
      problems,
      attempts: 0,
    });
  }
}

export async function checkResponse(
  op: OperationDefinition,
  status: number,
  headers: { get(name: string): string | null },
  text: string,
  operationId: string | undefined,
  attempts: number,
  redact: Redactor,
): Promise<void> {
  const response = { status, header: (name: string) => headers.get(name) ?? undefined, text };
  const problems = judgeResponse(op, response, await validators()).map((d) => redact(d.message));
  if (problems.length === 0) return;
  throw new HuaweiCloudError({
    kind: 'response-invalid',
    code: 'HWC.RESPONSE_INVALID',
    status,
    operationId,
    attempts,
    requestId: redact(headers.get('x-request-id') ?? '') || undefined,
    message: `${operationId}: ${problems.join('; ')}`,
    problems,
  });
}
