// Prism as a real child process on a free port, serving generated/openapi.json, called by an openapi-fetch
// client typed by the generated `paths`.
import createClient from 'openapi-fetch';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../generated/schema.js';
import * as validators from '../../generated/validators.js';
import { startPrism, type PrismHandle } from '../../src/mock/prism.js';
import { ROOT } from '../helpers/contract.js';

const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const NICS = '/v1/{project_id}/cloudservers/nics/{nic_id}';
const EIPS = '/v3/{project_id}/eip/publicips';
const BIND = {
  nic: { subnet_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23', ip_address: '192.168.0.7', reverse_binding: true },
};
const UNBIND = { nic: { subnet_id: '' as const, ip_address: '' as const, reverse_binding: false } };
const ASSIGN = {
  publicip: {
    type: 'EIP' as const,
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 300, share_type: 'PER' as const, charge_mode: 'bandwidth' as const, name: 'bandwidth-b556' },
  },
};
const AKSK =
  'SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=' +
  'a'.repeat(64);

describe('the Prism mock of the contract', () => {
  let prism: PrismHandle;
  beforeAll(async () => {
    prism = await startPrism({ spec: path.join(ROOT, 'generated', 'openapi.json'), port: 0 });
  });
  afterAll(async () => {
    expect(await prism.stop()).toBeDefined();
    expect(prism.child.exitCode !== null || prism.child.signalCode !== null).toBe(true);
  });

  const client = (headers: Record<string, string> = { 'X-Auth-Token': 'test-token' }) =>
    createClient<paths>({ baseUrl: prism.url, headers });

  it('listens on a free loopback port', () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(prism.url).not.toMatch(/:0$/);
  });

  it.each([
    ['token', { 'X-Auth-Token': 'test-token' }],
    ['AK/SK', { Authorization: AKSK, 'X-Sdk-Date': '20261122T100000Z', 'X-Project-Id': PROJECT }],
  ])('binds a virtual IP (%s) and receives the documented 200 example', async (_mode, headers) => {
    const { data, error, response } = await client(headers).PUT(NICS, {
      params: { path: { project_id: PROJECT, nic_id: NIC } },
      body: BIND,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({ port_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23' });
    expect(validators.validateAssociateServerVirtualIpResponse200(data)).toBe(true);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('accepts the unbind body on the same URI', async () => {
    const { data, response } = await client().PUT(NICS, {
      params: { path: { project_id: PROJECT, nic_id: NIC } },
      body: UNBIND,
    });
    expect(response.status).toBe(200);
    expect(data?.port_id).toBe('d32019d3-bc6e-4319-9c1d-6722fc136a23');
  });

  it.each([
    ['token', { 'X-Auth-Token': 'test-token' }],
    ['AK/SK', { Authorization: AKSK, 'X-Sdk-Date': '20261122T100000Z', 'X-Project-Id': PROJECT }],
  ])('assigns an EIP (%s) and receives the documented 201 example', async (_mode, headers) => {
    const { data, error, response } = await client(headers).POST(EIPS, {
      params: { path: { project_id: PROJECT } },
      body: ASSIGN,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data?.publicip.public_ip_address).toBe('100.64.0.253');
    expect(data?.request_id).toBe('4a06c169-cc67-4d94-a786-2d70ef09b100');
    expect(validators.validateCreatePublicIpV3Response201(data)).toBe(true);
  });

  it('answers an invalid ECS body with the contract 400 and the ECS error body, not a 422', async () => {
    const body = { nic: { subnet_id: 'not-a-uuid', ip_address: '192.168.0.7' } } as never;
    const { error, response } = await client().PUT(NICS, {
      params: { path: { project_id: PROJECT, nic_id: NIC } },
      body,
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({
      error: { code: 'Ecs.0005', message: 'Invalid parameter values: nic.subnet_id must be a UUID.' },
    });
    expect(validators.validateAssociateServerVirtualIpResponse400(error)).toBe(true);
    expect(response.headers.get('sl-violations')).toContain('subnet_id');
  });

  it('answers an out-of-range bandwidth with the contract 400 and the EIP v3 error body', async () => {
    const body = { publicip: { ...ASSIGN.publicip, bandwidth: { ...ASSIGN.publicip.bandwidth, size: 2001 } } };
    const { error, response } = await client().POST(EIPS, { params: { path: { project_id: PROJECT } }, body });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error_code: 'VPC.0501', request_id: expect.any(String) });
    expect(validators.validateCreatePublicIpV3Response400(error)).toBe(true);
    expect(response.headers.get('sl-violations')).toContain('size');
  });

  it.each([
    ['PUT', NICS],
    ['POST', EIPS],
  ])('answers %s %s without credentials with 401 APIGW.0301 in the gateway shape', async (method, route) => {
    const unauthenticated = client({});
    const { error, response } =
      method === 'PUT'
        ? await unauthenticated.PUT(NICS, { params: { path: { project_id: PROJECT, nic_id: NIC } }, body: BIND })
        : await unauthenticated.POST(EIPS, { params: { path: { project_id: PROJECT } }, body: ASSIGN });
    expect(route).toBeTruthy();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({
      error_code: 'APIGW.0301',
      error_msg: expect.stringContaining('Incorrect IAM authentication information'),
    });
  });
});
