// The validating proxy, with real traffic: the official SDK and the project's client call the real emulator
// through it (AK/SK signatures still verify upstream) with no violation; the conformance tests' broken servers
// behind it each get their violation reported, by rule; --fail-on-violation answers Huawei's 502 shape; the
// reports and the header hold nothing secret; the command prints, writes its report and exits by its findings.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { bundledContract } from '../../src/contract/bundled.js';
import { DEMO } from '../../src/contract/default-fixtures.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { type ContractProxy, startProxy } from '../../src/proxy/proxy.js';
import { VIOLATIONS_HEADER } from '../../src/proxy/violations.js';
import { proxyJsonReport, proxyJunitReport } from '../../src/proxy/report.js';
import { MUTATIONS, startBrokenServer } from '../conformance/broken-servers.js';
import { ROOT } from '../helpers/contract.js';
import { runEmulate, startEmulatorProcess } from '../helpers/emulator-process.js';

const P = DEMO.project;
const NIC = DEMO.nic;
const BIND_PATH = `/v1/${P}/cloudservers/nics/${NIC}`;
const ASSIGN_PATH = `/v3/${P}/eip/publicips`;
const contract = bundledContract();

/** The same traffic for every server: valid calls, calls a server must refuse, and one outside the contract. */
const TRAFFIC: { name: string; method: string; path: string; body?: unknown }[] = [
  {
    name: 'bind',
    method: 'PUT',
    path: BIND_PATH,
    body: { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } },
  },
  { name: 'unbind', method: 'PUT', path: BIND_PATH, body: { nic: { subnet_id: '', ip_address: '' } } },
  {
    name: 'assign',
    method: 'POST',
    path: ASSIGN_PATH,
    body: { publicip: { publicip_pool_name: '5_telcom', bandwidth: { size: 5, share_type: 'PER', name: 'bw-1' } } },
  },
  {
    name: 'assign, unknown pool',
    method: 'POST',
    path: ASSIGN_PATH,
    body: { publicip: { publicip_pool_name: 'no-such-pool', bandwidth: { size: 5, share_type: 'PER', name: 'bw' } } },
  },
  {
    name: 'assign, size 2001',
    method: 'POST',
    path: ASSIGN_PATH,
    body: { publicip: { publicip_pool_name: '5_telcom', bandwidth: { size: 2001, share_type: 'PER', name: 'bw' } } },
  },
];

async function send(proxy: ContractProxy): Promise<Response[]> {
  const answers: Response[] = [];
  for (const call of TRAFFIC)
    answers.push(
      await fetch(`${proxy.url}${call.path}`, {
        method: call.method,
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
        body: JSON.stringify(call.body),
      }),
    );
  for (const answer of answers) await answer.arrayBuffer();
  return answers;
}

describe('real traffic to the emulator, through the proxy', () => {
  let emulator: Emulator;
  let proxy: ContractProxy;
  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = await startProxy({ upstream: emulator.url, contract });
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  it('the official SDK (AK/SK, its Host signed) and the project client (token and AK/SK): no violation', async () => {
    const require = createRequire(import.meta.url);
    const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
    const { EcsClient } = require('@huaweicloud/huaweicloud-sdk-ecs');
    const sdk = EcsClient.newBuilder()
      .withCredential(new BasicCredentials().withAk(DEMO.ak).withSk(DEMO.sk).withProjectId(P))
      .withEndpoint(proxy.url)
      .build();
    const nic = { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true };
    await expect(sdk.associateServerVirtualIp({ nic_id: NIC, body: { nic } })).resolves.toMatchObject({
      httpStatusCode: 200,
    });
    await expect(
      sdk.disassociateServerVirtualIp({ nic_id: NIC, body: { nic: { subnet_id: '', ip_address: '' } } }),
    ).resolves.toMatchObject({ httpStatusCode: 200 });
    for (const credentials of [
      { token: DEMO.token, projectId: P },
      { ak: DEMO.ak, sk: DEMO.sk, projectId: P },
    ]) {
      const client = createClient({ endpoint: proxy.url, credentials });
      await client.bindVirtualIp({ nicId: NIC, subnetId: DEMO.subnet, ipAddress: '192.168.0.8' });
      await client.unbindVirtualIp({ nicId: NIC });
      const { publicip } = await client.assignEip({
        publicip_pool_name: '5_telcom',
        public_ip_address: '100.64.0.9',
        bandwidth: { size: 5, share_type: 'PER', name: 'bw-1' },
      });
      expect(publicip.public_ip_address).toBe('100.64.0.9');
      await emulator.reset();
    }
    const report = proxy.report();
    expect(report.exchanges).toBe(8);
    expect(report.findings).toEqual([]);
    expect(report.operations).toEqual([
      { operationId: 'AssociateServerVirtualIp', exchanges: 6, violations: 0 },
      { operationId: 'CreatePublicIpV3', exchanges: 2, violations: 0 },
    ]);
  });

  it("the mixed traffic: only the requests the contract forbids are reported, and the emulator's answers are not", async () => {
    const before = proxy.report().findings.length;
    const answers = await send(proxy);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 201, 404, 400]);
    expect(answers.map((a) => a.headers.get(VIOLATIONS_HEADER) !== null)).toEqual([false, false, false, false, true]);
    const found = proxy.report().findings.slice(before);
    expect(found.flatMap((f) => f.violations.map((v) => `${v.side} ${v.rule}`))).toEqual(['request body']);
    expect(JSON.parse(answers[4]!.headers.get(VIOLATIONS_HEADER)!)).toEqual([
      { side: 'request', rule: 'body', message: 'publicip.bandwidth.size must be <= 2000' },
    ]);
    const outside = await fetch(`${proxy.url}/v2/nothing`, { headers: { 'X-Auth-Token': DEMO.token } });
    expect(outside.status).toBe(404);
    expect(JSON.parse(outside.headers.get(VIOLATIONS_HEADER)!)[0]).toMatchObject({ rule: 'operation' });
  });
});

/**
 * The broken servers whose fault shows in a single exchange, each with the violation the proxy must report for the
 * traffic above. The others break what only a sequence of calls or other credentials show (a double assign,
 * project isolation, authentication) or answer in a documented way (a 500 the contract allows, a documented code
 * for the wrong reason): those are the conformance runner's to find.
 */
const BROKEN: [mutation: keyof typeof MUTATIONS, rule: string][] = [
  ['bind-answers-202', 'response status'],
  ['unknown-pool-422', 'response status'],
  ['eip-missing-required-field', 'response schema'],
  ['enum-value-outside', 'response schema'],
  ['no-request-id', 'response header'],
  ['wrong-error-shape', 'response schema'],
  ['bandwidth-out-of-range-accepted', 'response accepted-invalid'],
  ['bandwidth-one-past-maximum-accepted', 'response accepted-invalid'],
];

describe('broken servers behind the proxy: each violation reported', () => {
  it.each(BROKEN)('%s → %s', async (mutation, rule) => {
    const broken = await startBrokenServer(MUTATIONS[mutation]!);
    const proxy = await startProxy({ upstream: broken.url, contract });
    try {
      await send(proxy);
      const rules = proxy.report().findings.flatMap((f) => f.violations.map((v) => `${v.side} ${v.rule}`));
      expect(rules).toContain(rule);
    } finally {
      await proxy.close();
      await broken.close();
    }
  });

  it('--fail-on-violation: a response that breaks the contract becomes a Huawei-shaped 502 Proxy.0502', async () => {
    const broken = await startBrokenServer(MUTATIONS['bind-answers-202']!);
    const proxy = await startProxy({ upstream: broken.url, contract, failOnViolation: true });
    try {
      const [bind, , assign] = await Promise.all([send(proxy)]).then(([a]) => a);
      expect(bind!.status).toBe(502);
      expect(assign!.status).toBe(201);
      const again = await fetch(`${proxy.url}${BIND_PATH}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': DEMO.token },
        body: JSON.stringify(TRAFFIC[0]!.body),
      });
      expect(again.status).toBe(502);
      expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      const body = (await again.json()) as Record<string, string>;
      expect(Object.keys(body).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
      expect(body.error_code).toBe('Proxy.0502');
      expect(body.error_msg).toContain('status 202 is not documented for AssociateServerVirtualIp');
    } finally {
      await proxy.close();
      await broken.close();
    }
  });

  it('a request body over 16 MiB: 413 Proxy.0413, nothing forwarded', async () => {
    const broken = await startBrokenServer(MUTATIONS['bind-answers-202']!);
    const proxy = await startProxy({ upstream: broken.url, contract });
    try {
      const res = await fetch(`${proxy.url}${ASSIGN_PATH}`, { method: 'POST', body: 'x'.repeat(16 * 1024 * 1024 + 1) });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('Proxy.0413');
      expect(proxy.report().exchanges).toBe(0);
    } finally {
      await proxy.close();
      await broken.close();
    }
  });

  it('an upstream that cannot be reached: 502 Proxy.0503, reported', async () => {
    const proxy = await startProxy({ upstream: 'http://127.0.0.1:9', contract });
    try {
      const res = await fetch(`${proxy.url}${BIND_PATH}`, { method: 'PUT', body: '{}' });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('Proxy.0503');
      expect(proxy.report().findings[0]!.violations.at(-1)).toMatchObject({ rule: 'unreachable' });
    } finally {
      await proxy.close();
    }
  });
});

describe('nothing secret, and the command', () => {
  it('no token, SK or signature in the report (JSON, JUnit) or the header, whatever the traffic', async () => {
    const broken = await startBrokenServer(MUTATIONS['eip-missing-required-field']!);
    const proxy = await startProxy({ upstream: broken.url, contract });
    const headers: string[] = [];
    try {
      const client = createClient({ endpoint: proxy.url, credentials: { ak: DEMO.ak, sk: DEMO.sk, projectId: P } });
      const signed = await client.POST('/v3/{project_id}/eip/publicips', {
        params: { path: { project_id: P } },
        body: { publicip: { publicip_pool_name: '5_telcom', bandwidth: { size: 5, share_type: 'PER', name: 'b' } } },
      });
      headers.push(signed.response.headers.get(VIOLATIONS_HEADER) ?? '');
      await send(proxy);
      const report = proxy.report();
      expect(report.violations).toBeGreaterThan(0);
      for (const text of [proxyJsonReport(report), proxyJunitReport(report), ...headers]) {
        expect(text).not.toContain(DEMO.token);
        expect(text).not.toContain(DEMO.sk);
        expect(text).not.toMatch(/Signature=|X-Auth-Token|authorization/i);
      }
    } finally {
      await proxy.close();
      await broken.close();
    }
  });

  it('hwc-contract proxy: a bad --upstream is one line and exit 2, never echoing a credential in it', async () => {
    for (const [upstream, line] of [
      ['ftp://127.0.0.1/x', 'hwc-contract: proxy: --upstream must be an http or https URL, not ftp:'],
      ['http://admin:s3cr3t@127.0.0.1:1', 'hwc-contract: proxy: --upstream must not hold credentials'],
    ] as const) {
      const child = runEmulate(['--upstream', upstream], process.env, ROOT, 'proxy');
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([line]);
    }
  });

  it('hwc-contract proxy: prints its URL and each violation; on SIGTERM writes the JUnit report and exits 1', async () => {
    const emulator = await startEmulator();
    const dir = mkdtempSync(path.join(tmpdir(), 'hwc-proxy-'));
    const file = path.join(dir, 'proxy.xml');
    // The contract read from the YAML sources with --spec, compiled at run time.
    const spec = path.join(ROOT, 'spec', 'openapi.yaml');
    const proxy = await startEmulatorProcess(
      ['--upstream', emulator.url, '--report', file, '--spec', spec],
      undefined,
      undefined,
      'proxy',
    );
    try {
      await send({ url: proxy.url } as ContractProxy);
      expect(await proxy.stop()).toBe(1);
      expect(proxy.stdout()).toContain(
        `violation: POST ${ASSIGN_PATH} → 400: [request body] publicip.bandwidth.size must be <= 2000`,
      );
      expect(proxy.stdout()).toContain(`judging with ${spec}`);
      expect(proxy.stdout()).toMatch(/proxy: 5 exchanges, 1 broke the contract \(1 violations\); report in /);
      const junit = readFileSync(file, 'utf8');
      expect(junit).toContain('<testsuites name="hwc-contract proxy" tests="2" failures="1"');
      expect(junit).toContain('<testcase classname="hwc-contract.proxy" name="CreatePublicIpV3"');
    } finally {
      await proxy.kill();
      await emulator.close();
    }
  }, 30_000);
});
