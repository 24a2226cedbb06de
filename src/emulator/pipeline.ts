// One call of an operation, as plain data in and out — no socket: the adapter (http.ts) routes, collects the
// body and writes the answer; everything between is here, in Huawei's order:
//   route → gateway (size, auth) → content type and JSON → the contract's validators → handler
//   → apply and journal → answer.
// Synchronous up to the journal write, so requests are handled one at a time between reads and writes of the
// state.
import { randomUUID } from 'node:crypto';
import { type OperationDefinition, operations } from '../../generated/operations.js';
import { type ValidatorFn, validators } from '../contract/bundled.js';
import { apiError, type ErrorCode, problemsDetail } from '../contract/error-registry.js';
import { createRouter, decodePathParams, type RouteMatch, type Router } from '../contract/router.js';
import { describeValidationErrors } from '../contract/validation-errors.js';
import { authenticate } from './auth.js';
import { HANDLERS, type Handler } from './handlers/index.js';
import type { Runtime } from './runtime.js';
import { JournalWriteError } from './store.js';
import { type Answer, errorAnswer, isJsonContentType, jsonAnswer, singleHeader } from './wire.js';

/** Request bodies larger than this get 413 APIGW.0201. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One call of an operation, as the adapter hands it over. */
export interface OperationRequest {
  method: string;
  /** Path and query, as sent (what a signature covers). */
  target: string;
  /** Lower-case names. A token call needs only the common ones; a signed call every header it signs. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  requestId: string;
}

/** The error codes of a service: its generic invalid-request and internal codes, and the code for a field. */
interface Service {
  invalid: ErrorCode;
  /** Also a change the `--state` journal could not save: 500 is the only server error the contract documents. */
  internal: ErrorCode;
  codeFor(field: string): ErrorCode;
}

const SERVICES: Readonly<Record<string, Service>> = {
  ECS: { invalid: 'Ecs.0005', internal: 'Ecs.0002', codeFor: () => 'Ecs.0005' },
  // EIP v3: bandwidth fields have a code of their own.
  EIP: {
    invalid: 'VPC.0501',
    internal: 'VPC.0503',
    codeFor: (field) => (field.startsWith('publicip.bandwidth') ? 'VPC.0301' : 'VPC.0501'),
  },
};

/** What the pipeline needs of an operation, looked up once. */
interface Binding {
  service: Service;
  handler: Handler;
  pathValidator: ValidatorFn | undefined;
  bodyValidator: ValidatorFn | undefined;
}

function bind(op: OperationDefinition): Binding {
  const handler = HANDLERS[op.operationId];
  const service = SERVICES[op.tags[0] ?? ''];
  if (!handler || !service) throw new Error(`the emulator has no handler for ${op.operationId}`);
  return {
    service,
    handler,
    pathValidator: op.parameterValidators.path ? validators[op.parameterValidators.path] : undefined,
    bodyValidator: op.requestBody ? validators[op.requestBody.validator] : undefined,
  };
}

const OPERATIONS = operations as readonly OperationDefinition[];
const BINDINGS = new Map(OPERATIONS.map((op) => [op, bind(op)]));

export interface Pipeline {
  route: Router<OperationDefinition>;
  /** The gateway's answer to a body over MAX_BODY_BYTES (declared or streamed). */
  tooLarge(requestId: string): Answer;
  /** The gateway's answer to a path that is no operation of the contract. */
  notFound(method: string, pathname: string, otherMethod: boolean, requestId: string): Answer;
  operate(match: RouteMatch<OperationDefinition>, request: OperationRequest): Answer | Promise<Answer>;
}

export function createPipeline(runtime: Runtime, now: () => Date): Pipeline {
  const route = createRouter(OPERATIONS);

  const tooLarge = (requestId: string) =>
    errorAnswer(apiError('APIGW.0201', `the request body is larger than ${MAX_BODY_BYTES} bytes`), requestId, {
      Connection: 'close',
    });

  function operate(match: RouteMatch<OperationDefinition>, request: OperationRequest): Answer | Promise<Answer> {
    const { requestId, body } = request;
    const { service, handler, pathValidator, bodyValidator } = BINDINGS.get(match.operation)!;
    if (body.length > MAX_BODY_BYTES) return tooLarge(requestId);
    const time = now();
    const who = authenticate(runtime.auth, runtime.authState, {
      method: request.method,
      target: request.target,
      headers: request.headers,
      body,
      now: time,
    });
    if ('error' in who) return errorAnswer(who.error, requestId);

    const decoded = decodePathParams(match.params);
    if ('invalid' in decoded) {
      const detail = `${decoded.invalid} is not a valid percent-encoded path segment`;
      return errorAnswer(apiError(service.invalid, detail), requestId);
    }
    const { params } = decoded;
    if (pathValidator && !pathValidator(params)) {
      const problem = describeValidationErrors(pathValidator.errors)[0];
      return errorAnswer(apiError(service.invalid, problem?.message ?? 'a path parameter is invalid'), requestId);
    }
    let parsed: unknown;
    if (match.operation.requestBody) {
      if (body.length === 0) return errorAnswer(apiError(service.invalid, 'the request body is required'), requestId);
      const contentType = singleHeader(request.headers['content-type']);
      if (!isJsonContentType(contentType)) {
        const given = contentType ? `"${contentType}"` : 'missing';
        return errorAnswer(apiError(service.invalid, `Content-Type must be application/json, not ${given}`), requestId);
      }
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (error) {
        const detail = `the request body is not valid JSON (${(error as Error).message})`;
        return errorAnswer(apiError(service.invalid, detail), requestId);
      }
      if (bodyValidator && !bodyValidator(parsed)) {
        const problems = describeValidationErrors(bodyValidator.errors);
        const code = service.codeFor(problems[0]?.field ?? '');
        const detail = problemsDetail(problems.map((p) => p.message)) || 'the request body is invalid';
        return errorAnswer(apiError(code, detail), requestId);
      }
    }

    const ctx = { requestId, now: time, newId: randomUUID, principal: who.principal };
    const outcome = handler(runtime.state, params, parsed, ctx);
    if ('error' in outcome) return errorAnswer(outcome.error, requestId);
    const answer = jsonAnswer(outcome.status, outcome.body, requestId);
    const durable = runtime.commit(outcome.events);
    if (!durable) return answer;
    return durable.then(
      () => answer,
      (error: Error) => {
        if (error instanceof JournalWriteError)
          return errorAnswer(apiError(service.internal, error.message), requestId);
        throw error;
      },
    );
  }

  return {
    route,
    tooLarge,
    notFound: (method, pathname, otherMethod, requestId) => {
      const detail = otherMethod ? `there is no ${method} ${pathname}` : `no API matches ${method} ${pathname}`;
      return errorAnswer(apiError('APIGW.0101', detail), requestId);
    },
    operate,
  };
}
