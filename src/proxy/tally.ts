// What the proxy keeps of the traffic it judged, for its report: counts per operation, and the exchanges that
// broke the contract (method, path, status, X-Request-Id and their violations — no query, header value or body).
import type { Violation } from './violations.js';

/** One exchange as the report keeps it: no query string, no header values, no bodies. */
export interface ProxiedExchange {
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  requestId: string | undefined;
  ms: number;
  violations: Violation[];
}

export interface ProxyReport {
  upstream: string;
  startedAt: string;
  durationMs: number;
  exchanges: number;
  /** Exchanges with at least one violation. */
  violating: number;
  violations: number;
  /** Per operation (`(none)` for requests that are no operation of the contract). */
  operations: { operationId: string; exchanges: number; violations: number }[];
  /** The exchanges that broke the contract (at most 1,000 kept). */
  findings: ProxiedExchange[];
}

const MAX_FINDINGS = 1000;

export interface Tally {
  record(exchange: ProxiedExchange): void;
  report(): ProxyReport;
}

export function createTally(upstream: string): Tally {
  const startedAt = new Date();
  const counts = new Map<string, { exchanges: number; violations: number }>();
  const findings: ProxiedExchange[] = [];
  let exchanges = 0;
  let violating = 0;
  let violations = 0;
  return {
    record(exchange) {
      exchanges += 1;
      const key = exchange.operationId ?? '(none)';
      const count = counts.get(key) ?? { exchanges: 0, violations: 0 };
      count.exchanges += 1;
      count.violations += exchange.violations.length;
      counts.set(key, count);
      if (exchange.violations.length > 0) {
        violating += 1;
        violations += exchange.violations.length;
        if (findings.length < MAX_FINDINGS) findings.push(exchange);
      }
    },
    report: () => ({
      upstream,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      exchanges,
      violating,
      violations,
      operations: [...counts].map(([operationId, c]) => ({ operationId, ...c })),
      findings: structuredClone(findings),
    }),
  };
}
