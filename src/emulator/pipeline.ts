// One call of an operation, as plain data in and out — no socket: the adapter (http.ts) routes, collects the
// body and writes the answer; everything between is here, in Huawei's order:
//   route → gateway (size, auth) → content type and JSON → the contract's validators → handler
//   → apply and journal → answer.
// Synchronous up to the journal write, so requests are handled one at a time between reads and writes of the
// state.
import { randomUUID } from 'node:crypto';
import { type OperationDefinition, operations } from '../../generated/operations.js';
import { bundledSpec, type ValidatorFn, validators } from '../contract/bundled.js';
import { apiError, problemsDetail } from '../contract/error-registry.js';
import { type Service, serviceOf } from '../contract/services.js';
import { headerValues, queryValues } from '../contract/parameters.js';
import { successAnswer } from '../contract/success-answer.js';
import {
  capturedNames,
  createRouter,
  decodePathParams,
  type RouteMatch,
  type Router,
  segmentAlwaysSatisfies,
} from '../contract/router.js';
import { describeValidationErrors } from '../contract/validation-errors.js';
import { authenticate } from './auth.js';
import { HANDLERS, type Handler } from './handlers/index.js';
import type { Runtime } from './runtime.js';
import { JournalWriteError } from './store.js';
import { type Answer, emptyAnswer, errorAnswer, isJsonContentType, jsonAnswer, singleHeader } from './wire.js';

/** Request bodies larger than this get 413 APIGW.0201. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** One call of an operation, as the adapter hands it over. */
export interface OperationRequest {
  method: string;
  /** Path and query, as sent (what a signature covers). */
  target: string;
  /** By lower-case name, as node:http gives them (`req.headers`). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  requestId: string;
}

/** Marks an answer made from the contract (an operation with no stateful handler): `example` or `schema`. */
export const EXAMPLE_ANSWER_HEADER = 'X-Emulator-Example';

/** What the pipeline needs of an operation, looked up once. */
interface Binding {
  service: Service;
  handler: Handler;
  /** Set when the handler answers from the contract, for the marker header. */
  fromContract?: 'example' | 'schema';
  pathValidator: ValidatorFn | undefined;
  queryValidator: ValidatorFn | undefined;
  headerValidator: ValidatorFn | undefined;
  bodyValidator: ValidatorFn | undefined;
}

/** The handler of an operation with no stateful one: its documented success answer, the same every time. */
function contractHandler(op: OperationDefinition): { handler: Handler; from: 'example' | 'schema' } {
  const answer = successAnswer(bundledSpec(), op.path, op.method);
  const outcome = { status: answer.status, body: answer.body, events: [] };
  return { handler: () => outcome, from: answer.source === 'schema' ? 'schema' : 'example' };
}

/** Whether a routed request's path parameters can break the operation's path schemas. */
function pathNeedsCheck(op: OperationDefinition): boolean {
  const declared = op.parameters.filter((p) => p.in === 'path');
  const routed = capturedNames(op.pathPattern);
  const sameNames = declared.length === routed.length && declared.every((p) => routed.includes(p.name));
  return !sameNames || declared.some((p) => !segmentAlwaysSatisfies(p.schema));
}

function bind(op: OperationDefinition): Binding {
  const stateful = HANDLERS[op.operationId];
  const fromContract = stateful ? undefined : contractHandler(op);
  const validator = (name: string | undefined) => (name ? validators[name] : undefined);
  return {
    service: serviceOf(op),
    handler: stateful ?? fromContract!.handler,
    ...(fromContract && { fromContract: fromContract.from }),
    // The router gives exactly the path's parameters, each a non-empty segment: a schema that any such value
    // satisfies needs no check here (the client and the judges, which check values they did not route, still do).
    pathValidator: pathNeedsCheck(op) ? validator(op.parameterValidators.path) : undefined,
    queryValidator: validator(op.parameterValidators.query),
    headerValidator: validator(op.parameterValidators.header),
    bodyValidator: op.requestBody ? validators[op.requestBody.validator] : undefined,
  };
}

const OPERATIONS = operations as readonly OperationDefinition[];
const BINDINGS = new Map(OPERATIONS.map((op) => [op, bind(op)]));

/** The operations the emulator answers from the contract's examples: they have no stateful handler. */
export const STATELESS_OPERATIONS: readonly string[] = OPERATIONS.filter((op) => BINDINGS.get(op)!.fromContract).map(
  (op) => op.operationId,
);

/** The first problem a parameter validator found, as a message naming the parameter. */
function parameterProblem(validator: ValidatorFn, location: string): string {
  return describeValidationErrors(validator.errors)[0]?.message ?? `a ${location} parameter is invalid`;
}

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
    const binding = BINDINGS.get(match.operation)!;
    const { service, handler, pathValidator, queryValidator, headerValidator, bodyValidator } = binding;
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
      return errorAnswer(service.invalid(detail), requestId);
    }
    const { params } = decoded;
    if (pathValidator && !pathValidator(params))
      return errorAnswer(service.invalid(parameterProblem(pathValidator, 'path')), requestId);
    if (queryValidator) {
      const query = request.target.indexOf('?');
      const search = new URLSearchParams(query < 0 ? '' : request.target.slice(query + 1));
      if (!queryValidator(queryValues(match.operation, search)))
        return errorAnswer(service.invalid(parameterProblem(queryValidator, 'query')), requestId);
    }
    if (headerValidator && !headerValidator(headerValues(match.operation, request.headers)))
      return errorAnswer(service.invalid(parameterProblem(headerValidator, 'header')), requestId);
    let parsed: unknown;
    const { requestBody } = match.operation;
    if (requestBody && (body.length > 0 || requestBody.required)) {
      if (body.length === 0) return errorAnswer(service.invalid('the request body is required'), requestId);
      const contentType = singleHeader(request.headers['content-type']);
      if (!isJsonContentType(contentType)) {
        const given = contentType ? `"${contentType}"` : 'missing';
        return errorAnswer(service.invalid(`Content-Type must be application/json, not ${given}`), requestId);
      }
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch (error) {
        const detail = `the request body is not valid JSON (${(error as Error).message})`;
        return errorAnswer(service.invalid(detail), requestId);
      }
      if (bodyValidator && !bodyValidator(parsed)) {
        const problems = describeValidationErrors(bodyValidator.errors);
        const detail = problemsDetail(problems.map((p) => p.message)) || 'the request body is invalid';
        return errorAnswer(service.invalid(detail, problems[0]?.field ?? ''), requestId);
      }
    }

    const ctx = { requestId, now: time, newId: randomUUID, principal: who.principal };
    const outcome = handler(runtime.state, params, parsed, ctx);
    if ('error' in outcome) return errorAnswer(outcome.error, requestId);
    const answer =
      outcome.body === undefined
        ? emptyAnswer(outcome.status, requestId)
        : jsonAnswer(outcome.status, outcome.body, requestId);
    if (binding.fromContract) answer.headers = { [EXAMPLE_ANSWER_HEADER]: binding.fromContract };
    const durable = runtime.commit(outcome.events);
    if (!durable) return answer;
    return durable.then(
      () => answer,
      (error: Error) => {
        if (error instanceof JournalWriteError) return errorAnswer(service.internal(error.message), requestId);
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
