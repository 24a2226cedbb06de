// The request log: one entry per request when its response is sent, or when its connection is lost first.
// Method, path, status, error code, injected fault, time and request ID only — never headers, query strings or bodies, which
// may hold credentials.
import type { ServerResponse } from 'node:http';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** 0 when the connection was lost before a response was sent. */
  status: number;
  /** The Huawei error code answered, if any. */
  code?: string;
  /** The fault injected into this request, if any: `throttle (rule 1)`. */
  fault?: string;
  requestId: string;
  /** From the request's arrival to its response. */
  ms: number;
}

export type RequestLog = (entry: RequestLogEntry) => void;

/** The error code each errored response carried, noted by the adapter only when there is a log. */
const answeredCodes = new WeakMap<ServerResponse, string>();

export function noteAnsweredCode(res: ServerResponse, code: string): void {
  answeredCodes.set(res, code);
}

/** The fault each request met, noted by the adapter (always: faults are rare, and counted). */
const injectedFaults = new WeakMap<ServerResponse, string>();

export function noteFault(res: ServerResponse, label: string): void {
  injectedFaults.set(res, label);
}

/** Logs the request once its response is finished or its connection closed. */
export function logWhenDone(
  res: ServerResponse,
  method: string,
  pathname: string,
  requestId: string,
  log: RequestLog,
): void {
  const start = performance.now();
  res.once('close', () => {
    const code = answeredCodes.get(res);
    const fault = injectedFaults.get(res);
    const status = res.writableFinished ? res.statusCode : 0;
    try {
      log({
        method,
        path: pathname,
        status,
        ...(code !== undefined && { code }),
        ...(fault !== undefined && { fault }),
        requestId,
        ms: performance.now() - start,
      });
    } catch (error) {
      // A failing logger is the caller's bug; it must not take the emulator down.
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`hwc-contract emulator: the request log failed: ${reason}\n`);
    }
  });
}
