// Optional checks against the contract: the request before it is sent, the response after it arrives. The
// generated validators are loaded on first use, so a client that does not validate never loads them.
import type { OperationDefinition } from '../../generated/operations.js';
import type { ValidatorFn } from '../contract/bundled.js';
import { judgeRequest } from '../contract/request-judge.js';
import { judgeResponse } from '../contract/response-judge.js';
import { HuaweiCloudError } from './errors.js';
import type { Redactor } from './redact.js';

type ValidatorModule = Record<string, ValidatorFn>;
let loaded: Promise<ValidatorModule> | undefined;
const validators = () => (loaded ??= import('../../generated/validators.js') as unknown as Promise<ValidatorModule>);

export async function checkRequest(
  op: OperationDefinition,
  pathParams: Record<string, string>,
  call: { target: string; headers: Record<string, string>; body: string | undefined },
  operationId: string | undefined,
): Promise<void> {
  const at = call.target.indexOf('?');
  const query = at < 0 ? '' : call.target.slice(at + 1);
  // The client sends JSON (openapi-fetch sets the type); what is judged is the request as the contract sees it.
  const headers = { 'content-type': 'application/json', ...call.headers };
  const problems = judgeRequest(op, { params: pathParams, query, headers, body: call.body }, await validators()).map(
    (d) => d.message,
  );
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
