// What a run left on its target, read from its exchanges: created EIPs (each once, from 2xx assigns only) and
// the virtual IPs still bound after the run's last bind or unbind of each NIC.
import { describe, expect, it } from 'vitest';
import { createdBy, createdLines } from '../../src/conformance/created.js';
import type { Exchange } from '../../src/conformance/types.js';

const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const bind = (ip: string, status = 200, check = 'c'): Exchange => ({
  operationId: 'AssociateServerVirtualIp',
  check,
  request: {
    method: 'PUT',
    url: `http://127.0.0.1:1/v1/p/cloudservers/nics/${NIC}`,
    headers: {},
    body: JSON.stringify({ nic: { subnet_id: ip ? 's' : '', ip_address: ip } }),
  },
  response: { status, headers: {}, text: '', json: { port_id: NIC } },
});
const assign = (id: string, status = 201): Exchange => ({
  operationId: 'CreatePublicIpV3',
  check: 'a',
  request: { method: 'POST', url: 'http://127.0.0.1:1/v3/p/eip/publicips', headers: {}, body: '{}' },
  response: {
    status,
    headers: {},
    text: '',
    json: { publicip: { id, public_ip_address: '100.64.0.9', bandwidth: { size: 5, share_type: 'PER', id: 'bw' } } },
  },
});

describe('createdBy', () => {
  it('takes each 2xx assign’s EIP once, with its address and bandwidth, and no refused one', () => {
    const created = createdBy([assign('e1'), assign('e1'), assign('e2', 409), assign('e3')]);
    expect(created.eips).toEqual([
      { id: 'e1', address: '100.64.0.9', bandwidth: { id: 'bw', size: 5, share_type: 'PER' }, check: 'a' },
      { id: 'e3', address: '100.64.0.9', bandwidth: { id: 'bw', size: 5, share_type: 'PER' }, check: 'a' },
    ]);
  });

  it.each<[string, Exchange[], string[]]>([
    ['a bind', [bind('192.168.0.7')], ['192.168.0.7']],
    ['a bind then an unbind', [bind('192.168.0.7'), bind('')], []],
    ['an unbind then a bind', [bind(''), bind('192.168.0.8')], ['192.168.0.8']],
    ['a refused bind', [bind('192.168.0.7', 409)], []],
    ['two binds', [bind('192.168.0.7'), bind('192.168.0.8')], ['192.168.0.7', '192.168.0.8']],
  ])('after %s: %j left bound', (_what, exchanges, left) => {
    expect(createdBy(exchanges).boundVirtualIps.map((v) => v.ipAddress)).toEqual(left);
  });

  it('says "nothing" when nothing was created', () => {
    expect(createdLines(createdBy([]))).toEqual(['Created on the target: nothing.']);
  });
});
