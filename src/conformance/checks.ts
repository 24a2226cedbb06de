// The checks: small named functions in one registry. The name is the CLI filter (--only/--skip), the report
// label and the JUnit test case. Each gets a context to send requests and to record findings; a check that
// cannot apply to the target says so (skipped, with the reason) instead of passing.
import fc from 'fast-check';
import { bundledSpec } from '../contract/bundled.js';
import { curlFor, type Http } from './http.js';
import { errorCode, judge, operation } from './judge.js';
import { arbitrary, inline, violations, type Schema } from './schema.js';
import type { Auth, Exchange, Finding, Severity, World } from './types.js';

export const BIND = 'AssociateServerVirtualIp';
export const ASSIGN = 'CreatePublicIpV3';

export interface CheckContext {
  http: Http;
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
  bind(
    body: unknown,
    options?: { nicId?: string; projectId?: string; auth?: Auth; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Exchange>;
  assign(
    body: unknown,
    options?: { projectId?: string; auth?: Auth; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Exchange>;
}

export interface Check {
  name: string;
  description: string;
  /** Needs a target that keeps state (and so verifies credentials for real): skipped against a stateless mock. */
  stateful?: boolean;
  run(ctx: CheckContext): Promise<void>;
}

const summarize = (exchange: Exchange) => {
  const code = errorCode(exchange.response.json);
  return `${exchange.response.status}${code ? ` ${code}` : ''}${exchange.response.text ? `: ${exchange.response.text.slice(0, 200)}` : ''}`;
};

/** Expects one of `statuses` (and, when given, one of `codes`); records a finding otherwise. */
function expectStatus(
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

function bindExample(world: World, ip = world.freeVip): unknown {
  return { nic: { subnet_id: world.subnetId, ip_address: ip, reverse_binding: true } };
}
const UNBIND = { nic: { subnet_id: '', ip_address: '', reverse_binding: false } };
function assignExample(world: World, extra: Record<string, unknown> = {}): { publicip: Record<string, unknown> } {
  return {
    publicip: {
      type: 'EIP',
      publicip_pool_name: world.pool,
      bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
      ...extra,
    },
  };
}

/** The contract's request examples of an operation: name, body, and the documented success status. */
export function documentedExamples(operationId: string): { name: string; body: unknown; status: number }[] {
  const op = operation(operationId);
  const spec = bundledSpec();
  const requestBody = inline(
    spec,
    (spec as { paths: Record<string, Record<string, { requestBody?: unknown }>> }).paths[op.path]![
      op.method.toLowerCase()
    ]!.requestBody,
  ) as {
    content: Record<string, { examples?: Record<string, { value?: unknown }> }>;
  };
  const status = Number(Object.keys(op.responses).find((s) => s.startsWith('2')));
  return Object.entries(requestBody.content['application/json']?.examples ?? {}).map(([name, example]) => ({
    name,
    body: example.value,
    status,
  }));
}

/** An example body with the world's subnet, address and pool put in where the target's differ from the docs'. */
function fitToWorld(operationId: string, body: unknown, world: World): unknown {
  const copy = structuredClone(body) as {
    nic?: { subnet_id?: string; ip_address?: string };
    publicip?: { publicip_pool_name?: string };
  };
  if (operationId === BIND && copy.nic && copy.nic.subnet_id !== '') {
    copy.nic.subnet_id = world.subnetId;
    copy.nic.ip_address = world.freeVip;
  }
  if (operationId === ASSIGN && copy.publicip) copy.publicip.publicip_pool_name = world.pool;
  return copy;
}

/** The request body schema of an operation, with references inlined. */
function requestSchema(operationId: string): Schema {
  const op = operation(operationId);
  const spec = bundledSpec() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const requestBody = inline(spec, spec.paths[op.path]![op.method.toLowerCase()]!.requestBody) as {
    content: Record<string, { schema: unknown }>;
  };
  return inline(spec, requestBody.content['application/json']!.schema);
}

export const CHECKS: readonly Check[] = [
  {
    name: 'documented-examples',
    description: "the contract's request examples (bind, unbind, assign) are accepted with the documented status",
    async run(ctx) {
      for (const operationId of [BIND, ASSIGN]) {
        for (const example of documentedExamples(operationId)) {
          const body = fitToWorld(operationId, example.body, ctx.world);
          const exchange = operationId === BIND ? await ctx.bind(body) : await ctx.assign(body);
          if (
            operationId === ASSIGN &&
            exchange.response.status === 409 &&
            errorCode(exchange.response.json) === 'VPC.0521'
          ) {
            return ctx.skip(
              `the ${example.name} example could not be tried: project ${ctx.world.projectId}'s EIP quota is used up (409 VPC.0521); reset the target`,
            );
          }
          if (
            !expectStatus(
              ctx,
              exchange,
              [example.status],
              undefined,
              `the documented "${example.name}" example of ${operationId}`,
            )
          )
            continue;
          const pool = (exchange.response.json as { publicip?: { publicip_pool_name?: string } }).publicip
            ?.publicip_pool_name;
          if (operationId === ASSIGN && ctx.stateful && pool !== ctx.world.pool)
            ctx.fail(exchange, 'major', `the EIP comes from pool ${ctx.world.pool}`, summarize(exchange));
        }
      }
      // Leave the NIC as the examples found it.
      await ctx.bind(UNBIND);
    },
  },
  {
    name: 'stateful-double-assign',
    description:
      'an address assigned twice: the second request gets 409 VPC.0522, never a second EIP with the same address',
    stateful: true,
    async run(ctx) {
      // Look for an address this run can take (a target kept from an earlier run may hold some already).
      const base = ctx.world.poolAddress.split('.').map(Number);
      for (let offset = 0; offset < 8; offset += 1) {
        const address = [base[0], base[1], base[2], (base[3]! + offset * 7) % 254 || 1].join('.');
        const first = await ctx.assign(assignExample(ctx.world, { public_ip_address: address }));
        if (first.response.status === 409 && errorCode(first.response.json) === 'VPC.0522') continue;
        if (first.response.status === 409 && errorCode(first.response.json) === 'VPC.0521')
          return ctx.skip(`project ${ctx.world.projectId}'s EIP quota is used up (409 VPC.0521); reset the target`);
        if (!expectStatus(ctx, first, [201], undefined, `assigning the free address ${address}`)) return;
        const second = await ctx.assign(assignExample(ctx.world, { public_ip_address: address }));
        expectStatus(ctx, second, [409], ['VPC.0522'], `assigning ${address} a second time`, 'critical');
        return;
      }
      ctx.skip(`every candidate address of pool ${ctx.world.pool} near ${ctx.world.poolAddress} is taken already`);
    },
  },
  {
    name: 'stateful-bind-roundtrip',
    description:
      'bind → rebind (harmless) → unbind → bind again; an address used by a NIC is refused with 409 Ecs.0010',
    stateful: true,
    async run(ctx) {
      const ip = ctx.world.otherFreeVip;
      for (const step of ['bind', 'rebind'] as const) {
        const exchange = await ctx.bind(bindExample(ctx.world, ip));
        if (!expectStatus(ctx, exchange, [200], undefined, `${step} ${ip}`)) return;
        const portId = (exchange.response.json as { port_id?: string }).port_id;
        if (portId !== ctx.world.nicId)
          ctx.fail(exchange, 'major', `port_id ${ctx.world.nicId} (the NIC)`, `port_id ${String(portId)}`);
      }
      expectStatus(ctx, await ctx.bind(UNBIND), [200], undefined, 'unbind');
      expectStatus(
        ctx,
        await ctx.bind(bindExample(ctx.world, ip)),
        [200],
        undefined,
        `bind ${ip} again after the unbind`,
      );
      expectStatus(
        ctx,
        await ctx.bind(bindExample(ctx.world, ctx.world.usedAddress)),
        [409],
        ['Ecs.0010'],
        `binding ${ctx.world.usedAddress}, an address a NIC uses`,
        'critical',
      );
      await ctx.bind(UNBIND);
    },
  },
  {
    name: 'project-isolation',
    description:
      "a credential of one project cannot act on another project, and one project's NIC is invisible from another",
    stateful: true,
    async run(ctx) {
      const other = ctx.world.other;
      if (!other) return ctx.skip('the fixtures name no second project with a credential');
      const crossing = await ctx.bind(bindExample(ctx.world), { auth: other.auth });
      expectStatus(
        ctx,
        crossing,
        [400, 401, 403],
        ['Ecs.0023', 'APIGW.0301', 'Ecs.0003', 'Common.0018'],
        `a credential of project ${other.projectId} on project ${ctx.world.projectId}`,
        'critical',
      );
      const crossingEip = await ctx.assign(assignExample(ctx.world), { auth: other.auth });
      expectStatus(
        ctx,
        crossingEip,
        [400, 401, 403],
        ['VPC.0007', 'APIGW.0301', 'VPC.0502', 'VPC.2701'],
        `a credential of project ${other.projectId} assigning in project ${ctx.world.projectId}`,
        'critical',
      );
      const invisible = await ctx.bind(bindExample(ctx.world), { projectId: other.projectId, auth: other.auth });
      expectStatus(
        ctx,
        invisible,
        [404],
        ['Ecs.0307'],
        `project ${other.projectId} asking for NIC ${ctx.world.nicId} of project ${ctx.world.projectId}`,
        'critical',
      );
    },
  },
  {
    name: 'auth-missing',
    description: 'a request without credentials gets 401 APIGW.0301 in the gateway shape',
    async run(ctx) {
      const none: Auth = { kind: 'none', projectId: ctx.world.projectId };
      expectStatus(
        ctx,
        await ctx.bind(bindExample(ctx.world), { auth: none }),
        [401],
        ['APIGW.0301'],
        'bind without credentials',
        'critical',
      );
      expectStatus(
        ctx,
        await ctx.assign(assignExample(ctx.world), { auth: none }),
        [401],
        ['APIGW.0301'],
        'assign without credentials',
        'critical',
      );
    },
  },
  {
    name: 'auth-invalid',
    description: 'an unknown token and a tampered AK/SK signature get 401 APIGW.0301',
    stateful: true,
    async run(ctx) {
      const wrong: Auth = { kind: 'token', token: `conform-wrong-token-${ctx.seed}`, projectId: ctx.world.projectId };
      expectStatus(
        ctx,
        await ctx.bind(bindExample(ctx.world), { auth: wrong }),
        [401],
        ['APIGW.0301'],
        'an unknown X-Auth-Token',
        'critical',
      );
      const aksk = ctx.auth.kind === 'aksk' ? ctx.auth : ctx.world.aksk;
      if (!aksk)
        return ctx.skip(
          'the unknown-token part passed; the tampered-signature part needs AK/SK credentials (--ak/--sk, or a credential in the fixtures)',
        );
      const signed = await ctx.bind(UNBIND, { auth: aksk });
      if (!expectStatus(ctx, signed, [200], undefined, 'an unbind signed with the AK/SK credential')) return;
      const request = { ...signed.request, headers: { ...signed.request.headers } };
      const key = Object.keys(request.headers).find((name) => name.toLowerCase() === 'authorization');
      if (!key) return ctx.fail(signed, 'major', 'the runner signs its requests', 'no Authorization header was sent');
      request.headers[key] = request.headers[key]!.replace(
        /Signature=([0-9a-f])/,
        (_, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
      );
      const response = await ctx.http.raw(request);
      const tampered: Exchange = { operationId: BIND, request, response, check: 'auth-invalid' };
      ctx.http.exchanges.push(tampered);
      expectStatus(
        ctx,
        tampered,
        [401],
        ['APIGW.0301'],
        'a request whose signature was changed by one digit',
        'critical',
      );
    },
  },
  {
    name: 'constraint-violations',
    description: "each constraint of each request body, broken one at a time, gets 400 in the service's error shape",
    async run(ctx) {
      const cases: [string, Schema, unknown][] = [
        [BIND, requestSchema(BIND), bindExample(ctx.world)],
        [
          ASSIGN,
          requestSchema(ASSIGN),
          assignExample(ctx.world, {
            ip_version: 4,
            alias: 'conform',
            description: 'conformance run',
            enterprise_project_id: '0',
          }),
        ],
      ];
      for (const [operationId, schema, base] of cases) {
        for (const violation of violations(schema, base)) {
          const exchange = operationId === BIND ? await ctx.bind(violation.body) : await ctx.assign(violation.body);
          const { status } = exchange.response;
          if (status !== 400 || judge(exchange).length > 0) {
            ctx.fail(
              exchange,
              status >= 500 || (status >= 200 && status < 300) ? 'critical' : 'major',
              `${violation.field} breaking "${violation.constraint}": 400 with the ${operationId === BIND ? 'ECS' : 'EIP v3'} error body`,
              summarize(exchange),
              operationId,
            );
          }
        }
      }
    },
  },
  {
    name: 'malformed-requests',
    description: 'invalid JSON, a wrong content type and an empty body get 400, never a 5xx',
    async run(ctx) {
      for (const send of [ctx.bind.bind(ctx), ctx.assign.bind(ctx)]) {
        expectStatus(ctx, await send(undefined, { rawBody: '{"nic": ' }), [400], undefined, 'a body that is not JSON');
        expectStatus(
          ctx,
          await send(undefined, { rawBody: '{}', headers: { 'Content-Type': 'text/plain' } }),
          [400, 415],
          undefined,
          'Content-Type text/plain',
        );
        expectStatus(ctx, await send(undefined, { rawBody: '' }), [400], undefined, 'an empty body');
      }
    },
  },
  {
    name: 'schema-valid-requests',
    description:
      'bodies generated from the contract (seeded) get 2xx or a documented error, each answer matching its schema',
    async run(ctx) {
      for (const operationId of [BIND, ASSIGN]) {
        const samples = fc.sample(arbitrary(requestSchema(operationId)), {
          seed: ctx.seed + (operationId === BIND ? 0 : 1),
          numRuns: ctx.maxExamples,
        });
        for (const body of samples) {
          const exchange = operationId === BIND ? await ctx.bind(body) : await ctx.assign(body);
          const problems = judge(exchange);
          if (problems.length > 0 || exchange.response.status >= 500)
            ctx.fail(
              exchange,
              exchange.response.status >= 500 ? 'critical' : 'major',
              'a 2xx or a documented error whose body matches the contract',
              `${summarize(exchange)}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
              operationId,
            );
        }
      }
    },
  },
  {
    name: 'response-conformance',
    description:
      'every exchange of the run: documented status, JSON content type, X-Request-Id, body matching the schema',
    async run(ctx) {
      // Answers to bodies that are not JSON at all are judged by malformed-requests (400, never a 5xx): a server
      // may reject them before it knows which operation they were for (Prism answers with its own problem+json).
      for (const exchange of ctx.exchanges()) {
        if (exchange.check === 'malformed-requests') continue;
        const problems = judge(exchange);
        if (problems.length > 0)
          ctx.fail(
            exchange,
            'major',
            `${exchange.operationId} answers as the contract documents`,
            problems.join('; '),
            exchange.operationId,
          );
      }
    },
  },
  {
    name: 'no-server-errors',
    description: 'no exchange of the run got a 5xx',
    async run(ctx) {
      for (const exchange of ctx.exchanges()) {
        if (exchange.response.status >= 500)
          ctx.fail(exchange, 'critical', 'no 5xx, whatever the request', summarize(exchange), exchange.operationId);
      }
    },
  },
];

export function findingFor(
  check: string,
  exchange: Exchange | undefined,
  severity: Severity,
  expected: string,
  actual: string,
  seed: number,
  operationId?: string,
): Finding {
  return {
    check,
    operationId: operationId ?? exchange?.operationId ?? '-',
    severity,
    expected,
    actual,
    seed,
    curl: exchange ? curlFor(exchange.request) : '',
  };
}
