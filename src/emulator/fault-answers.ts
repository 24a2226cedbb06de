// What an injected fault does to one request on the wire, once its body has arrived: answer late, answer
// Huawei's throttling or a documented error, reset the connection, cut the answer mid-body, never answer, or run
// the operation and then answer an error. Every answer a fault sends says so in `X-Emulator-Fault`.
import type { ServerResponse } from 'node:http';
import { apiError } from '../contract/error-registry.js';
import type { Service } from '../contract/services.js';
import { type FaultDecision, faultCode } from './faults.js';
import { type Answer, errorAnswer } from './wire.js';

/** Marks an answer a fault made or changed. */
export const FAULT_HEADER = 'X-Emulator-Fault';

export interface FaultContext {
  res: ServerResponse;
  requestId: string;
  service: Service;
  /** Runs the operation as if there were no fault (its change made), for its answer. */
  operate: () => Answer | Promise<Answer>;
  /** Writes an answer (the adapter's own writer). */
  write: (answer: Answer) => void;
  fail: (error: unknown) => void;
}

/** `throttle (rule 1)`: how the log and the marker header name a fault. */
export const faultLabel = (decision: FaultDecision) => `${decision.fault.type} (${decision.rule})`;

const marked = (answer: Answer, label: string, more?: Record<string, string>): Answer => ({
  ...answer,
  headers: { ...answer.headers, ...more, [FAULT_HEADER]: label },
});

export function answerWithFault(decision: FaultDecision, context: FaultContext): void {
  const { res, requestId, service, operate, write, fail } = context;
  const { fault } = decision;
  const label = faultLabel(decision);
  const detail = `injected by the emulator's fault rule ${decision.rule}`;
  /** Runs the operation, then sends what `send` makes of its answer. */
  const afterOperating = (send: (answer: Answer) => void) => {
    try {
      Promise.resolve(operate()).then(send, fail);
    } catch (error) {
      fail(error);
    }
  };
  switch (fault.type) {
    case 'latency': {
      const timer = setTimeout(
        () => afterOperating((answer) => write(marked(answer, label))),
        decision.delayMs ?? fault.ms,
      );
      res.once('close', () => clearTimeout(timer));
      return;
    }
    case 'throttle':
      write(
        marked(errorAnswer(apiError('APIGW.0308', detail), requestId), label, {
          'Retry-After': String(fault.retry_after ?? 1),
        }),
      );
      return;
    case 'error':
      write(marked(errorAnswer(apiError(faultCode(fault)!, detail), requestId), label));
      return;
    case 'fail-after-apply': {
      const code = faultCode(fault);
      const error = code ? apiError(code, detail) : service.internal(`${detail}, after the change was made`);
      afterOperating(() => write(marked(errorAnswer(error, requestId), label)));
      return;
    }
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'hang':
      // Nothing is sent; the request ends when the client gives up (or the emulator closes).
      return;
    case 'truncate':
      afterOperating((answer) => {
        const payload = Buffer.from(answer.payload);
        res.writeHead(answer.status, {
          ...(answer.contentType && { 'Content-Type': answer.contentType }),
          'Content-Length': payload.length,
          'X-Request-Id': answer.requestId,
          [FAULT_HEADER]: label,
        });
        res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
      });
      return;
  }
}
