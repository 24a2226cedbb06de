// Optional checks against the contract: the request before it is sent, the response after it arrives. The
// generated validators are loaded on first use, so a client that does not validate never loads them.
import type { OperationDefinition } from '../../generated/operations.js';
import { validationMessage } from '../contract/validation-errors.js';
import { HuaweiCloudError } from './errors.js';
import type { Redactor } from './redact.js';

type ValidatorModule = Record<string, ((data: unknown) => boolean) & { errors?: import('ajv').ErrorObject[] | null }>;
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
  const all = await validators();
  const documented = op.responses[String(status)];
  const fail = (problem: string) =>
    new HuaweiCloudError({
      kind: 'response-invalid',
      code: 'HWC.RESPONSE_INVALID',
      status,
      operationId,
      attempts,
      requestId: redact(headers.get('x-request-id') ?? '') || undefined,
      message: redact(`${operationId}: ${problem}`),
      problems: [redact(problem)],
    });
  if (!documented) throw fail(`status ${status} is not documented`);
  if (documented.mediaType) {
    const type = headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith(documented.mediaType))
      throw fail(`content type "${type}" is not ${documented.mediaType}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail('the body is not JSON');
    }
    const validator = documented.validator ? all[documented.validator] : undefined;
    if (validator && !validator(body))
      throw fail(
        `response ${status}: ${validationMessage(validator.errors).replace(/the body/g, 'the response body')}`,
      );
  }
}
