// The conformance runner as a library (`hwc-contract/conformance`), for test suites: run the checks against a
// server and get the report `--reporter json` writes, then fail the test with the findings and the commands
// that reproduce them — as Schemathesis users call it from pytest.
import { DEFAULT_FIXTURES } from '../contract/default-fixtures.js';
import { type Fixtures, givenFixtures } from '../contract/fixtures.js';
import { prettySummary } from './reporters.js';
import { runConformance as runChecks } from './runner.js';
import type { Auth, Report } from './types.js';

export { jsonReport, junitReport, prettySummary } from './reporters.js';
export { checkNames, UsageError } from './runner.js';
export { TargetUnreachable } from './http.js';
export type {
  CheckOutcome,
  Coverage,
  Created,
  CreatedEip,
  Finding,
  OperationCoverage,
  Report,
  Severity,
} from './types.js';

/** Who the runner is: an IAM token, or an AK/SK pair (signed SDK-HMAC-SHA256 as the SDK signs). */
export type ConformanceCredentials =
  | { token: string; projectId?: string }
  | { ak: string; sk: string; projectId?: string };

export interface ConformanceOptions {
  /** The server to test, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Default: the fixtures' first token of their first project. */
  credentials?: ConformanceCredentials;
  /** The target's world — projects, NICs, subnets, pools — as an object or a fixtures file. Default: the emulator's. */
  fixtures?: Fixtures | string;
  /** Seeds every generated request (default: random; the report and each finding give it). */
  seed?: number;
  /** Run only these checks (names as `checkNames()` gives them). */
  only?: readonly string[];
  /** Run every check but these. */
  skip?: readonly string[];
  /** Generated requests per operation for the schema checks (default 25). */
  maxExamples?: number;
  /** Per request (default 10 000 ms). */
  timeoutMs?: number;
}

function authOf(credentials: ConformanceCredentials | undefined, fixtures: Fixtures): Auth | undefined {
  if (!credentials) return undefined;
  const projectId = credentials.projectId ?? fixtures.projects[0]?.id ?? '';
  return 'token' in credentials
    ? { kind: 'token', token: credentials.token, projectId }
    : { kind: 'aksk', ak: credentials.ak, sk: credentials.sk, projectId };
}

/** Runs the checks against `baseUrl`; resolves with the report (findings are data, not a rejection). */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const fixtures = await givenFixtures(options.fixtures, DEFAULT_FIXTURES);
  const auth = authOf(options.credentials, fixtures);
  return runChecks({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fixtures,
    ...(auth && { auth }),
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    ...(options.maxExamples !== undefined && { maxExamples: options.maxExamples }),
    ...(options.only && { only: options.only }),
    ...(options.skip && { skip: options.skip }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

/** A run with failed checks, as a test failure: its message is the pretty report — each finding with its command. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(readonly report: Report) {
    const failed = report.checks.filter((c) => c.status === 'failed');
    const findings = failed.reduce((sum, c) => sum + c.findings.length, 0);
    super(
      `${report.baseUrl} does not conform: ${failed.length} check(s) failed with ${findings} finding(s) (seed ${report.seed})\n\n${prettySummary(report)}`,
    );
  }
}

/**
 * Throws ConformanceFailure when a check failed, so that any test runner (vitest, jest, node:test, mocha) fails
 * the test with every finding and the command that reproduces it. Skipped checks do not fail.
 */
export function assertConformance(report: Report): void {
  if (report.checks.some((c) => c.status === 'failed')) throw new ConformanceFailure(report);
}
