// What the emulator benchmarks send (bench:emulator, bench:instructions): the three requests, and the world they
// are sent to.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
export const TOKEN = 'hwc-demo-token';

// The emulator's world for the run: the default demo NIC and subnet, and a pool and quota large enough that
// valid assigns keep succeeding for the whole run.
export function writeBenchFixtures(dir: string): string {
  const file = path.join(dir, 'fixtures.yaml');
  writeFileSync(
    file,
    `projects:
  - id: ${PROJECT}
    quota: { eips: 10000000 }
    vpcs:
      - id: 1314cd0b-5dea-4697-b45a-a2304ff87e9c
        subnets: [{ id: d32019d3-bc6e-4319-9c1d-6722fc136a23, cidr: 192.168.0.0/24, gateway_ip: 192.168.0.1 }]
    servers:
      - id: b61769a5-f8c4-448f-ae5b-2cbe1baa20ca
        nics: [{ port_id: e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67, subnet_id: d32019d3-bc6e-4319-9c1d-6722fc136a23, ip_address: 192.168.0.10, mac_address: 'fa:16:3e:5d:3a:6c' }]
pools:
  - { name: 5_telcom, id: c0a80001-0000-4000-8000-00000000b9c0, ipv4: [10.0.0.0/8] }
  - { name: 5_full, id: c0a80001-0000-4000-8000-00000000b9c1, ipv4: [172.20.0.0/16] }
tokens:
  - { token: ${TOKEN}, project_id: ${PROJECT} }
`,
  );
  return file;
}

export interface Scenario {
  name: string;
  method: string;
  path: string;
  body: string;
  /** The status every response should have. */
  expect: number;
}
export const SCENARIOS: Scenario[] = [
  {
    name: 'bind VIP (valid, 200)',
    method: 'PUT',
    path: `/v1/${PROJECT}/cloudservers/nics/e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67`,
    body: JSON.stringify({
      nic: { subnet_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23', ip_address: '192.168.0.7', reverse_binding: true },
    }),
    expect: 200,
  },
  {
    name: 'assign EIP (valid, 201)',
    method: 'POST',
    path: `/v3/${PROJECT}/eip/publicips`,
    body: JSON.stringify({
      publicip: {
        type: 'EIP',
        publicip_pool_name: '5_telcom',
        bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
      },
    }),
    expect: 201,
  },
  {
    name: 'assign EIP (invalid size, 400)',
    method: 'POST',
    path: `/v3/${PROJECT}/eip/publicips`,
    body: JSON.stringify({
      publicip: { publicip_pool_name: '5_telcom', bandwidth: { size: 1, share_type: 'PER', name: 'b' } },
    }),
    expect: 400,
  },
];
