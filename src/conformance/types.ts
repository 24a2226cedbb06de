// The conformance runner's vocabulary: a target, the exchanges made with it, and what each check concludes.

export type Severity = 'critical' | 'major' | 'minor';

export type Auth =
  | { kind: 'token'; token: string; projectId: string }
  | { kind: 'aksk'; ak: string; sk: string; projectId: string }
  | { kind: 'none'; projectId: string };

/** What the runner knows of the target's world: where to bind, where to assign, who else exists. */
export interface World {
  projectId: string;
  nicId: string;
  subnetId: string;
  /** An address of the subnet no port uses: a VIP can be bound to it. */
  freeVip: string;
  /** A second free address of the subnet. */
  otherFreeVip: string;
  /** An address of the subnet a NIC already uses. */
  usedAddress: string;
  pool: string;
  /** An address of the pool for the double-assign check, and one outside every pool. */
  poolAddress: string;
  /** An AK/SK credential of the project, when the fixtures have one (for the tampered-signature check). */
  aksk?: Auth;
  /** Another project and a credential for it, for isolation checks. */
  other?: { projectId: string; nicId: string; auth: Auth };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export interface Exchange {
  operationId: string | undefined;
  request: RecordedRequest;
  response: RecordedResponse;
  /** Which check made it. */
  check: string;
  /** The credential the runner sent it with; undefined for a recorded request sent again as it was. */
  auth?: Auth;
}

export interface Finding {
  check: string;
  operationId: string;
  severity: Severity;
  /** What the contract or Huawei's documented behaviour requires. */
  expected: string;
  /** What came back. */
  actual: string;
  seed: number;
  /** A command that sends the same request again. */
  curl: string;
}

export interface CheckOutcome {
  name: string;
  description: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
  findings: Finding[];
  requests: number;
  durationMs: number;
}

export interface Report {
  baseUrl: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  capabilities: { stateful: boolean; reason: string };
  checks: CheckOutcome[];
  /** What the run left on the target: the EIPs it created, the virtual IPs it left bound. */
  created: Created;
  /** What of the contract the run exercised, per operation. */
  coverage: Coverage;
}

/** What of one operation a run exercised — as Schemathesis's coverage and Microcks's conformance index give it. */
export interface OperationCoverage {
  operationId: string;
  requests: number;
  /** Documented statuses the target answered, and those it never did; statuses it answered that are not documented. */
  statuses: { seen: string[]; notSeen: string[]; undocumented: number[] };
  /** Constraints of the request schemas that were broken one at a time, of all of them. */
  constraints: { exercised: number; total: number; notExercised: string[] };
  /** Request properties and parameters that valid requests of the run held, of all the schemas declare. */
  properties: { exercised: number; total: number; notExercised: string[] };
  /** The valid requests generated from the schemas (schema-valid-requests) and how many got a 2xx. */
  generated: { sent: number; succeeded: number };
  /** 0–100: the mean of the three shares. */
  score: number;
}

export interface Coverage {
  operations: OperationCoverage[];
  /** 0–100: the mean of the operations' scores. */
  score: number;
}

/** An EIP a run's assign created. */
export interface CreatedEip {
  id: string;
  /** The IPv4 or IPv6 address it holds. */
  address: string | undefined;
  bandwidth: { id?: string; size?: number; share_type?: string };
  /** The check whose request created it. */
  check: string;
}

/** What a run left on its target. */
export interface Created {
  eips: CreatedEip[];
  /** Virtual IP addresses bound to a NIC by the run and not unbound again. */
  boundVirtualIps: { nicId: string; ipAddress: string; check: string }[];
}
