// The emulator over real HTTP, started on a free port: our client and the official Huawei SDK call it and read
// its errors; the wire details (X-Request-Id, error shapes, content type, JSON, size, unknown paths, auth,
// project isolation, admin endpoints) are checked with plain fetch.
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as validators from '../../generated/validators.js';
import { createClient, HuaweiCloudError } from '../../src/client/index.js';
import { packageRoot } from '../../src/contract/package-root.js';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { bundledSpecText } from '../../src/contract/bundled.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { MAX_BODY_BYTES } from '../../src/emulator/pipeline.js';
import type { StateJson } from '../../src/emulator/state.js';
import { signRequest } from '../../src/signing/index.js';
import { captureStderr } from '../helpers/capture-stderr.js';

const require = createRequire(import.meta.url);
const root = packageRoot();
const P = DEMO.project;
const NIC = DEMO.nic;
const BIND = { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } };
const UNBIND = { nic: { subnet_id: '', ip_address: '' } };
const SEED_EIP = {
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
  },
};
const nicPath = (project: string = P, nic: string = NIC) => `/v1/${project}/cloudservers/nics/${nic}`;
const eipPath = (project: string = P) => `/v3/${project}/eip/publicips`;

let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await serveEmulator({
    fixtures: DEFAULT_FIXTURES,
    openapiJson: bundledSpecText(root),
    renderDocs: async () => '<html>docs</html>',
  });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  expect((await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' })).status).toBe(200);
});

async function call(
  method: string,
  pathname: string,
  body?: unknown,
  headers: Record<string, string> = { 'x-auth-token': DEMO.token },
  raw?: string | Buffer,
) {
  const res = await fetch(emulator.url + pathname, {
    method,
    headers: { ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

const state = async () => (await call('GET', '/__emulator/state')).json as unknown as StateJson;

describe('with our client (AK/SK and token, contract validation of every response on)', () => {
  for (const [name, credentials] of [
    ['AK/SK', { ak: DEMO.ak, sk: DEMO.sk, projectId: P }],
    ['token', { token: DEMO.token, projectId: P }],
  ] as const) {
    it(`${name}: bind, rebind, unbind and assign succeed and the state shows them`, async () => {
      const client = createClient({ endpoint: emulator.url, credentials, validate: true, retry: false });
      const bind = { nicId: NIC, subnetId: DEMO.subnet, ipAddress: '192.168.0.7', reverseBinding: true };
      // Bind, then the same bind again (harmless).
      expect(await client.bindVirtualIp(bind)).toEqual({ port_id: NIC });
      expect(await client.bindVirtualIp(bind)).toEqual({ port_id: NIC });
      let s = await state();
      expect(s.projects[P]!.ports[NIC]!.vipIds).toHaveLength(1);
      expect(await client.unbindVirtualIp({ nicId: NIC })).toEqual({ port_id: NIC });
      s = await state();
      expect(s.projects[P]!.ports[NIC]!.vipIds).toEqual([]);
      const assigned = await client.assignEip(SEED_EIP.publicip as never);
      expect(assigned.publicip).toMatchObject({ public_ip_address: '100.64.0.1', status: 'DOWN', project_id: P });
      expect((await state()).pools['5_telcom']!.allocated['100.64.0.1']).toBe(assigned.publicip.id);
    });
  }

  it('reads the emulator’s errors as HuaweiCloudError: code, status, requestId, the field in the message', async () => {
    const client = createClient({
      endpoint: emulator.url,
      credentials: { token: DEMO.token, projectId: P },
      validate: { response: true },
      retry: false,
    });
    await client.assignEip({ ...SEED_EIP.publicip, public_ip_address: '100.64.0.9' } as never);
    const error = await client
      .assignEip({ ...SEED_EIP.publicip, public_ip_address: '100.64.0.9' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({
      kind: 'response',
      status: 409,
      code: 'VPC.0522',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((error as Error).message).toContain('publicip.public_ip_address');
    const ecs = await client
      .bindVirtualIp({ nicId: NIC, subnetId: DEMO.subnet, ipAddress: '192.168.1.7' })
      .catch((e: unknown) => e);
    expect(ecs).toMatchObject({ status: 400, code: 'Ecs.0039' });
  });
});

describe('with the official Huawei SDK (AK/SK)', () => {
  type Sdk = {
    associateServerVirtualIp(r: unknown): Promise<Record<string, unknown>>;
    disassociateServerVirtualIp(r: unknown): Promise<Record<string, unknown>>;
    hcClient: { sendRequest(o: unknown): Promise<Record<string, unknown>> };
  };
  let sdk: Sdk;
  let ecs: unknown;
  beforeAll(() => {
    // The SDK writes ~/.huaweicloud/application_id when a client is built: keep that out of the real home.
    process.env.HOME = mkdtempSync(path.join(tmpdir(), 'hwc-sdk-home-'));
    const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
    ecs = require('@huaweicloud/huaweicloud-sdk-ecs');
    const EcsClient = (
      ecs as unknown as {
        EcsClient: { newBuilder(): { withCredential(c: unknown): { withEndpoint(u: string): { build(): Sdk } } } };
      }
    ).EcsClient;
    sdk = EcsClient.newBuilder()
      .withCredential(new BasicCredentials().withAk(DEMO.ak).withSk(DEMO.sk).withProjectId(P))
      .withEndpoint(emulator.url)
      .build();
  });

  // The SDK's own request model classes, as its users write them.
  const bindRequest = (ip: string) => {
    const sdkModels = ecs as unknown as Record<string, new () => Record<string, (value: unknown) => unknown>>;
    const option = new sdkModels.AssociateServerVirtualIpOption!();
    option.withSubnetId!(DEMO.subnet);
    option.withIpAddress!(ip);
    option.withReverseBinding!(true);
    const body = new sdkModels.AssociateServerVirtualIpRequestBody!();
    body.withNic!(option);
    const request = new sdkModels.AssociateServerVirtualIpRequest!();
    request.withNicId!(NIC);
    request.withBody!(body);
    return request;
  };

  it('associateServerVirtualIp / disassociateServerVirtualIp succeed', async () => {
    expect(await sdk.associateServerVirtualIp(bindRequest('192.168.0.7'))).toMatchObject({
      port_id: NIC,
      httpStatusCode: 200,
    });
    expect((await state()).projects[P]!.ports[NIC]!.vipIds).toHaveLength(1);
    expect(
      await sdk.disassociateServerVirtualIp({
        nic_id: NIC,
        body: { nic: { subnet_id: '', ip_address: '', reverse_binding: false } },
      }),
    ).toMatchObject({ port_id: NIC, httpStatusCode: 200 });
    expect((await state()).projects[P]!.ports[NIC]!.vipIds).toEqual([]);
  });

  it('hcClient.sendRequest assigns an EIP over v3', async () => {
    const result = await sdk.hcClient.sendRequest({
      method: 'POST',
      url: '/v3/{project_id}/eip/publicips',
      contentType: 'application/json',
      pathParams: {},
      headers: {},
      data: SEED_EIP,
    });
    expect(result).toMatchObject({
      httpStatusCode: 201,
      publicip: { public_ip_address: '100.64.0.1', publicip_pool_name: '5_telcom' },
    });
  });

  it('reads the emulator’s errors: errorCode and requestId (ECS shape and the v3 shape)', async () => {
    const ecsError = (await sdk
      .associateServerVirtualIp(bindRequest('192.168.0.1'))
      .catch((e: unknown) => e)) as Record<string, unknown>;
    expect(ecsError).toMatchObject({
      httpStatusCode: 400,
      errorCode: 'Ecs.0005',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(String(ecsError.errorMsg)).toContain('nic.ip_address 192.168.0.1');
    const eipError = (await sdk.hcClient
      .sendRequest({
        method: 'POST',
        url: '/v3/{project_id}/eip/publicips',
        contentType: 'application/json',
        pathParams: {},
        headers: {},
        data: { publicip: { ...SEED_EIP.publicip, publicip_pool_name: 'nope' } },
      })
      .catch((e: unknown) => e)) as Record<string, unknown>;
    expect(eipError).toMatchObject({
      httpStatusCode: 404,
      errorCode: 'VPC.0504',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});

describe('on the wire', () => {
  it('every response carries X-Request-Id; error bodies echo it (v3 and gateway shapes)', async () => {
    const responses = [
      await call('PUT', nicPath(), BIND),
      await call('POST', eipPath(), { publicip: {} }),
      await call('GET', '/nowhere'),
      await call('PUT', nicPath(), BIND, {}),
      await call('GET', '/openapi.json'),
      await call('GET', '/__emulator/state'),
    ];
    for (const r of responses) expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(responses[1]!.json!.request_id).toBe(responses[1]!.headers.get('x-request-id'));
    expect(responses[3]!.json!.request_id).toBe(responses[3]!.headers.get('x-request-id'));
  });

  it.each([
    [
      'invalid JSON (ECS)',
      'PUT',
      nicPath(),
      undefined,
      '{"nic":',
      400,
      { error: { code: 'Ecs.0005', message: expect.stringContaining('not valid JSON') } },
    ],
    [
      'invalid JSON (EIP)',
      'POST',
      eipPath(),
      undefined,
      '{',
      400,
      { error_code: 'VPC.0501', error_msg: expect.stringContaining('not valid JSON') },
    ],
    [
      'an unknown field',
      'PUT',
      nicPath(),
      { nic: { ...BIND.nic, colour: 'red' } },
      undefined,
      400,
      { error: { code: 'Ecs.0005', message: expect.stringContaining('nic.colour is not a known field') } },
    ],
    [
      'a missing required field',
      'POST',
      eipPath(),
      { publicip: { bandwidth: SEED_EIP.publicip.bandwidth } },
      undefined,
      400,
      { error_code: 'VPC.0501', error_msg: expect.stringContaining('publicip.publicip_pool_name is required') },
    ],
    [
      'an out-of-range bandwidth',
      'POST',
      eipPath(),
      { publicip: { ...SEED_EIP.publicip, bandwidth: { ...SEED_EIP.publicip.bandwidth, size: 2001 } } },
      undefined,
      400,
      { error_code: 'VPC.0301', error_msg: expect.stringContaining('publicip.bandwidth.size') },
    ],
    [
      'a bind with an address that is not an IP',
      'PUT',
      nicPath(),
      { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.300' } },
      undefined,
      400,
      { error: { code: 'Ecs.0005', message: expect.stringContaining('nic.ip_address') } },
    ],
    [
      'a half-empty unbind',
      'PUT',
      nicPath(),
      { nic: { subnet_id: '', ip_address: '192.168.0.7' } },
      undefined,
      400,
      { error: { code: 'Ecs.0005' } },
    ],
    [
      'an empty body',
      'PUT',
      nicPath(),
      undefined,
      '',
      400,
      { error: { code: 'Ecs.0005', message: expect.stringContaining('body is required') } },
    ],
    [
      'an EIP project_id longer than 32',
      'POST',
      eipPath('a'.repeat(33)),
      SEED_EIP,
      undefined,
      400,
      { error_code: 'VPC.0501', error_msg: expect.stringContaining('project_id') },
    ],
    [
      'an unknown path',
      'GET',
      '/v2/x/servers',
      undefined,
      undefined,
      404,
      { error_code: 'APIGW.0101', error_msg: expect.stringContaining('GET /v2/x/servers') },
    ],
    [
      'a wrong method on a known path',
      'DELETE',
      nicPath(),
      undefined,
      undefined,
      404,
      { error_code: 'APIGW.0101', error_msg: expect.stringContaining('no DELETE') },
    ],
  ] as const)('%s → %s', async (_name, method, pathname, body, raw, status, expected) => {
    const r = await call(method, pathname, body, { 'x-auth-token': DEMO.token }, raw);
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject(expected);
  });

  it('a wrong content type → 400 naming it', async () => {
    const r = await call(
      'PUT',
      nicPath(),
      undefined,
      { 'x-auth-token': DEMO.token, 'content-type': 'text/plain' },
      JSON.stringify(BIND),
    );
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 'Ecs.0005', message: expect.stringContaining('"text/plain"') } });
    // The official SDK's `application/json;charset=UTF-8` is fine.
    expect(
      (
        await call(
          'PUT',
          nicPath(),
          undefined,
          { 'x-auth-token': DEMO.token, 'content-type': 'application/json;charset=UTF-8' },
          JSON.stringify(BIND),
        )
      ).status,
    ).toBe(200);
  });

  it('a body over 1 MiB → 413 APIGW.0201, declared or streamed, and the emulator keeps serving', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const declared = await call('POST', eipPath(), undefined, { 'x-auth-token': DEMO.token }, big);
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ error_code: 'APIGW.0201' });
    const streamed = await fetch(emulator.url + eipPath(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': DEMO.token },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await call('PUT', nicPath(), BIND)).status).toBe(200);
  });

  it('no credentials, an unknown token or a bad signature → 401 APIGW.0301 in the gateway shape', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { 'x-auth-token': 'nope' },
      {
        authorization: `SDK-HMAC-SHA256 Access=X, SignedHeaders=x-sdk-date, Signature=${'0'.repeat(64)}`,
        'x-sdk-date': '20261123T000000Z',
      },
    ]) {
      const r = await call('PUT', nicPath(), BIND, headers);
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({
        error_code: 'APIGW.0301',
        error_msg: expect.stringContaining('Incorrect IAM authentication information'),
      });
      expect(validators.validateAssociateServerVirtualIpResponse401(r.json)).toBe(true);
    }
  });

  it('locks an AK after more than 5 consecutive signature failures (over HTTP)', async () => {
    // The signature covers the path: sign the path actually sent.
    const sendTo = async (sk: string) => {
      const pathname = nicPath(DEMO.otherProject, 'ab4c5d6e-7f8a-4b9c-8d2e-3f4a5b6c7d8e');
      const signed = signRequest({
        method: 'PUT',
        url: emulator.url + pathname,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(UNBIND),
        key: { ak: DEMO.otherAk, sk },
      });
      return call('PUT', pathname, undefined, signed.headers, JSON.stringify(UNBIND));
    };
    expect((await sendTo(DEMO.otherSk)).status).toBe(200);
    const fail = async (times: number) => {
      for (let i = 0; i < times; i += 1)
        expect((await sendTo('wrong')).json).toMatchObject({
          error_msg: expect.stringContaining('verify aksk signature fail'),
        });
    };
    await fail(5);
    expect((await sendTo(DEMO.otherSk)).status).toBe(200);
    await fail(6);
    const locked = await sendTo(DEMO.otherSk);
    expect(locked.status).toBe(401);
    expect(locked.json).toMatchObject({ error_msg: expect.stringContaining('AK access failed to reach the limit') });
  });

  it('project isolation: a credential of one project cannot touch another; resources of one project are invisible to another', async () => {
    const mismatch = await call('PUT', nicPath(), BIND, { 'x-auth-token': DEMO.otherToken });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json).toMatchObject({ error: { code: 'Ecs.0023' } });
    expect((await call('POST', eipPath(), SEED_EIP, { 'x-auth-token': DEMO.otherToken })).json).toMatchObject({
      error_code: 'VPC.0007',
    });
    const invisible = await call('PUT', nicPath(DEMO.otherProject), BIND, { 'x-auth-token': DEMO.otherToken });
    expect(invisible.status).toBe(404);
    expect(invisible.json).toMatchObject({ error: { code: 'Ecs.0307' } });
    // An EIP of the first project does not count against, or show in, the second.
    expect((await call('POST', eipPath(), SEED_EIP)).status).toBe(201);
    const s = await state();
    expect(Object.keys(s.projects[DEMO.otherProject]!.eips)).toEqual([]);
  });

  it('serves the bundled contract at /openapi.json and the docs at /docs', async () => {
    const spec = await call('GET', '/openapi.json');
    expect(spec.json).toMatchObject({ openapi: '3.1.0' });
    const docs = await fetch(`${emulator.url}/docs`);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toBe('<html>docs</html>');
  });
});

describe('admin endpoints', () => {
  it('reset brings back the fixtures’ state', async () => {
    await call('POST', eipPath(), SEED_EIP);
    expect(Object.keys((await state()).projects[P]!.eips)).toHaveLength(1);
    await call('POST', '/__emulator/reset');
    expect(Object.keys((await state()).projects[P]!.eips)).toHaveLength(0);
  });

  it('fixtures: loads new ones (YAML or JSON); a bad file is refused with the place of the problem and changes nothing', async () => {
    const bad = await fetch(`${emulator.url}/__emulator/fixtures`, {
      method: 'POST',
      body: 'projects: []\npools:\n  - name: p\n    id: x\n    ipv4: [not-a-cidr]\n',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error_msg: string }).error_msg).toContain('pools[0].ipv4[0]');
    expect((await state()).pools['5_telcom']).toBeDefined();
    const yaml = `projects:\n  - id: ${P}\n    quota: { eips: 1 }\npools:\n  - { name: only, id: c0a80001-0000-4000-8000-000000000001, ipv4: [203.0.113.0/30] }\ntokens:\n  - { token: t1, project_id: ${P} }\n`;
    const good = await fetch(`${emulator.url}/__emulator/fixtures`, { method: 'POST', body: yaml });
    expect(good.status).toBe(200);
    const assignFromOnly = () =>
      call(
        'POST',
        eipPath(),
        { publicip: { ...SEED_EIP.publicip, publicip_pool_name: 'only' } },
        { 'x-auth-token': 't1' },
      );
    expect((await assignFromOnly()).status).toBe(201);
    expect((await assignFromOnly()).json).toMatchObject({ error_code: 'VPC.0521' });
    await fetch(`${emulator.url}/__emulator/fixtures`, { method: 'POST', body: JSON.stringify(DEFAULT_FIXTURES) });
  });

  it('unknown admin endpoint → 404 listing the real ones', async () => {
    const r = await call('GET', '/__emulator/nope');
    expect(r.status).toBe(404);
    expect(r.text).toContain('/__emulator/reset');
  });
});

describe('an internal error', () => {
  it('answers 500 Emulator.0500 in the gateway shape, and prints the path without its query string', async () => {
    const broken = await serveEmulator({
      fixtures: DEFAULT_FIXTURES,
      now: () => {
        throw new Error('the clock broke');
      },
    });
    const stderr = captureStderr();
    try {
      const res = await fetch(`${broken.url}${nicPath()}?token=secret-in-the-query`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-auth-token': DEMO.token },
        body: JSON.stringify(BIND),
      });
      expect(res.status).toBe(500);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(await res.json()).toMatchObject({
        error_code: 'Emulator.0500',
        request_id: res.headers.get('x-request-id'),
      });
      const printed = stderr.text();
      expect(printed).toContain(`internal error on PUT ${nicPath()}: Error: the clock broke`);
      expect(printed).not.toContain('secret-in-the-query');
    } finally {
      stderr.restore();
      await broken.close();
    }
  });
});

describe('bounded error messages', () => {
  it('a body with 20,000 problems: 400, the first problems, "and N more", within the contract’s 1,024 characters', async () => {
    const extra = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, i]));
    const r = await call('POST', eipPath(), { publicip: { ...SEED_EIP.publicip, ...extra } });
    expect(r.status).toBe(400);
    const body = r.json as { error_code: string; error_msg: string };
    expect(body.error_code).toBe('VPC.0501');
    expect(body.error_msg).toMatch(/publicip\.f0 is not a known field; .* and \d+ more$/);
    expect(body.error_msg.length).toBeLessThanOrEqual(1024);
  });

  it('a field name of 200,000 characters is not echoed whole', async () => {
    const r = await call('PUT', nicPath(), { nic: { ...BIND.nic, ['x'.repeat(200_000)]: 1 } });
    expect(r.status).toBe(400);
    const body = r.json as { error: { code: string; message: string } };
    expect(body.error.code).toBe('Ecs.0005');
    expect(body.error.message.length).toBeLessThanOrEqual(1024);
  });

  it('a long path parameter is cut too', async () => {
    const r = await call('PUT', nicPath(P, 'n'.repeat(5000)), BIND);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.json).length).toBeLessThan(1200);
  });
});

describe('identifiers named like Object.prototype properties', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(NAMES)('%s as a NIC ID: 404 Ecs.0307', async (name) => {
    const r = await call('PUT', nicPath(P, name), BIND);
    expect(r.status).toBe(404);
    expect((r.json as { error: { code: string } }).error.code).toBe('Ecs.0307');
  });

  it.each(NAMES)('%s as a pool name: 404 VPC.0504', async (name) => {
    const r = await call('POST', eipPath(), { publicip: { ...SEED_EIP.publicip, publicip_pool_name: name } });
    expect(r.status).toBe(404);
    expect((r.json as { error_code: string }).error_code).toBe('VPC.0504');
  });

  it.each(NAMES)('%s as associate_instance_id: 404 VPC.0504, and no such port in the state', async (name) => {
    const publicip = { ...SEED_EIP.publicip, associate_instance_type: 'PORT', associate_instance_id: name };
    const r = await call('POST', eipPath(), { publicip });
    expect(r.status).toBe(404);
    expect((r.json as { error_code: string }).error_code).toBe('VPC.0504');
    const state = (await call('GET', '/__emulator/state')).json as unknown as StateJson;
    expect(Object.keys(state.projects[P]!.ports)).not.toContain(name);
    expect(Object.keys(state.projects[P]!.ports)).not.toContain('undefined');
  });

  it.each(NAMES)('%s as the project ID (auth off for the URL): no 5xx', async (name) => {
    const r = await call('PUT', nicPath(name), BIND, { 'x-auth-token': DEMO.adminToken });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});

describe('the admin endpoints refuse what a web page could send', () => {
  const raw = (headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${emulator.url}/__emulator/fixtures`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('projects: []\npools: []\n');
    });

  it('a text/plain POST from another origin cannot swap the fixtures: 403 Emulator.0403, state unchanged', async () => {
    const before = (await call('GET', '/__emulator/state')).text;
    const host = new URL(emulator.url).host;
    const r = await raw({ host, origin: 'http://attacker.example', 'content-type': 'text/plain' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error_code: 'Emulator.0403' });
    expect((await call('GET', '/__emulator/state')).text).toBe(before);
  });

  it('a rebound DNS name (a foreign Host) gets 403 Emulator.0403', async () => {
    const r = await raw({ host: `attacker.example:${new URL(emulator.url).port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error_code: 'Emulator.0403' });
  });
});
