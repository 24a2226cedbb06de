// Huawei's error bodies, written and read in one place. Three shapes are documented: ECS
// `{"error":{"code","message"}}`; the API gateway's and EIP v3's `{"error_code","error_msg","request_id"}`; and
// the EIP error-code page's top-level `{"code","message"}` (read, never written).
import { type ApiError, ERRORS, errorMessage } from './error-registry.js';

/** The wire body of an error, in the shape of the service that answers it. */
export function errorBody(error: ApiError, requestId: string): unknown {
  const message = errorMessage(error);
  return ERRORS[error.code].shape === 'ecs'
    ? { error: { code: error.code, message } }
    : { error_code: error.code, error_msg: message, request_id: requestId };
}

export interface ParsedErrorBody {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The code, message and request ID of a body in any documented shape (all undefined for anything else). */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!body || typeof body !== 'object') return { code: undefined, message: undefined, requestId: undefined };
  const record = body as Record<string, unknown>;
  const nested =
    record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : undefined;
  return {
    code: str(nested?.code) ?? str(record.error_code) ?? str(record.code),
    message: str(nested?.message) ?? str(record.error_msg) ?? str(record.message),
    requestId: str(record.request_id),
  };
}
