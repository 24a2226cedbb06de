// The emulator's wire format: what every answer looks like (JSON, Content-Length, X-Request-Id), Huawei's error
// bodies, request IDs, and how a Content-Type and a repeated header are read. The pipeline builds answers with
// these; the node:http adapter only writes them.
import { randomUUID } from 'node:crypto';
import { errorBody } from '../contract/error-body.js';
import { type ApiError, apiError, errorStatus } from '../contract/error-registry.js';

/** A response, before it is written: what the pipeline returns and the adapter sends. */
export interface Answer {
  status: number;
  /** Empty for an answer with no body. */
  contentType: string;
  payload: string;
  requestId: string;
  /** The Huawei error code, when it is an error (for the request log). */
  code?: string;
  /** Headers besides Content-Type, Content-Length and X-Request-Id. */
  headers?: Readonly<Record<string, string>>;
}

const JSON_TYPE = 'application/json';

/** A JSON answer. */
export function jsonAnswer(status: number, body: unknown, requestId: string): Answer {
  return { status, contentType: JSON_TYPE, payload: JSON.stringify(body), requestId };
}

/** An answer with no body (a 204): no Content-Type. */
export function emptyAnswer(status: number, requestId: string): Answer {
  return { status, contentType: '', payload: '', requestId };
}

/** An error in its service's shape, with the registry's status. */
export function errorAnswer(error: ApiError, requestId: string, headers?: Record<string, string>): Answer {
  const answer: Answer = {
    status: errorStatus(error),
    contentType: JSON_TYPE,
    payload: JSON.stringify(errorBody(error, requestId)),
    requestId,
    code: error.code,
  };
  if (headers) answer.headers = headers;
  return answer;
}

/** A reset the state file could not take: 503, to be tried again (the journal says on stderr when it can). */
export const notSaved = (error: Error, requestId: string): Answer =>
  errorAnswer(apiError('Emulator.0503', error.message), requestId, { 'Retry-After': '1' });

// Request IDs look like Huawei's (32 hex digits): a random prefix per process and a counter, unique and cheap.
const REQUEST_ID_PREFIX = randomUUID().replace(/-/g, '').slice(0, 20);
let requestCounter = 0;
export const newRequestId = (): string => REQUEST_ID_PREFIX + (requestCounter++).toString(16).padStart(12, '0');

/** Whether a Content-Type is JSON (`application/json`, with any parameters). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  if (value === JSON_TYPE) return true;
  return value.split(';')[0]!.trim().toLowerCase() === JSON_TYPE;
}

/** The first value of a header that node:http may give as a list. */
export const singleHeader = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
