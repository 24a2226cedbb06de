// Faults on demand: the rules are checked as fixtures are (errors name their place); they pick requests by
// operation, method, path, project, Nth match, count, probability (seeded: a run repeats) and time window; and
// every fault does on the wire what it says — met here by the project's own client, which must do what its
// README promises (retries with backoff and Retry-After, gives up after its budget, retries a POST only when
// asked — and then assigns twice), and by the official SDK (a 429 and a reset). Each injected fault is in the
// request log, in the marker header and in `GET /__emulator/faults`.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { createClient, HuaweiCloudError } from '../../src/client/index.js';
import { DEMO } from '../../src/contract/default-fixtures.js';
import {
  checkContractFaults,
  checkFaults,
  type Faults,
  FaultInjector,
  FaultsError,
  type FaultQuery,
} from '../../src/emulator/faults.js';
import { type Emulator, type RequestLogEntry, startEmulator } from '../../src/emulator/index.js';
import { ROOT } from '../helpers/contract.js';
import { runEmulate, startEmulatorProcess } from '../helpers/emulator-process.js';

const P = DEMO.project;
const NIC = DEMO.nic;
const BIND = { nicId: NIC, subnetId: DEMO.subnet, ipAddress: '192.168.0.7' };
const ASSIGN = { publicip_pool_name: '5_telcom', bandwidth: { size: 5, share_type: 'PER', name: 'bw-1' } } as const;
const BIND_PATH = `/v1/${P}/cloudservers/nics/${NIC}`;

describe('fault rules are checked, with errors that name their place', () => {
  const refused = (data: unknown) => {
    try {
      checkContractFaults(data, 'faults.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(FaultsError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it.each([
    [{}, 'faults.yaml are not valid fault rules: (top level): must have required property'],
    [{ rules: [{ fault: { type: 'flood' } }] }, 'rules[0].fault.type: must be equal to one of the allowed values'],
    [{ rules: [{ probability: 2, fault: { type: 'reset' } }] }, 'rules[0].probability: must be <= 1'],
    [{ rules: [{ fault: { type: 'latency' } }] }, "rules[0].fault: must have required property 'ms'"],
    [{ rules: [{ fault: { type: 'reset' }, when: 1 }] }, 'rules[0]: must NOT have additional properties (when)'],
    [{ rules: [{ operation: 'DeleteEverything', fault: { type: 'reset' } }] }, 'rules[0].operation: DeleteEverything'],
    [
      { rules: [{ operation: 'CreatePublicIpV3', fault: { type: 'error', code: 'Ecs.0002' } }] },
      'rules[0].fault.code: Ecs.0002 is not an answer the contract documents for CreatePublicIpV3',
    ],
    [
      { rules: [{ fault: { type: 'error', code: 'VPC.0503' } }] },
      'documents for AssociateServerVirtualIp; name the operation with `operation`',
    ],
    [{ rules: [{ fault: { type: 'error', code: 'Nope.0001' } }] }, 'Nope.0001 is not a Huawei code the emulator knows'],
    [{ rules: [{ nth: 2, probability: 0.5, fault: { type: 'reset' } }] }, 'give nth or probability, not both'],
    [{ rules: [{ fault: { type: 'latency', ms: 10, max_ms: 5 } }] }, 'rules[0].fault.max_ms: 5 is less than ms 10'],
  ])('%j → %s', (data, message) => {
    expect(refused(data)).toContain(message);
  });

  it("accepts the README's example", async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /\*\*Faults on demand\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const rules = checkContractFaults((await import('yaml')).parse(block.replace(/^ {2}/gm, '')));
    expect(rules.rules.map((r) => r.fault.type)).toEqual(['throttle', 'fail-after-apply']);
  });

  it('accepts the documented errors of each operation, and returns a copy', () => {
    const rules: Faults = {
      rules: [
        { operation: 'CreatePublicIpV3', fault: { type: 'error', code: 'VPC.0503' } },
        { operation: 'AssociateServerVirtualIp', fault: { type: 'fail-after-apply', code: 'Ecs.0002' } },
        { method: 'PUT', path: '/v1/*/cloudservers/**', fault: { type: 'throttle' } },
      ],
    };
    const checked = checkContractFaults(rules);
    expect(checked).toEqual(rules);
    expect(checked).not.toBe(rules);
  });
});

describe('which requests a rule picks', () => {
  const bind: FaultQuery = { operationId: 'AssociateServerVirtualIp', method: 'PUT', path: BIND_PATH, projectId: P };
  const assign: FaultQuery = {
    operationId: 'CreatePublicIpV3',
    method: 'POST',
    path: `/v3/${P}/eip/publicips`,
    projectId: P,
  };
  const injector = (faults: Faults, now = () => 0) => {
    const made = new FaultInjector(now);
    made.set(checkFaults(faults, operations, () => new Set()));
    return made;
  };
  const picks = (made: FaultInjector, query: FaultQuery, n: number) =>
    Array.from({ length: n }, () => (made.decide(query) ? 1 : 0)).join('');

  it('by operation, method, path glob and project', () => {
    for (const [rule, bindPicked, assignPicked] of [
      [{ operation: 'CreatePublicIpV3' }, '0', '1'],
      [{ method: 'PUT' }, '1', '0'],
      [{ path: '/v1/*/cloudservers/nics/*' }, '1', '0'],
      [{ path: '/v3/**' }, '0', '1'],
      [{ project: P }, '1', '1'],
      [{ project: DEMO.otherProject }, '0', '0'],
    ] as const) {
      const made = injector({ rules: [{ ...rule, fault: { type: 'reset' } }] });
      expect([picks(made, bind, 1), picks(made, assign, 1)], JSON.stringify(rule)).toEqual([bindPicked, assignPicked]);
    }
  });

  it('from the Nth match, for a count', () => {
    expect(picks(injector({ rules: [{ nth: 3, fault: { type: 'reset' } }] }), bind, 6)).toBe('001111');
    expect(picks(injector({ rules: [{ nth: 2, count: 2, fault: { type: 'reset' } }] }), bind, 6)).toBe('011000');
    expect(picks(injector({ rules: [{ count: 1, fault: { type: 'reset' } }] }), bind, 3)).toBe('100');
  });

  it('with a probability, seeded: the same seed repeats, another differs', () => {
    const run = (seed: number) =>
      picks(injector({ seed, rules: [{ probability: 0.5, fault: { type: 'reset' } }] }), bind, 64);
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
    const ones = run(7)
      .split('')
      .filter((c) => c === '1').length;
    expect(ones).toBeGreaterThan(16);
    expect(ones).toBeLessThan(48);
  });

  it('in a window of time after the rules are set', () => {
    let now = 0;
    const made = injector({ rules: [{ after_ms: 100, for_ms: 50, fault: { type: 'reset' } }] }, () => now);
    const at = (ms: number) => {
      now = ms;
      return picks(made, bind, 1);
    };
    expect([at(99), at(100), at(149), at(150)].join('')).toBe('0110');
  });

  it('the first rule that acts wins; the report counts matches and injections per rule and type', () => {
    const made = injector({
      rules: [
        { name: 'first', count: 1, fault: { type: 'hang' } },
        { name: 'second', fault: { type: 'latency', ms: 5, max_ms: 9 } },
      ],
    });
    expect(made.decide(bind)?.rule).toBe('first');
    const later = made.decide(bind)!;
    expect(later.rule).toBe('second');
    expect(later.delayMs).toBeGreaterThanOrEqual(5);
    expect(later.delayMs).toBeLessThanOrEqual(9);
    const report = made.report();
    expect(report.rules.map((r) => [r.rule.name, r.matched, r.injected])).toEqual([
      ['first', 2, 1],
      ['second', 1, 1],
    ]);
    expect(report.injected).toEqual({ hang: 1, latency: 1 });
  });
});

describe('each fault on the wire, met by the project client and the official SDK', () => {
  let emulator: Emulator;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ log: (entry) => log.push(entry) });
  });
  afterAll(() => emulator?.close());
  afterEach(async () => {
    emulator.faults.clear();
    await emulator.reset();
    log.length = 0;
  });

  const client = (options: Parameters<typeof createClient>[0] = {}) =>
    createClient({
      endpoint: emulator.url,
      credentials: { token: DEMO.token, projectId: P },
      retry: { baseDelayMs: 10, maxDelayMs: 2000 },
      ...options,
    });
  const faultsSeen = () => log.map((e) => `${e.status}${e.fault ? ` ${e.fault}` : ''}`);
  const eips = () => Object.keys(emulator.snapshot().projects[P]!.eips).length;
  const settled = async () => {
    for (let i = 0; i < 50 && log.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('throttle: 429 APIGW.0308 with Retry-After; the client waits as told and succeeds', async () => {
    await emulator.faults.set({ rules: [{ name: 'busy', count: 2, fault: { type: 'throttle', retry_after: 1 } }] });
    const started = Date.now();
    await expect(client().bindVirtualIp(BIND)).resolves.toMatchObject({ port_id: NIC });
    // Two waits of the second Retry-After asked for, not the client's own 10 ms backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(faultsSeen()).toEqual(['429 throttle (busy)', '429 throttle (busy)', '200']);
    expect(log[0]!.code).toBe('APIGW.0308');
    expect(emulator.faults.report().rules[0]).toMatchObject({ matched: 3, injected: 2 });
  });

  it('error: a documented 500 every time; the client retries its budget with backoff, then gives up', async () => {
    await emulator.faults.set({
      rules: [{ operation: 'AssociateServerVirtualIp', fault: { type: 'error', code: 'Ecs.0002' } }],
    });
    const error = await client({ retry: { retries: 2, baseDelayMs: 10 } })
      .bindVirtualIp(BIND)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ status: 500, code: 'Ecs.0002', attempts: 3 });
    expect(faultsSeen()).toEqual(['500 error (rule 1)', '500 error (rule 1)', '500 error (rule 1)']);
    expect(emulator.faults.report().injected).toEqual({ error: 3 });
  });

  it('reset: the connection is reset before any answer; the client retries the PUT and succeeds', async () => {
    await emulator.faults.set({ rules: [{ count: 1, fault: { type: 'reset' } }] });
    await expect(client().bindVirtualIp(BIND)).resolves.toMatchObject({ port_id: NIC });
    expect(faultsSeen()).toEqual(['0 reset (rule 1)', '200']);
  });

  it('reset on a POST: the client does not retry it, and says so', async () => {
    await emulator.faults.set({ rules: [{ count: 1, fault: { type: 'reset' } }] });
    const error = await client()
      .assignEip(ASSIGN)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', attempts: 1 });
    expect(eips()).toBe(0);
  });

  it('truncate: the change is made and its answer cut mid-body; the client retries the PUT', async () => {
    await emulator.faults.set({ rules: [{ count: 1, fault: { type: 'truncate' } }] });
    await expect(client().bindVirtualIp(BIND)).resolves.toMatchObject({ port_id: NIC });
    expect(faultsSeen()).toEqual(['0 truncate (rule 1)', '200']);
    expect(emulator.snapshot().projects[P]!.ports[NIC]!.vipIds).toHaveLength(1);
  });

  it('hang: no answer; the client gives up after its timeout', async () => {
    await emulator.faults.set({ rules: [{ fault: { type: 'hang' } }] });
    const error = await client({ timeoutMs: 300, retry: false })
      .bindVirtualIp(BIND)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    await settled();
    expect(faultsSeen()).toEqual(['0 hang (rule 1)']);
  });

  it('latency: the answer comes late, marked, and is the real one', async () => {
    await emulator.faults.set({ rules: [{ fault: { type: 'latency', ms: 250 } }] });
    const started = Date.now();
    const res = await fetch(`${emulator.url}${BIND_PATH}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
      body: JSON.stringify({ nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } }),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-emulator-fault')).toBe('latency (rule 1)');
    expect(await res.json()).toEqual({ port_id: NIC });
  });

  it('fail-after-apply: without retryPost the client reports the 500 and one EIP exists; with it, two', async () => {
    const once = { rules: [{ count: 1, fault: { type: 'fail-after-apply' as const } }] };
    await emulator.faults.set(once);
    const error = await client()
      .assignEip(ASSIGN)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'VPC.0503', attempts: 1 });
    expect(eips()).toBe(1);

    await emulator.reset();
    await emulator.faults.set(once);
    await expect(client({ retry: { retryPost: true, baseDelayMs: 10 } }).assignEip(ASSIGN)).resolves.toMatchObject({
      publicip: { status: 'DOWN' },
    });
    // The reason the client retries POST only when asked: the first attempt assigned too.
    expect(eips()).toBe(2);
  });

  describe('the official SDK', () => {
    const require = createRequire(import.meta.url);
    type Sdk = { associateServerVirtualIp(request: unknown): Promise<unknown> };
    let sdk: Sdk;
    beforeAll(() => {
      const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
      const { EcsClient } = require('@huaweicloud/huaweicloud-sdk-ecs');
      sdk = EcsClient.newBuilder()
        .withCredential(new BasicCredentials().withAk(DEMO.ak).withSk(DEMO.sk).withProjectId(P))
        .withEndpoint(emulator.url)
        .build();
    });
    const request = {
      nic_id: NIC,
      body: { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } },
    };

    it('meets a 429 and reports Huawei’s code and status', async () => {
      await emulator.faults.set({ rules: [{ count: 1, fault: { type: 'throttle' } }] });
      const error = await sdk.associateServerVirtualIp(request).catch((e: unknown) => e);
      expect(error).toMatchObject({ httpStatusCode: 429, errorCode: 'APIGW.0308' });
      await expect(sdk.associateServerVirtualIp(request)).resolves.toMatchObject({ httpStatusCode: 200 });
    });

    it('meets a reset and fails with the connection error', async () => {
      await emulator.faults.set({ rules: [{ count: 1, fault: { type: 'reset' } }] });
      const error = (await sdk.associateServerVirtualIp(request).catch((e: unknown) => e)) as Record<string, unknown>;
      expect(JSON.stringify(error) + String(error)).toMatch(/ECONNRESET|socket hang up/);
      expect(faultsSeen()[0]).toBe('0 reset (rule 1)');
    });
  });
});

describe('the admin endpoints and --faults', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.close());

  it('PUT sets rules (checked, 400 Emulator.0001 naming the place), GET reports counts, DELETE clears', async () => {
    const admin = (method: string, body?: string) =>
      fetch(`${emulator.url}/__emulator/faults`, { method, ...(body !== undefined && { body }) });
    const bad = await admin('PUT', 'rules:\n  - fault: { type: throttle, retry_after: -1 }\n');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error_code: 'Emulator.0001',
      error_msg: expect.stringContaining('rules[0].fault.retry_after: must be >= 0'),
    });
    const set = await admin('PUT', JSON.stringify({ seed: 3, rules: [{ count: 1, fault: { type: 'throttle' } }] }));
    expect(set.status).toBe(200);
    const bind = () =>
      fetch(`${emulator.url}${BIND_PATH}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
        body: JSON.stringify({ nic: { subnet_id: '', ip_address: '' } }),
      });
    const throttled = await bind();
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await bind()).status).toBe(200);
    expect(await (await admin('GET')).json()).toMatchObject({
      seed: 3,
      rules: [{ rule: { name: 'rule 1', count: 1 }, matched: 2, injected: 1 }],
      injected: { throttle: 1 },
    });
    expect(await (await admin('DELETE')).json()).toMatchObject({ rules: [], injected: {} });
    expect((await bind()).status).toBe(200);
  });

  it('hwc-contract emulate --faults FILE names the rules at start-up and logs each fault; a bad file is one line, exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hwc-faults-cli-'));
    const file = path.join(dir, 'faults.yaml');
    writeFileSync(file, 'rules:\n  - name: busy\n    count: 1\n    fault: { type: throttle, retry_after: 2 }\n');
    const emulate = await startEmulatorProcess(['--faults', file, '--log']);
    try {
      const res = await fetch(`${emulate.url}${BIND_PATH}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
        body: JSON.stringify({ nic: { subnet_id: '', ip_address: '' } }),
      });
      expect([res.status, res.headers.get('retry-after')]).toEqual([429, '2']);
      for (let i = 0; i < 50 && !emulate.stdout().includes('fault='); i++) await new Promise((r) => setTimeout(r, 20));
      expect(emulate.stdout()).toContain(`fault rules from ${file}: busy (throttle)`);
      expect(emulate.stdout()).toMatch(/ PUT \/v1\/\S+ 429 APIGW\.0308 fault=throttle \(busy\) /);
    } finally {
      await emulate.stop();
    }
    writeFileSync(file, 'rules:\n  - fault: { type: error, code: VPC.0503 }\n');
    const refused = runEmulate(['--port', '0', '--faults', file]);
    let stderr = '';
    refused.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => refused.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `hwc-contract: emulate: ${file}: rules[0].fault.code: VPC.0503 is not an answer the contract documents for AssociateServerVirtualIp; name the operation with \`operation\``,
    ]);
  }, 30_000);

  it('startEmulator takes rules from a file, and refuses a bad one naming its place', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hwc-faults-'));
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'rules:\n  - operation: CreatePublicIpV3\n    fault: { type: error, code: VPC.0503 }\n');
    const started = await startEmulator({ faults: good });
    try {
      const res = await fetch(`${started.url}/v3/${P}/eip/publicips`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
        body: JSON.stringify({ publicip: ASSIGN }),
      });
      expect([res.status, ((await res.json()) as { error_code: string }).error_code]).toEqual([500, 'VPC.0503']);
    } finally {
      await started.close();
    }
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  - fault: { type: latency, ms: -5 }\n');
    await expect(startEmulator({ faults: bad })).rejects.toThrow(
      `${bad} are not valid fault rules: rules[0].fault.ms: must be >= 0`,
    );
  });
});
