// What a check is, what it is given, and the helpers every check uses to judge an answer. A check sends its
// requests and records its findings through its context only: it never touches the runner's state.
import type { Contract } from '../../contract/bundled.js';
import type { OperationCall } from '../operation-requests.js';
import { blankSecrets, type CredentialVariables, reproduceCommand } from '../reproduce.js';
import { errorCode } from '../judge.js';
import type { Auth, Exchange, Finding, RecordedRequest, Severity, World } from '../types.js';

/** How a request is sent besides its values: another credential, a raw body, more headers. */
export interface SendOptions {
  auth?: Auth;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CheckContext {
  /** The check's own name (its exchanges and findings carry it). */
  name: string;
  /** The contract the run tests: its document, operations and validators. */
  contract: Contract;
  auth: Auth;
  world: World;
  seed: number;
  maxExamples: number;
  stateful: boolean;
  /** The exchanges of the whole run so far (for the checks that judge them all). */
  exchanges: () => readonly Exchange[];
  fail(
    exchange: Exchange | undefined,
    severity: Severity,
    expected: string,
    actual: string,
    operationId?: string,
  ): void;
  skip(reason: string): void;
  /** The contract's problems with an exchange's response (none: it conforms). */
  judge(exchange: Exchange): string[];
  /** Sends a request of any operation of the contract. */
  call(operationId: string, call: OperationCall, options?: SendOptions): Promise<Exchange>;
  /** For the coverage section: the constraints of an operation the check broke, and those it could not. */
  recordConstraints(operationId: string, exercised: number, missed: readonly string[]): void;
  /** Sends a recorded request again exactly as given (to resend a signed request with one thing changed). */
  resend(request: RecordedRequest, operationId: string): Promise<Exchange>;
  /** The bind operation (the contract must hold it: the checks that use it skip otherwise). */
  bind(body: unknown, options?: SendOptions & { nicId?: string; projectId?: string }): Promise<Exchange>;
  /** The assign operation (likewise). */
  assign(body: unknown, options?: SendOptions & { projectId?: string }): Promise<Exchange>;
}

export interface Check {
  name: string;
  description: string;
  /** Needs a target that keeps state (and so verifies credentials for real): skipped against a stateless mock. */
  stateful?: boolean;
  /** Operations it is about (the two operations' own semantics): skipped when the contract has not got them. */
  needs?: readonly string[];
  run(ctx: CheckContext): Promise<void>;
}

export const summarize = (exchange: Exchange) => {
  const code = errorCode(exchange.response.json);
  return `${exchange.response.status}${code ? ` ${code}` : ''}${exchange.response.text ? `: ${exchange.response.text.slice(0, 200)}` : ''}`;
};

/** Expects one of `statuses` (and, when given, one of `codes`); records a finding otherwise. */
export function expectStatus(
  ctx: CheckContext,
  exchange: Exchange,
  statuses: number[],
  codes: string[] | undefined,
  what: string,
  severity: Severity = 'major',
): boolean {
  const { status, json } = exchange.response;
  const code = errorCode(json);
  if (statuses.includes(status) && (!codes || (code !== undefined && codes.includes(code)))) return true;
  ctx.fail(
    exchange,
    severity,
    `${what}: ${statuses.join(' or ')}${codes ? ` with ${codes.join(' or ')}` : ''}`,
    summarize(exchange),
  );
  return false;
}

/** A finding as a report holds it: no secret in its text, and a reproducing command that can be run. */
export function findingFor(
  check: string,
  exchange: Exchange | undefined,
  severity: Severity,
  expected: string,
  actual: string,
  run: { seed: number; variables: CredentialVariables },
  operationId?: string,
): Finding {
  return {
    check,
    operationId: operationId ?? exchange?.operationId ?? '-',
    severity,
    expected: blankSecrets(expected, run.variables),
    actual: blankSecrets(actual, run.variables),
    seed: run.seed,
    curl: exchange ? reproduceCommand(exchange, run.variables) : '',
  };
}
