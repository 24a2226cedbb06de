// `hwc-contract/mock` as a test suite uses it, from the built package entry: startMock() serves the contract on a
// free port, or another contract by --spec's rules; close() stops Prism; a port in use is a ListenError, with no
// Prism left behind. (The watchdog that outlives no parent is tested with the mock command.)
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

type MockModule = typeof import('../../src/mock/index.js');
const load = () => import(path.join(ROOT, 'dist', 'mock.mjs')) as Promise<MockModule>;

const NAMES = ['ListenError', 'MissingToolError', 'PrismStartError', 'startMock'];

const prismRunning = async (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );

describe('startMock', () => {
  it('exports exactly the documented names, from the sources and from the built package entry', async () => {
    expect(Object.keys(await import('../../src/mock/index.js')).sort()).toEqual(NAMES);
    expect(Object.keys(await load()).sort()).toEqual(NAMES);
  });

  it('serves the contract on a free port and answers its documented example; close() stops Prism', async () => {
    const { startMock } = await load();
    const mock = await startMock();
    const port = Number(new URL(mock.url).port);
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${mock.url}/v3/b2782e6708b8475c993e6064bc456bf8/eip/publicips`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'any' },
        body: JSON.stringify({
          publicip: { publicip_pool_name: '5_bgp', bandwidth: { size: 5, share_type: 'PER', name: 'b' } },
        }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { publicip: { id: string } }).publicip.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await mock.close();
    }
    expect(await prismRunning(port)).toBe(false);
  }, 60_000);

  it('serves another contract given as spec (a file), as --spec does', async () => {
    const { startMock } = await load();
    const mock = await startMock({ spec: path.join(ROOT, 'spec', 'openapi.yaml') });
    try {
      const res = await fetch(`${mock.url}/v1/b2782e6708b8475c993e6064bc456bf8/cloudservers/nics/x`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'any' },
        body: JSON.stringify({ nic: { subnet_id: '', ip_address: '' } }),
      });
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  }, 60_000);

  it('rejects with a ListenError for a port in use, and starts no Prism', async () => {
    const { startMock, ListenError } = await load();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as import('node:net').AddressInfo;
    try {
      const failed = await startMock({ port }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(ListenError);
    } finally {
      taken.close();
    }
  });
});
