// Runs the checks against a target and returns the report. The world the checks use (project, NIC, subnet, free
// addresses, pool, a second project) comes from fixtures in the emulator's format — the emulator's own by
// default. A first probe tells whether the target keeps state: a stateless mock answers two assigns with the same
// EIP, and the checks that need state are then skipped, with that reason.
import { UserError } from '../contract/user-error.js';
import { canonicalAddress, contains, fromBig, parseCidr } from '../contract/ip.js';
import type { Fixtures } from '../contract/fixtures.js';
import { bundledContract, type Contract } from '../contract/bundled.js';
import { ASSIGN, BIND, requestExamples } from './checks/bodies.js';
import { coverageOf } from './coverage.js';
import { judge } from './judge.js';
import { type OperationCall, targetOf } from './operation-requests.js';
import { createdBy } from './created.js';
import { findingFor } from './checks/context.js';
import { type CredentialVariables, credentialVariables } from './reproduce.js';
import { type Check, type CheckContext, CHECKS } from './checks/index.js';
import { Http } from './http.js';
import type { Auth, CheckOutcome, Exchange, RecordedRequest, Report, World } from './types.js';

export interface RunOptions {
  baseUrl: string;
  /** The contract to test against (default: the package's own). */
  contract?: Contract;
  /** Who the runner is; by default the fixtures' first token of the first project. */
  auth?: Auth;
  fixtures: Fixtures;
  seed: number;
  maxExamples?: number;
  only?: readonly string[];
  skip?: readonly string[];
  timeoutMs?: number;
  onCheckStart?: (check: Check, index: number, total: number) => void;
  onCheckEnd?: (outcome: CheckOutcome, index: number, total: number) => void;
  /** Called with each exchange as it completes (its request holds the credentials: do not print it as is). */
  onExchange?: (exchange: Exchange) => void;
}

export class UsageError extends UserError {
  override readonly name = 'UsageError';
}

export function checkNames(): string[] {
  return CHECKS.map((c) => c.name);
}

function authFor(fixtures: Fixtures, projectId: string): Auth | undefined {
  const token = fixtures.tokens?.find((t) => t.project_id === projectId && !t.admin);
  if (token) return { kind: 'token', token: token.token, projectId };
  const credential = fixtures.credentials?.find((c) => c.project_id === projectId && !c.admin);
  if (credential) return { kind: 'aksk', ak: credential.ak, sk: credential.sk, projectId };
  return undefined;
}

/** Who the runner is when no credential is given: the fixtures' first token (or AK/SK) of the first project. */
export function defaultAuth(fixtures: Fixtures): Auth | undefined {
  const projectId = fixtures.projects[0]?.id;
  return projectId === undefined ? undefined : authFor(fixtures, projectId);
}

/** The world of the checks, read from fixtures. */
export function worldFrom(fixtures: Fixtures, contract: Contract = bundledContract()): World {
  const project = fixtures.projects[0];
  if (!project) throw new UsageError('the fixtures define no project');
  const subnets = new Map((project.vpcs ?? []).flatMap((vpc) => (vpc.subnets ?? []).map((s) => [s.id, s] as const)));
  const nics = (project.servers ?? []).flatMap((server) => server.nics ?? []);
  // The contract's own example NIC and address when the fixtures hold them (the emulator's defaults do), so the
  // documented examples run as written.
  const exampleNic =
    (contract.document.components as { parameters?: Record<string, { example?: string }> } | undefined)?.parameters
      ?.NicId?.example ?? '';
  const hasBind = contract.operations.some((op) => op.operationId === BIND);
  const exampleBind = (hasBind ? requestExamples(contract, BIND) : []).find(
    (e) => (e.body as { nic?: { ip_address?: string } }).nic?.ip_address,
  )?.body as { nic: { ip_address: string } } | undefined;
  const onIpv4 = (n: (typeof nics)[number]) => parseCidr(subnets.get(n.subnet_id)?.cidr ?? '')?.version === 4;
  const nic = nics.find((n) => n.port_id === exampleNic && onIpv4(n)) ?? nics.find(onIpv4);
  if (!nic) throw new UsageError(`project ${project.id} of the fixtures has no server NIC on an IPv4 subnet`);
  const subnet = subnets.get(nic.subnet_id)!;
  const cidr = parseCidr(subnet.cidr)!;
  const used = new Set([...nics.map((n) => canonicalAddress(n.ip_address)), canonicalAddress(subnet.gateway_ip)]);
  const free: string[] = [];
  const preferred = exampleBind ? canonicalAddress(exampleBind.nic.ip_address) : undefined;
  if (
    preferred &&
    contains(cidr, preferred) &&
    !used.has(preferred) &&
    preferred !== cidr.firstAddress &&
    preferred !== cidr.lastAddress
  )
    free.push(preferred);
  for (let value = cidr.first + 2n; value < cidr.last && free.length < 2; value += 1n) {
    const address = fromBig(value, 4);
    if (!used.has(address) && !free.includes(address)) free.push(address);
  }
  if (free.length < 2) throw new UsageError(`subnet ${subnet.id} has no two free addresses for the checks`);
  const pool =
    fixtures.pools.find((p) => p.name === '5_telcom' && p.ipv4?.length) ?? fixtures.pools.find((p) => p.ipv4?.length);
  if (!pool) throw new UsageError('the fixtures define no pool with IPv4 addresses');
  const poolCidr = parseCidr(pool.ipv4![0]!)!;
  const span = poolCidr.last - poolCidr.first;
  const poolAddress = fromBig(poolCidr.first + (span > 220n ? 200n : 1n), 4);
  const otherProject = fixtures.projects[1];
  const otherAuth = otherProject ? authFor(fixtures, otherProject.id) : undefined;
  const otherNic = otherProject?.servers?.flatMap((s) => s.nics ?? [])[0];
  const credential = fixtures.credentials?.find((c) => c.project_id === project.id && !c.admin);
  const sameSubnetNic = nics.find((n) => n.port_id !== nic.port_id && n.subnet_id === nic.subnet_id);
  return {
    projectId: project.id,
    nicId: nic.port_id,
    subnetId: subnet.id,
    freeVip: free[0]!,
    otherFreeVip: free[1]!,
    usedAddress: canonicalAddress((sameSubnetNic ?? nic).ip_address)!,
    pool: pool.name,
    poolAddress,
    ...(credential && { aksk: { kind: 'aksk' as const, ak: credential.ak, sk: credential.sk, projectId: project.id } }),
    ...(otherProject &&
      otherAuth && { other: { projectId: otherProject.id, nicId: otherNic?.port_id ?? nic.port_id, auth: otherAuth } }),
  };
}

type SendOptions = NonNullable<Parameters<CheckContext['bind']>[1]>;

/** How one check (or the probe) talks to the target: every exchange is recorded with its name. */
function sendersFor(http: Http, contract: Contract, world: World, auth: Auth, check: string) {
  const call = (operationId: string, values: OperationCall, o: SendOptions = {}) => {
    const op = contract.operations.find((candidate) => candidate.operationId === operationId);
    if (!op) throw new Error(`the contract has no operation ${operationId}`);
    return http.send({
      method: op.method,
      path: targetOf(op, values),
      body: values.body,
      ...(o.rawBody !== undefined && { rawBody: o.rawBody }),
      headers: { ...values.headers, ...o.headers },
      auth: o.auth ?? auth,
      operationId,
      check,
    });
  };
  const values = (body: unknown, params: Record<string, string>): OperationCall => ({
    params,
    query: {},
    headers: {},
    body,
  });
  return {
    call,
    bind: (body: unknown, o: SendOptions = {}) =>
      call(BIND, values(body, { project_id: o.projectId ?? world.projectId, nic_id: o.nicId ?? world.nicId }), o),
    assign: (body: unknown, o: SendOptions = {}) =>
      call(ASSIGN, values(body, { project_id: o.projectId ?? world.projectId }), o),
    resend: (request: RecordedRequest, operationId: string) => http.resend(request, operationId, check),
  };
}

/** The probe: does the target keep state? A stateless mock answers two assigns with the same EIP. */
async function probeCapabilities(
  contract: Contract,
  assign: (body: unknown) => Promise<Exchange>,
  world: World,
): Promise<Report['capabilities']> {
  if (!contract.operations.some((op) => op.operationId === ASSIGN))
    return { stateful: true, reason: `the contract has no ${ASSIGN} to probe with; treated as stateful` };
  const body = {
    publicip: {
      type: 'EIP',
      publicip_pool_name: world.pool,
      bandwidth: { size: 5, share_type: 'PER', name: 'conformance-probe' },
    },
  };
  const a = await assign(body);
  const b = await assign(body);
  const idOf = (e: Exchange) => (e.response.json as { publicip?: { id?: string } } | undefined)?.publicip?.id;
  const [statusA, statusB] = [a.response.status, b.response.status];
  if (statusA === 201 && statusB === 201 && idOf(a) !== undefined && idOf(a) === idOf(b)) {
    return { stateful: false, reason: `two assigns returned the same EIP ${idOf(a)}: a stateless mock` };
  }
  if (statusA === 201 && statusB === 201) return { stateful: true, reason: 'two assigns returned two different EIPs' };
  return { stateful: true, reason: `the probe assigns got ${statusA} and ${statusB}; treated as stateful` };
}

interface RunContext {
  contract: Contract;
  constraints: Map<string, { exercised: number; missed: string[] }>;
  http: Http;
  world: World;
  auth: Auth;
  variables: CredentialVariables;
  capabilities: Report['capabilities'];
  seed: number;
  maxExamples: number;
}

/** Runs one check with a context of its own; its outcome is all it changes. */
async function runCheck(check: Check, run: RunContext): Promise<CheckOutcome> {
  const started = performance.now();
  const before = run.http.exchanges.length;
  const outcome: CheckOutcome = {
    name: check.name,
    description: check.description,
    status: 'passed',
    findings: [],
    requests: 0,
    durationMs: 0,
  };
  const missing = (check.needs ?? []).filter((id) => !run.contract.operations.some((op) => op.operationId === id));
  if (missing.length > 0) {
    outcome.status = 'skipped';
    outcome.reason = `needs ${missing.join(' and ')}, which the contract does not have`;
  } else if (check.stateful && !run.capabilities.stateful) {
    outcome.status = 'skipped';
    outcome.reason = `needs a target that keeps state (${run.capabilities.reason})`;
  } else {
    const ctx: CheckContext = {
      name: check.name,
      contract: run.contract,
      judge: (exchange) => judge(run.contract, exchange),
      recordConstraints: (operationId, exercised, missed) =>
        run.constraints.set(operationId, { exercised, missed: [...missed] }),
      auth: run.auth,
      world: run.world,
      seed: run.seed,
      maxExamples: run.maxExamples,
      stateful: run.capabilities.stateful,
      exchanges: () => run.http.exchanges,
      fail: (exchange, severity, expected, actual, operationId) =>
        outcome.findings.push(findingFor(check.name, exchange, severity, expected, actual, run, operationId)),
      skip: (reason) => {
        outcome.status = 'skipped';
        outcome.reason = reason;
      },
      ...sendersFor(run.http, run.contract, run.world, run.auth, check.name),
    };
    await check.run(ctx);
    if (outcome.findings.length > 0) outcome.status = 'failed';
  }
  outcome.requests = run.http.exchanges.length - before;
  outcome.durationMs = performance.now() - started;
  return outcome;
}

export async function runConformance(options: RunOptions): Promise<Report> {
  const names = new Set(checkNames());
  for (const name of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!names.has(name)) throw new UsageError(`there is no check "${name}"; the checks are: ${[...names].join(', ')}`);
  }
  const contract = options.contract ?? bundledContract();
  const world = worldFrom(options.fixtures, contract);
  const auth = options.auth ?? defaultAuth(options.fixtures);
  if (!auth)
    throw new UsageError(
      `no credentials: give --token or --ak/--sk (or put a token for project ${world.projectId} in the fixtures)`,
    );
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const http = new Http(options.baseUrl, options.timeoutMs, options.onExchange);
  try {
    const capabilities = await probeCapabilities(
      contract,
      sendersFor(http, contract, world, auth, 'capabilities').assign,
      world,
    );
    const run: RunContext = {
      contract,
      constraints: new Map(),
      http,
      world,
      auth,
      variables: credentialVariables(auth, world),
      capabilities,
      seed: options.seed,
      maxExamples: options.maxExamples ?? 25,
    };
    const selected = CHECKS.filter(
      (c) => (!options.only?.length || options.only.includes(c.name)) && !options.skip?.includes(c.name),
    );
    const outcomes: CheckOutcome[] = [];
    for (const [index, check] of selected.entries()) {
      options.onCheckStart?.(check, index, selected.length);
      const outcome = await runCheck(check, run);
      outcomes.push(outcome);
      options.onCheckEnd?.(outcome, index, selected.length);
    }
    return {
      baseUrl: options.baseUrl,
      seed: options.seed,
      startedAt,
      durationMs: performance.now() - started,
      requests: http.exchanges.length,
      capabilities,
      checks: outcomes,
      created: createdBy(http.exchanges),
      coverage: coverageOf(contract, http.exchanges, run.constraints),
    };
  } finally {
    http.close();
  }
}

export { CHECKS } from './checks/index.js';
