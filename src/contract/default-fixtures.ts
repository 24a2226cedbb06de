// The default world: the identifiers of Huawei's documentation, so that its examples work as written, and the
// public demo credentials the README prints.
import { DEFAULT_EIP_QUOTA, type Fixtures } from './fixtures.js';

export const DEMO = {
  project: 'b2782e6708b8475c993e6064bc456bf8',
  otherProject: '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b',
  token: 'hwc-demo-token',
  adminToken: 'hwc-demo-admin-token',
  otherToken: 'hwc-demo-token-2',
  ak: 'HWCDEMOAK00000000001',
  sk: 'hwc-demo-secret-key-1',
  otherAk: 'HWCDEMOAK00000000002',
  otherSk: 'hwc-demo-secret-key-2',
  nic: 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67',
  subnet: 'd32019d3-bc6e-4319-9c1d-6722fc136a23',
} as const;

export const DEFAULT_FIXTURES: Fixtures = {
  projects: [
    {
      id: DEMO.project,
      quota: { eips: DEFAULT_EIP_QUOTA },
      vpcs: [
        {
          id: '1314cd0b-5dea-4697-b45a-a2304ff87e9c',
          name: 'vpc-demo',
          subnets: [
            { id: DEMO.subnet, name: 'subnet-demo', cidr: '192.168.0.0/24', gateway_ip: '192.168.0.1' },
            {
              id: '5a1b6f2e-7c3d-4e8f-9a0b-1c2d3e4f5a6b',
              name: 'subnet-demo-2',
              cidr: '172.16.1.0/24',
              gateway_ip: '172.16.1.1',
            },
          ],
        },
      ],
      servers: [
        {
          id: 'b61769a5-f8c4-448f-ae5b-2cbe1baa20ca',
          name: 'ecs-demo',
          availability_zone: 'AZ1',
          nics: [
            {
              port_id: 'b01795fc-a246-4e4c-b770-0e4d58101592',
              subnet_id: '5a1b6f2e-7c3d-4e8f-9a0b-1c2d3e4f5a6b',
              ip_address: '172.16.1.75',
              mac_address: 'fa:16:3e:ac:a8:0b',
            },
            { port_id: DEMO.nic, subnet_id: DEMO.subnet, ip_address: '192.168.0.10', mac_address: 'fa:16:3e:5d:3a:6c' },
          ],
        },
      ],
      bandwidths: [
        {
          id: '3fa2c1b8-9d4e-4f5a-8b6c-7d8e9f0a1b2c',
          name: 'shared-bandwidth-demo',
          size: 100,
          charge_mode: 'bandwidth',
        },
      ],
    },
    {
      id: DEMO.otherProject,
      vpcs: [
        {
          id: '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
          name: 'vpc-other',
          subnets: [
            {
              id: '8f2a3b4c-5d6e-4f7a-9b0c-1d2e3f4a5b6c',
              name: 'subnet-other',
              cidr: '10.0.0.0/24',
              gateway_ip: '10.0.0.1',
            },
          ],
        },
      ],
      servers: [
        {
          id: '9a3b4c5d-6e7f-4a8b-8c1d-2e3f4a5b6c7d',
          name: 'ecs-other',
          availability_zone: 'AZ1',
          nics: [
            {
              port_id: 'ab4c5d6e-7f8a-4b9c-8d2e-3f4a5b6c7d8e',
              subnet_id: '8f2a3b4c-5d6e-4f7a-9b0c-1d2e3f4a5b6c',
              ip_address: '10.0.0.10',
              mac_address: 'fa:16:3e:0a:00:0a',
            },
          ],
        },
      ],
    },
  ],
  pools: [
    { name: '5_bgp', id: 'c0a80001-0000-4000-8000-00000000b9b0', ipv4: ['100.65.0.0/16'], ipv6: ['2001:db8:5b0::/64'] },
    {
      name: '5_sbgp',
      id: 'c0a80001-0000-4000-8000-00000000b9b1',
      ipv4: ['100.66.0.0/16'],
      ipv6: ['2001:db8:5b1::/64'],
    },
    {
      name: '5_telcom',
      id: 'c0a80001-0000-4000-8000-00000000b9c0',
      ipv4: ['100.64.0.0/24'],
      ipv6: ['2001:db8:5c0::/64'],
    },
  ],
  credentials: [
    { ak: DEMO.ak, sk: DEMO.sk, project_id: DEMO.project },
    { ak: DEMO.otherAk, sk: DEMO.otherSk, project_id: DEMO.otherProject },
  ],
  tokens: [
    { token: DEMO.token, project_id: DEMO.project },
    { token: DEMO.adminToken, project_id: DEMO.project, admin: true },
    { token: DEMO.otherToken, project_id: DEMO.otherProject },
  ],
};
