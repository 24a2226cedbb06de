// One error type for everything a call can end in: a Huawei error response, a network failure, a timeout, a
// request the contract rejects before it is sent, a response the contract does not allow, or a bad client
// configuration. Programs branch on `kind` and `code`, never on message text.

export type HuaweiCloudErrorKind =
  | 'response'
  | 'network'
  | 'timeout'
  | 'request-invalid'
  | 'response-invalid'
  | 'config';

/** The codes this client gives errors that did not come from Huawei (Huawei's own codes pass through as sent). */
export const CLIENT_ERROR_CODES = {
  'HWC.NETWORK': 'The request could not be sent or no response came back.',
  'HWC.TIMEOUT': 'No complete response came back within the timeout.',
  'HWC.REQUEST_INVALID': 'The request breaks the contract; it was not sent.',
  'HWC.RESPONSE_INVALID': 'The response breaks the contract.',
  'HWC.CONFIG': 'The client is not configured for this call.',
  'HWC.UNRECOGNISED_ERROR': 'The error response has none of the documented Huawei shapes.',
} as const;
export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

export interface HuaweiCloudErrorInit {
  kind: HuaweiCloudErrorKind;
  message: string;
  code?: string | undefined;
  status?: number | undefined;
  requestId?: string | undefined;
  operationId?: string | undefined;
  attempts?: number | undefined;
  /** Field problems, for `request-invalid` and `response-invalid`. */
  problems?: readonly string[] | undefined;
}

export class HuaweiCloudError extends Error {
  override readonly name = 'HuaweiCloudError';
  readonly kind: HuaweiCloudErrorKind;
  /** Huawei's error code (`Ecs.0005`, `VPC.0301`, `APIGW.0301` …) or one of `CLIENT_ERROR_CODES`. */
  readonly code: string | undefined;
  /** The HTTP status, for `response` and `response-invalid` errors. */
  readonly status: number | undefined;
  /** From the `X-Request-Id` header, or else the body's `request_id`. */
  readonly requestId: string | undefined;
  readonly operationId: string | undefined;
  /** How many times the request was sent (0 when it never was). */
  readonly attempts: number;
  readonly problems: readonly string[];

  constructor(init: HuaweiCloudErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.operationId = init.operationId;
    this.attempts = init.attempts ?? 0;
    this.problems = init.problems ?? [];
  }

  toJSON(): Record<string, unknown> {
    const { name, kind, code, status, message, requestId, operationId, attempts, problems } = this;
    return { name, kind, code, status, message, requestId, operationId, attempts, problems };
  }
}
