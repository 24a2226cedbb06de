// What the proxy finds wrong with one exchange, with the contract's one request and response judges (the client's
// request validation and the conformance runner use the same): the request's violations (or that it is no
// operation of the contract), the response's, and a 2xx to a request the contract forbids. And the
// `X-Contract-Violations` header that carries them (as Prism's `sl-violations`).
import type { OperationDefinition } from '../../generated/operations.js';
import type { ValidatorFn } from '../contract/bundled.js';
import { type JudgedRequest, judgeRequest } from '../contract/request-judge.js';
import { type JudgedResponse, judgeResponse } from '../contract/response-judge.js';

export const VIOLATIONS_HEADER = 'X-Contract-Violations';
/** The header's value is cut to this many characters (a JSON array, still valid). */
const MAX_HEADER_CHARS = 4096;

export type ViolationSide = 'request' | 'response';

export interface Violation {
  side: ViolationSide;
  /** `status`, `header`, `media-type`, `json`, `schema` (response); `path`, `query`, `header`, `body`, … (request);
   * `operation` (no operation of the contract), `accepted-invalid` (a 2xx to a request the contract forbids). */
  rule: string;
  message: string;
}

/** The request's violations: those of its operation's contract, or that it is no operation of it. */
export function requestViolations(
  op: OperationDefinition | undefined,
  request: JudgedRequest & { method: string; path: string },
  validators: Readonly<Record<string, ValidatorFn>>,
): Violation[] {
  if (!op)
    return [
      {
        side: 'request',
        rule: 'operation',
        message: `no operation of the contract is ${request.method} ${request.path}`,
      },
    ];
  return judgeRequest(op, request, validators).map((d) => ({ side: 'request', rule: d.rule, message: d.message }));
}

/** The response's violations, and a 2xx to a request that had some (`accepted-invalid`). */
export function responseViolations(
  op: OperationDefinition | undefined,
  response: JudgedResponse,
  ofRequest: readonly Violation[],
  validators: Readonly<Record<string, ValidatorFn>>,
): Violation[] {
  if (!op) return [];
  const found: Violation[] = judgeResponse(op, response, validators).map((d) => ({
    side: 'response',
    rule: d.rule,
    message: d.message,
  }));
  if (ofRequest.length > 0 && response.status >= 200 && response.status < 300)
    found.push({
      side: 'response',
      rule: 'accepted-invalid',
      message: `${op.operationId} answered ${response.status} to a request the contract forbids (${ofRequest[0]!.message})`,
    });
  return found;
}

/** A header value made safe for a header: JSON with every non-ASCII character escaped, cut to a bound. */
export function violationsHeader(violations: readonly Violation[]): string {
  const kept: Violation[] = [];
  for (const violation of violations) {
    const next = [...kept, { ...violation, message: violation.message.slice(0, 300) }];
    if (JSON.stringify(next).length > MAX_HEADER_CHARS) break;
    kept.push(next.at(-1)!);
  }
  return JSON.stringify(kept).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
