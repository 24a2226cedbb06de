// The conformance runner against real servers: green against the emulator (every check) and against the Prism
// mock (stateless checks; the stateful ones skipped with the reason); red, naming the right check, against each
// deliberately broken server; and deterministic: one seed, one request sequence.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNames, runConformance } from '../../src/conformance/runner.js';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { startPrism, type PrismHandle } from '../../src/mock/prism.js';
import { ROOT } from '../helpers/contract.js';
import { MUTATIONS, startBrokenServer } from './broken-servers.js';

const statusOf = (report: Awaited<ReturnType<typeof runConformance>>) =>
  Object.fromEntries(report.checks.map((c) => [c.name, c.status]));

describe('with only the user’s own AK/SK, against a target that knows only those', () => {
  it('skips project-isolation, saying why, and fails nothing', async () => {
    const { credentials: _c, tokens: _t, ...world } = DEFAULT_FIXTURES;
    const own = { ak: 'MY-OWN-AK', sk: 'my-own-secret', projectId: DEFAULT_FIXTURES.projects[0]!.id };
    const target = await serveEmulator({ fixtures: world, auth: 'aksk', credentials: [own] });
    try {
      const report = await runConformance({
        baseUrl: target.url,
        auth: { kind: 'aksk', ...own },
        fixtures: DEFAULT_FIXTURES,
        seed: 7,
        maxExamples: 5,
      });
      const isolation = report.checks.find((c) => c.name === 'project-isolation')!;
      expect(isolation.status).toBe('skipped');
      expect(isolation.reason).toContain('does not accept the credential of the second project');
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.name)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});

describe('against the emulator', () => {
  let emulator: EmulatorServer;
  beforeAll(async () => {
    emulator = await serveEmulator({ fixtures: DEFAULT_FIXTURES });
  });
  afterAll(() => emulator.close());

  it('every check passes; the target is recognised as stateful; hundreds of requests', async () => {
    const report = await runConformance({
      baseUrl: emulator.url,
      fixtures: DEFAULT_FIXTURES,
      seed: 42,
      maxExamples: 50,
    });
    const failed = report.checks.filter((c) => c.status !== 'passed');
    expect(
      failed.map((c) => `${c.name}: ${c.reason ?? c.findings.map((f) => `${f.expected} / ${f.actual}`).join(' | ')}`),
    ).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(checkNames());
    expect(report.capabilities.stateful).toBe(true);
    expect(report.requests).toBeGreaterThan(150);
  });

  it('covers the contract: every constraint of both operations broken, ≥ 80% of generated valid requests 2xx', async () => {
    await emulator.reset();
    const report = await runConformance({ baseUrl: emulator.url, fixtures: DEFAULT_FIXTURES, seed: 11 });
    const byId = Object.fromEntries(report.coverage.operations.map((op) => [op.operationId, op]));
    expect(Object.keys(byId)).toEqual(['AssociateServerVirtualIp', 'CreatePublicIpV3']);
    for (const op of report.coverage.operations) {
      expect(op.constraints.total, op.operationId).toBeGreaterThan(10);
      expect(op.constraints.exercised, op.constraints.notExercised.join('; ')).toBe(op.constraints.total);
      expect(op.generated.sent, op.operationId).toBe(25);
      expect(op.generated.succeeded / op.generated.sent, op.operationId).toBeGreaterThanOrEqual(0.8);
      expect(op.statuses.seen).toEqual(expect.arrayContaining(['400', '401', '404']));
      expect(op.statuses.undocumented).toEqual([]);
      expect(op.score).toBeGreaterThan(70);
    }
    // Fields a hand-written base body never held are broken too.
    const assign = report.checks.find((c) => c.name === 'constraint-violations')!;
    expect(assign.status).toBe('passed');
    expect(byId.CreatePublicIpV3!.properties.notExercised).not.toContain('publicip.lock_infos');
  });

  it('lists exactly the EIPs it created and the virtual IPs it left bound, as the target holds them', async () => {
    await emulator.reset();
    const report = await runConformance({ baseUrl: emulator.url, fixtures: DEFAULT_FIXTURES, seed: 3, maxExamples: 5 });
    const state = emulator.snapshot();
    const held = Object.values(state.projects).flatMap((p) => Object.values(p.eips));
    expect(held.length).toBeGreaterThan(2);
    expect(report.created.eips.map((e) => e.id).sort()).toEqual(held.map((e) => e.id).sort());
    for (const eip of report.created.eips) {
      const kept = held.find((e) => e.id === eip.id)!;
      expect(eip.address).toBe(kept.public_ip_address ?? kept.public_ipv6_address);
      expect(eip.bandwidth.size).toBe(kept.bandwidth.size);
    }
    const bound = Object.values(state.projects).flatMap((p) =>
      Object.values(p.ports).flatMap((port) => port.vipIds.map((vip) => `${port.id} ${p.ports[vip]!.ipAddress}`)),
    );
    expect(report.created.boundVirtualIps.map((v) => `${v.nicId} ${v.ipAddress}`).sort()).toEqual(bound.sort());
  });

  it('the same seed gives the same request sequence (the signing time aside); another seed does not', async () => {
    // The runner's own record of what it sent: method, URL, headers and body of every request, in order.
    const record = async (seed: number) => {
      await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
      const { Http } = await import('../../src/conformance/http.js');
      const sent: string[] = [];
      const original = Http.prototype.send;
      Http.prototype.send = async function (this: InstanceType<typeof Http>, input) {
        const exchange = await original.call(this, input);
        // An AK/SK signature carries the time (X-Sdk-Date): only its presence is compared, not its value.
        const headers = Object.fromEntries(
          Object.entries(exchange.request.headers).map(([k, v]) => [
            k,
            /^(x-sdk-date|authorization)$/i.test(k) ? '(signed)' : v,
          ]),
        );
        sent.push(JSON.stringify([exchange.request.method, exchange.request.url, headers, exchange.request.body]));
        return exchange;
      };
      try {
        await runConformance({ baseUrl: emulator.url, fixtures: DEFAULT_FIXTURES, seed, maxExamples: 20 });
      } finally {
        Http.prototype.send = original;
      }
      return sent;
    };
    const first = await record(7);
    const second = await record(7);
    const other = await record(8);
    expect(first.length).toBeGreaterThan(100);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });
});

describe('against the Prism mock (a real process)', () => {
  let prism: PrismHandle;
  beforeAll(async () => {
    prism = await startPrism({ spec: path.join(ROOT, 'generated', 'openapi.json'), port: 0 });
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
  });

  it('the stateless checks pass; the stateful ones are skipped, saying why', async () => {
    const report = await runConformance({
      baseUrl: prism.url,
      auth: { kind: 'token', token: 'demo-token', projectId: DEFAULT_FIXTURES.projects[0]!.id },
      fixtures: DEFAULT_FIXTURES,
      seed: 42,
      maxExamples: 20,
    });
    expect(report.capabilities.stateful).toBe(false);
    const status = statusOf(report);
    for (const name of ['stateful-double-assign', 'stateful-bind-roundtrip', 'project-isolation', 'auth-invalid']) {
      expect(status[name], name).toBe('skipped');
      expect(report.checks.find((c) => c.name === name)!.reason).toMatch(/stateless mock/);
    }
    const others = report.checks.filter((c) => c.status !== 'skipped');
    expect(others.filter((c) => c.status === 'failed').map((c) => `${c.name}: ${c.findings[0]?.actual}`)).toEqual([]);
    expect(others.length).toBe(7);
  }, 60_000);
});

describe('against deliberately broken servers', () => {
  it('every check has at least one mutation that it catches', () => {
    const caught = new Set(Object.values(MUTATIONS).map((m) => m.caughtBy));
    expect(checkNames().filter((name) => !caught.has(name))).toEqual([]);
  });

  for (const [name, mutation] of Object.entries(MUTATIONS)) {
    it(`${name} (${mutation.fault}) → ${mutation.caughtBy} fails`, async () => {
      const server = await startBrokenServer(mutation);
      try {
        const report = await runConformance({
          baseUrl: server.url,
          fixtures: DEFAULT_FIXTURES,
          seed: 42,
          maxExamples: 15,
        });
        const failed = report.checks.filter((c) => c.status === 'failed').map((c) => c.name);
        expect(failed).toContain(mutation.caughtBy);
        const finding = report.checks.find((c) => c.name === mutation.caughtBy)!.findings[0]!;
        expect(finding).toMatchObject({ check: mutation.caughtBy, seed: 42 });
        expect(finding.curl).toMatch(/^curl -sS -i -X (PUT|POST) 'http:\/\/127\.0\.0\.1:\d+\//);
      } finally {
        await server.close();
      }
    });
  }
});
