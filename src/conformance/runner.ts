// Runs the checks against a target and returns the report. The world the checks use (project, NIC, subnet, free
// addresses, pool, a second project) comes from fixtures in the emulator's format — the emulator's own by
// default. A first probe tells whether the target keeps state: a stateless mock answers two assigns with the same
// EIP, and the checks that need state are then skipped, with that reason.
import { UserError } from '../contract/user-error.js';
import { canonicalAddress, contains, fromBig, parseCidr } from '../contract/ip.js';
import type { Fixtures } from '../contract/fixtures.js';
import { bundledSpec } from '../contract/bundled.js';
import { ASSIGN, BIND, CHECKS, documentedExamples, findingFor, type Check, type CheckContext } from './checks.js';
import { Http } from './http.js';
import type { Auth, CheckOutcome, Exchange, Report, World } from './types.js';

export interface RunOptions {
  baseUrl: string;
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

/** The world of the checks, read from fixtures. */
export function worldFrom(fixtures: Fixtures): World {
  const project = fixtures.projects[0];
  if (!project) throw new UsageError('the fixtures define no project');
  const subnets = new Map((project.vpcs ?? []).flatMap((vpc) => (vpc.subnets ?? []).map((s) => [s.id, s] as const)));
  const nics = (project.servers ?? []).flatMap((server) => server.nics ?? []);
  // The contract's own example NIC and address when the fixtures hold them (the emulator's defaults do), so the
  // documented examples run as written.
  const exampleNic =
    (bundledSpec().components as { parameters?: Record<string, { example?: string }> } | undefined)?.parameters?.NicId
      ?.example ?? '';
  const exampleBind = documentedExamples(BIND).find(
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

export async function runConformance(options: RunOptions): Promise<Report> {
  const names = new Set(checkNames());
  for (const name of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!names.has(name)) throw new UsageError(`there is no check "${name}"; the checks are: ${[...names].join(', ')}`);
  }
  const world = worldFrom(options.fixtures);
  const auth = options.auth ?? authFor(options.fixtures, world.projectId);
  if (!auth)
    throw new UsageError(
      `no credentials: give --token or --ak/--sk (or put a token for project ${world.projectId} in the fixtures)`,
    );
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const http = new Http(options.baseUrl, options.timeoutMs);
  const bindPath = (projectId: string, nicId: string) =>
    `/v1/${encodeURIComponent(projectId)}/cloudservers/nics/${encodeURIComponent(nicId)}`;
  const assignPath = (projectId: string) => `/v3/${encodeURIComponent(projectId)}/eip/publicips`;
  let current = 'capabilities';
  const send = {
    bind: (
      body: unknown,
      o: { nicId?: string; projectId?: string; auth?: Auth; rawBody?: string; headers?: Record<string, string> } = {},
    ) =>
      http.send({
        method: 'PUT',
        path: bindPath(o.projectId ?? world.projectId, o.nicId ?? world.nicId),
        body,
        ...(o.rawBody !== undefined && { rawBody: o.rawBody }),
        ...(o.headers && { headers: o.headers }),
        auth: o.auth ?? auth,
        operationId: BIND,
        check: current,
      }),
    assign: (
      body: unknown,
      o: { projectId?: string; auth?: Auth; rawBody?: string; headers?: Record<string, string> } = {},
    ) =>
      http.send({
        method: 'POST',
        path: assignPath(o.projectId ?? world.projectId),
        body,
        ...(o.rawBody !== undefined && { rawBody: o.rawBody }),
        ...(o.headers && { headers: o.headers }),
        auth: o.auth ?? auth,
        operationId: ASSIGN,
        check: current,
      }),
  };

  try {
    // The probe: does the target keep state?
    const probeBody = {
      publicip: {
        type: 'EIP',
        publicip_pool_name: world.pool,
        bandwidth: { size: 5, share_type: 'PER', name: 'conformance-probe' },
      },
    };
    const [a, b] = [await send.assign(probeBody), await send.assign(probeBody)];
    const idOf = (e: Exchange) => (e.response.json as { publicip?: { id?: string } } | undefined)?.publicip?.id;
    let capabilities: Report['capabilities'];
    if (a.response.status === 201 && b.response.status === 201 && idOf(a) !== undefined && idOf(a) === idOf(b)) {
      capabilities = { stateful: false, reason: `two assigns returned the same EIP ${idOf(a)}: a stateless mock` };
    } else if (a.response.status === 201 && b.response.status === 201) {
      capabilities = { stateful: true, reason: 'two assigns returned two different EIPs' };
    } else {
      capabilities = {
        stateful: true,
        reason: `the probe assigns got ${a.response.status} and ${b.response.status}; treated as stateful`,
      };
    }

    const selected = CHECKS.filter(
      (c) => (!options.only?.length || options.only.includes(c.name)) && !options.skip?.includes(c.name),
    );
    const outcomes: CheckOutcome[] = [];
    for (const [index, check] of selected.entries()) {
      options.onCheckStart?.(check, index, selected.length);
      const checkStarted = performance.now();
      const before = http.exchanges.length;
      const outcome: CheckOutcome = {
        name: check.name,
        description: check.description,
        status: 'passed',
        findings: [],
        requests: 0,
        durationMs: 0,
      };
      current = check.name;
      if (check.stateful && !capabilities.stateful) {
        outcome.status = 'skipped';
        outcome.reason = `needs a target that keeps state (${capabilities.reason})`;
      } else {
        const ctx: CheckContext = {
          http,
          auth,
          world,
          seed: options.seed,
          maxExamples: options.maxExamples ?? 25,
          stateful: capabilities.stateful,
          exchanges: () => http.exchanges,
          fail: (exchange, severity, expected, actual, operationId) =>
            outcome.findings.push(
              findingFor(check.name, exchange, severity, expected, actual, options.seed, operationId),
            ),
          skip: (reason) => {
            outcome.status = 'skipped';
            outcome.reason = reason;
          },
          bind: send.bind,
          assign: send.assign,
        };
        await check.run(ctx);
        if (outcome.findings.length > 0) outcome.status = 'failed';
      }
      outcome.requests = http.exchanges.length - before;
      outcome.durationMs = performance.now() - checkStarted;
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
    };
  } finally {
    http.close();
  }
}

export { CHECKS } from './checks.js';
