// The emulator's request pipeline with plain objects and no socket: each stage in Huawei's order (route →
// gateway: size, auth → content type and JSON → validators → handler → commit → answer), and the answer as
// the adapter would write it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { createPipeline, MAX_BODY_BYTES, type OperationRequest } from '../../src/emulator/pipeline.js';
import { createRuntime } from '../../src/emulator/runtime.js';
import type { Answer } from '../../src/emulator/wire.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const NIC_PATH = `/v1/${DEMO.project}/cloudservers/nics/${DEMO.nic}`;
const EIP_PATH = `/v3/${DEMO.project}/eip/publicips`;
const BIND = { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } };
const ASSIGN = {
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 5, share_type: 'PER', name: 'b' },
  },
};

async function setup() {
  const runtime = await createRuntime({ fixtures: DEFAULT_FIXTURES, auth: 'token' });
  const pipeline = createPipeline(runtime, () => NOW);
  /** One call, routed and operated, as the adapter does it. */
  const call = async (
    method: string,
    target: string,
    body: unknown,
    headers: OperationRequest['headers'] = { 'x-auth-token': DEMO.token, 'content-type': 'application/json' },
  ): Promise<Answer & { json: unknown }> => {
    const routed = pipeline.route(method, target.split('?')[0]!);
    const requestId = 'r'.repeat(32);
    const raw = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    const answer = routed.operation
      ? await pipeline.operate(routed, { method, target, headers, body: Buffer.from(raw), requestId })
      : pipeline.notFound(method, target, routed.otherMethod, requestId);
    return { ...answer, json: JSON.parse(answer.payload) };
  };
  return { runtime, pipeline, call };
}

describe('the emulator pipeline, without a socket', () => {
  it('binds a VIP: 200 with the NIC, and the state changed', async () => {
    const { runtime, call } = await setup();
    const answer = await call('PUT', NIC_PATH, BIND);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json', requestId: 'r'.repeat(32) });
    expect(answer.json).toEqual({ port_id: DEMO.nic });
    expect(answer.code).toBeUndefined();
    const pairs = runtime.state.projects[DEMO.project]!.ports[DEMO.nic]!.allowedAddressPairs;
    expect(pairs.map((p) => p.ip_address)).toContain('192.168.0.7');
  });

  it('assigns an EIP: 201 from the pool, counted in the quota', async () => {
    const { runtime, call } = await setup();
    const answer = await call('POST', EIP_PATH, ASSIGN);
    expect(answer.status).toBe(201);
    expect((answer.json as { publicip: { publicip_pool_name: string } }).publicip.publicip_pool_name).toBe('5_telcom');
    expect(runtime.state.projects[DEMO.project]!.usage.eips).toBe(1);
  });

  it.each<[string, string, string, unknown, OperationRequest['headers'] | undefined, number, string]>([
    ['an unknown path', 'GET', '/v2/nothing', undefined, undefined, 404, 'APIGW.0101'],
    ['a known path with another method', 'DELETE', EIP_PATH, undefined, undefined, 404, 'APIGW.0101'],
    ['no token', 'PUT', NIC_PATH, BIND, { 'content-type': 'application/json' }, 401, 'APIGW.0301'],
    ['an unknown token', 'PUT', NIC_PATH, BIND, { 'x-auth-token': 'nope' }, 401, 'APIGW.0301'],
    [
      'a bad percent-encoding',
      'PUT',
      `/v1/${DEMO.project}/cloudservers/nics/%E0%A4%A`,
      BIND,
      undefined,
      400,
      'Ecs.0005',
    ],
    ['no body', 'POST', EIP_PATH, undefined, undefined, 400, 'VPC.0501'],
    [
      'a text/plain body',
      'POST',
      EIP_PATH,
      ASSIGN,
      { 'x-auth-token': DEMO.token, 'content-type': 'text/plain' },
      400,
      'VPC.0501',
    ],
    ['invalid JSON', 'PUT', NIC_PATH, '{"nic": ', undefined, 400, 'Ecs.0005'],
    [
      'a bandwidth field out of range',
      'POST',
      EIP_PATH,
      { publicip: { ...ASSIGN.publicip, bandwidth: { size: 3, share_type: 'PER', name: 'b' } } },
      undefined,
      400,
      'VPC.0301',
    ],
    [
      'an unknown pool (the handler)',
      'POST',
      EIP_PATH,
      { publicip: { ...ASSIGN.publicip, publicip_pool_name: 'nope' } },
      undefined,
      404,
      'VPC.0504',
    ],
  ])('refuses %s with %i %s', async (_what, method, target, body, headers, status, code) => {
    const { call } = await setup();
    const answer = await call(method, target, body, headers);
    expect(answer.status).toBe(status);
    expect(answer.code).toBe(code);
    expect(JSON.stringify(answer.json)).toContain(code);
  });

  it('refuses a body over the limit before reading it further, and closes the connection', async () => {
    const { pipeline, runtime } = await setup();
    const routed = pipeline.route('PUT', NIC_PATH);
    if (!routed.operation) throw new Error('no route');
    const before = runtime.state;
    const answer = await pipeline.operate(routed, {
      method: 'PUT',
      target: NIC_PATH,
      headers: { 'x-auth-token': DEMO.token, 'content-type': 'application/json' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x20),
      requestId: 'r',
    });
    expect(answer).toMatchObject({ status: 413, code: 'APIGW.0201', headers: { Connection: 'close' } });
    expect(runtime.state).toBe(before);
  });

  it('changes no state on a refused request', async () => {
    const { runtime, call } = await setup();
    const before = JSON.stringify([...runtime.state.projects[DEMO.project]!.eips]);
    await call('POST', EIP_PATH, { publicip: { ...ASSIGN.publicip, publicip_pool_name: 'nope' } });
    expect(JSON.stringify([...runtime.state.projects[DEMO.project]!.eips])).toBe(before);
  });
});
