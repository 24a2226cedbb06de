// Every error the emulator answers with, in one registry: Huawei's code, the HTTP status, the service whose
// body shape it uses, and the general message Huawei documents (the emulator appends what exactly is wrong,
// naming the field). Sources: ECS error codes (https://support.huaweicloud.com/intl/en-us/api-ecs/ecs_07_0002.html),
// EIP error codes (https://support.huaweicloud.com/intl/en-us/api-eip/ErrorCode.html), API gateway codes
// (https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html).

/** `ecs`: `{"error":{"code","message"}}`; `vpc` and `gateway`: `{"error_code","error_msg","request_id"}`. */
export type ErrorShape = 'ecs' | 'vpc' | 'gateway';

export const ERRORS = {
  'Ecs.0002': { status: 500, shape: 'ecs', message: 'A system exception occurred' },
  'Ecs.0005': { status: 400, shape: 'ecs', message: 'Invalid parameter values' },
  'Ecs.0010': { status: 409, shape: 'ecs', message: 'The private IP address is already being used' },
  'Ecs.0014': { status: 400, shape: 'ecs', message: 'Incorrect VPC, subnet, or security group parameter values' },
  'Ecs.0023': { status: 400, shape: 'ecs', message: 'project_id in token mismatches with project_id in url' },
  'Ecs.0038': { status: 400, shape: 'ecs', message: 'The subnet does not exist' },
  'Ecs.0039': { status: 400, shape: 'ecs', message: 'The specified IP address does not belong to the subnet' },
  'Ecs.0307': { status: 404, shape: 'ecs', message: 'Failed to query the port' },
  'VPC.0007': { status: 400, shape: 'vpc', message: 'Inconsistent tenant IDs' },
  'VPC.0301': { status: 400, shape: 'vpc', message: 'Bandwidth name or share_type is invalid' },
  'VPC.0501': { status: 400, shape: 'vpc', message: 'Invalid EIP parameter' },
  'VPC.0503': { status: 500, shape: 'vpc', message: 'Creating publicIp failed' },
  'VPC.0504': { status: 404, shape: 'vpc', message: 'Could not be found' },
  'VPC.0511': { status: 409, shape: 'vpc', message: 'Port has already associated with floatingip' },
  'VPC.0521': { status: 409, shape: 'vpc', message: "Quota exceeded for resources: ['floatingip']" },
  'VPC.0522': { status: 409, shape: 'vpc', message: 'The IP address is in use' },
  'VPC.0532': { status: 409, shape: 'vpc', message: 'No more IP addresses available on network' },
  'VPC.2701': { status: 403, shape: 'vpc', message: 'Token is not allowed to do this action' },
  'APIGW.0101': {
    status: 404,
    shape: 'gateway',
    message: 'The API does not exist or has not been published in the environment',
  },
  'APIGW.0201': {
    status: 413,
    shape: 'gateway',
    message: 'Request entity too large',
    // Huawei documents the code with 400 as well ("API request error"); the emulator answers it so to a request
    // it cannot read, and with 408 and 431 to one that does not arrive in time or whose headers are too large.
    otherStatuses: { 400: 'API request error', 408: 'API request error', 431: 'API request error' },
  },
  'APIGW.0301': { status: 401, shape: 'gateway', message: 'Incorrect IAM authentication information' },
  // Answered only as an injected fault (`throttle`): the emulator has no flow control of its own.
  'APIGW.0308': { status: 429, shape: 'gateway', message: 'The request is throttled' },
  // The emulator's own endpoints (/__emulator/*, /docs) and its own failures: not Huawei's codes, Huawei's shape.
  'Emulator.0001': { status: 400, shape: 'gateway', message: 'The emulator request is invalid' },
  'Emulator.0002': { status: 503, shape: 'gateway', message: 'The docs could not be rendered' },
  'Emulator.0403': { status: 403, shape: 'gateway', message: 'The admin endpoints refuse this request' },
  'Emulator.0404': { status: 404, shape: 'gateway', message: 'No such emulator endpoint' },
  'Emulator.0413': { status: 413, shape: 'gateway', message: 'The emulator request is too large' },
  'Emulator.0500': { status: 500, shape: 'gateway', message: 'Internal emulator error' },
  'Emulator.0503': { status: 503, shape: 'gateway', message: 'The emulator cannot save changes now' },
  // The validating proxy's own (`hwc-contract proxy`): not Huawei's codes, Huawei's shape.
  'Proxy.0413': { status: 413, shape: 'gateway', message: 'The request is too large for the proxy to check' },
  'Proxy.0502': { status: 502, shape: 'gateway', message: 'The upstream answer breaks the contract' },
  'Proxy.0503': { status: 502, shape: 'gateway', message: 'The upstream cannot be reached' },
} as const satisfies Record<
  string,
  { status: number; shape: ErrorShape; message: string; otherStatuses?: Readonly<Record<number, string>> }
>;

export type ErrorCode = keyof typeof ERRORS;

/** An error as a value: handlers and the adapter return these; the adapter turns them into Huawei's bodies. */
export interface ApiError {
  code: ErrorCode;
  /** What exactly is wrong, naming the field: appended to the registry's message after a colon. */
  detail?: string;
  /** One of the entry's `otherStatuses` (with its message), instead of its main status. */
  status?: number;
}

export const apiError = (code: ErrorCode, detail?: string): ApiError =>
  detail === undefined ? { code } : { code, detail };

export function errorStatus(error: ApiError): number {
  return error.status ?? ERRORS[error.code].status;
}

/** The contract's limit on an error message (`error_msg`, and ECS's `message`). */
export const MAX_MESSAGE_LENGTH = 1024;

/** The registry's message for the error's code, at the status it is answered with. */
function generalMessage(error: ApiError): string {
  const entry: { message: string; otherStatuses?: Readonly<Record<number, string>> } = ERRORS[error.code];
  return (error.status !== undefined && entry.otherStatuses?.[error.status]) || entry.message;
}

export function errorMessage(error: ApiError): string {
  const base = generalMessage(error);
  const message = error.detail ? `${base}: ${error.detail}` : `${base}.`;
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

/** Problems as one detail: the first few in full (each cut to a readable length), then how many more there are. */
export function problemsDetail(problems: readonly string[], shown = 5): string {
  const cut = (text: string) => (text.length <= 160 ? text : `${text.slice(0, 159)}…`);
  const first = problems.slice(0, shown).map(cut).join('; ');
  return problems.length > shown ? `${first}; and ${problems.length - shown} more` : first;
}
