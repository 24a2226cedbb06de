// The client against the Prism mock of the contract, as a real process: both operations, both ways of
// authenticating, and every documented error response (asked for with `Prefer: code=…`) turned into the
// HuaweiCloudError its example calls for.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, HuaweiCloudError, parseErrorBody, type Credentials } from '../../src/client/index.js';
import { startPrism, type PrismHandle } from '../../src/mock/prism.js';
import { bundled, resolve, ROOT, type Node } from '../helpers/contract.js';

const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const SUBNET = 'd32019d3-bc6e-4319-9c1d-6722fc136a23';
const PUBLICIP = {
  type: 'EIP' as const,
  publicip_pool_name: '5_telcom',
  bandwidth: { size: 300, share_type: 'PER' as const, charge_mode: 'bandwidth' as const, name: 'bandwidth-b556' },
};
const MODES: [string, Credentials][] = [
  ['AK/SK', { ak: 'AKPRISMTEST', sk: 'prism-secret-key', projectId: PROJECT }],
  ['token', { token: 'prism-iam-token', projectId: PROJECT }],
];

let prism: PrismHandle;
beforeAll(async () => {
  prism = await startPrism({ spec: path.join(ROOT, 'generated', 'openapi.json'), port: 0 });
});
afterAll(() => prism.stop());

const client = (credentials: Credentials, headers: Record<string, string> = {}) =>
  createClient({ credentials, endpoint: prism.url, headers, retry: false, validate: true, env: {} });

describe.each(MODES)('the client against Prism (%s)', (_mode, credentials) => {
  it('binds and unbinds a virtual IP address', async () => {
    await expect(
      client(credentials).bindVirtualIp({
        nicId: NIC,
        subnetId: SUBNET,
        ipAddress: '192.168.0.7',
        reverseBinding: true,
      }),
    ).resolves.toEqual({
      port_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23',
    });
    await expect(client(credentials).unbindVirtualIp({ nicId: NIC })).resolves.toHaveProperty('port_id');
  });

  it('assigns an EIP and receives the documented 201 body', async () => {
    const created = await client(credentials).assignEip(PUBLICIP);
    expect(created.publicip?.public_ip_address).toBe('100.64.0.253');
    expect(created.request_id).toBe('4a06c169-cc67-4d94-a786-2d70ef09b100');
  });
});

// Every documented error response of each operation, with the code its example carries.
const errorCases = (['/v1/{project_id}/cloudservers/nics/{nic_id}', '/v3/{project_id}/eip/publicips'] as const).flatMap(
  (pathKey) => {
    const item = (bundled.paths as Node)[pathKey] as Node;
    const method = pathKey.startsWith('/v1') ? 'put' : 'post';
    const responses = resolve(item[method]).responses as Node;
    return Object.keys(responses)
      .filter((status) => Number(status) >= 400)
      .map((status) => {
        const media = (resolve(responses[status]).content as Node)['application/json'] as Node;
        const first = Object.values(media.examples as Node)[0] as Node;
        return { pathKey, status: Number(status), want: parseErrorBody(resolve(first).value) };
      });
  },
);

describe('documented error responses become HuaweiCloudError', () => {
  it('covers every 4xx/5xx of both operations', () => {
    expect(errorCases.map((c) => `${c.pathKey.slice(0, 3)} ${c.status}`)).toEqual([
      ...[400, 401, 403, 404, 409, 413, 429, 500].map((s) => `/v1 ${s}`),
      ...[400, 401, 403, 404, 409, 413, 429, 500].map((s) => `/v3 ${s}`),
    ]);
  });

  it.each(errorCases)('$pathKey answering $status', async ({ pathKey, status, want }) => {
    const mocked = client(MODES[0]![1], { Prefer: `code=${status}` });
    const call = pathKey.startsWith('/v1') ? mocked.unbindVirtualIp({ nicId: NIC }) : mocked.assignEip(PUBLICIP);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ kind: 'response', status, code: want.code, message: want.message, attempts: 1 });
    expect((error as HuaweiCloudError).requestId).toBeTruthy();
  });
});
