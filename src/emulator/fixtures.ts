// Fixtures: the world the emulator starts with (projects, VPCs, subnets, servers and their NICs, shared
// bandwidths, EIP pools) and who may call it (AK/SK pairs and tokens). The defaults reuse the identifiers of
// Huawei's documentation, so its examples work as written. `--fixtures FILE` (YAML or JSON) replaces them;
// the file is checked against FIXTURES_SCHEMA and for consistency, with errors that name the place.
import { readFileSync } from 'node:fs';
import { canonicalAddress, contains, parseCidr } from './ip.js';
import { DEFAULT_EIP_QUOTA, type Port, type Project, type State } from './state.js';

export interface FixtureNic {
  port_id: string;
  subnet_id: string;
  ip_address: string;
  mac_address: string;
}

export interface Fixtures {
  projects: {
    id: string;
    quota?: { eips?: number };
    vpcs?: { id: string; name?: string; subnets?: { id: string; name?: string; cidr: string; gateway_ip: string }[] }[];
    servers?: { id: string; name?: string; availability_zone?: string; nics?: FixtureNic[] }[];
    bandwidths?: { id: string; name?: string; size: number; charge_mode?: string }[];
  }[];
  pools: { name: string; id: string; ipv4?: string[]; ipv6?: string[] }[];
  credentials?: { ak: string; sk: string; project_id?: string; admin?: boolean }[];
  tokens?: { token: string; project_id?: string; admin?: boolean }[];
}

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

const id = { type: 'string', minLength: 1, maxLength: 64 };
const named = { type: 'string', maxLength: 64 };
const text = { type: 'string' };
/** An object with exactly these properties. */
const strict = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
/** An array of such objects. */
const listOf = (required: string[], properties: Record<string, unknown>) => ({
  type: 'array',
  items: strict(required, properties),
});

export const FIXTURES_SCHEMA = strict(['projects', 'pools'], {
  projects: listOf(['id'], {
    id: { type: 'string', minLength: 1, maxLength: 32 },
    quota: { type: 'object', additionalProperties: false, properties: { eips: { type: 'integer', minimum: 0 } } },
    vpcs: listOf(['id'], {
      id,
      name: named,
      subnets: listOf(['id', 'cidr', 'gateway_ip'], { id, name: named, cidr: text, gateway_ip: text }),
    }),
    servers: listOf(['id'], {
      id,
      name: named,
      availability_zone: named,
      nics: listOf(['port_id', 'subnet_id', 'ip_address', 'mac_address'], {
        port_id: id,
        subnet_id: id,
        ip_address: text,
        mac_address: { type: 'string', pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' },
      }),
    }),
    bandwidths: listOf(['id', 'size'], {
      id,
      name: named,
      size: { type: 'integer', minimum: 1 },
      charge_mode: { enum: ['bandwidth', 'traffic', '95peak_plus'] },
    }),
  }),
  pools: listOf(['name', 'id'], {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    id,
    ipv4: { type: 'array', items: text },
    ipv6: { type: 'array', items: text },
  }),
  credentials: listOf(['ak', 'sk'], {
    ak: { type: 'string', minLength: 1 },
    sk: { type: 'string', minLength: 1 },
    project_id: text,
    admin: { type: 'boolean' },
  }),
  tokens: listOf(['token'], { token: { type: 'string', minLength: 1 }, project_id: text, admin: { type: 'boolean' } }),
});

export class FixturesError extends Error {
  override readonly name = 'FixturesError';
}

/** Checks what a schema cannot: CIDRs, addresses inside their subnets, references, duplicates. */
function checkConsistency(fixtures: Fixtures): void {
  const fail = (where: string, what: string) => {
    throw new FixturesError(`${where}: ${what}`);
  };
  const pools = new Set<string>();
  fixtures.pools.forEach((pool, i) => {
    if (pools.has(pool.name)) fail(`pools[${i}].name`, `pool ${pool.name} is defined twice`);
    pools.add(pool.name);
    for (const version of ['ipv4', 'ipv6'] as const) {
      (pool[version] ?? []).forEach((text, j) => {
        const cidr = parseCidr(text);
        if (!cidr || cidr.version !== (version === 'ipv4' ? 4 : 6))
          fail(
            `pools[${i}].${version}[${j}]`,
            `"${text}" is not an ${version === 'ipv4' ? 'IPv4' : 'IPv6'} CIDR block`,
          );
      });
    }
  });
  const ids = new Set<string>();
  fixtures.projects.forEach((project, p) => {
    if (ids.has(project.id)) fail(`projects[${p}].id`, `project ${project.id} is defined twice`);
    ids.add(project.id);
    const subnets = new Map<string, string>();
    project.vpcs?.forEach((vpc, v) => {
      vpc.subnets?.forEach((subnet, s) => {
        const where = `projects[${p}].vpcs[${v}].subnets[${s}]`;
        const cidr = parseCidr(subnet.cidr);
        if (!cidr) return fail(`${where}.cidr`, `"${subnet.cidr}" is not a CIDR block`);
        if (!contains(cidr, subnet.gateway_ip))
          fail(`${where}.gateway_ip`, `${subnet.gateway_ip} is not in ${subnet.cidr}`);
        subnets.set(subnet.id, subnet.cidr);
      });
    });
    const used = new Set<string>();
    project.servers?.forEach((server, v) => {
      server.nics?.forEach((nic, n) => {
        const where = `projects[${p}].servers[${v}].nics[${n}]`;
        const cidrText = subnets.get(nic.subnet_id);
        if (!cidrText) return fail(`${where}.subnet_id`, `subnet ${nic.subnet_id} is not defined in this project`);
        const cidr = parseCidr(cidrText);
        if (!cidr || !contains(cidr, nic.ip_address))
          fail(`${where}.ip_address`, `${nic.ip_address} is not in subnet ${nic.subnet_id} (${cidrText})`);
        const key = `${nic.subnet_id}/${canonicalAddress(nic.ip_address)}`;
        if (used.has(key)) fail(`${where}.ip_address`, `${nic.ip_address} is used twice in subnet ${nic.subnet_id}`);
        used.add(key);
      });
    });
  });
}

/** Parses and checks a fixtures file (YAML or JSON, by content). Throws FixturesError with the place of the problem. */
export async function loadFixtures(file: string): Promise<Fixtures> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixturesError(`cannot read fixtures file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = (await import('yaml')).parse(text);
  } catch (error) {
    throw new FixturesError(
      `fixtures file ${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return checkFixtures(data, file);
}

export async function checkFixtures(data: unknown, source = 'fixtures'): Promise<Fixtures> {
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true }).compile(FIXTURES_SCHEMA);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 5).map((e) => {
      const where =
        e.instancePath
          .replace(/\/(\d+)/g, '[$1]')
          .replace(/\//g, '.')
          .replace(/^\./, '') || '(top level)';
      const extra =
        (e.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ??
        (e.params as { missingProperty?: string }).missingProperty;
      return `${where}: ${e.message}${extra ? ` (${extra})` : ''}`;
    });
    throw new FixturesError(`${source} is not valid fixtures: ${problems.join('; ')}`);
  }
  const fixtures = data as unknown as Fixtures;
  try {
    checkConsistency(fixtures);
  } catch (error) {
    throw new FixturesError(`${source}: ${(error as Error).message}`);
  }
  return fixtures;
}

/** The state the fixtures describe. */
export function stateFromFixtures(fixtures: Fixtures): State {
  const state: State = { version: 1, projects: {}, pools: {} };
  for (const pool of fixtures.pools) {
    state.pools[pool.name] = {
      id: pool.id,
      name: pool.name,
      ipv4: (pool.ipv4 ?? []).map((c) => parseCidr(c)!.text),
      ipv6: (pool.ipv6 ?? []).map((c) => parseCidr(c)!.text),
      allocated: new Map(),
      cursor: {},
    };
  }
  for (const fixture of fixtures.projects) {
    const project: Project = {
      id: fixture.id,
      quotas: { eips: fixture.quota?.eips ?? DEFAULT_EIP_QUOTA },
      usage: { eips: 0 },
      vpcs: {},
      subnets: {},
      servers: {},
      ports: {},
      eips: new Map(),
      bandwidths: {},
    };
    for (const vpc of fixture.vpcs ?? []) {
      project.vpcs[vpc.id] = { id: vpc.id, name: vpc.name ?? vpc.id };
      for (const subnet of vpc.subnets ?? []) {
        project.subnets[subnet.id] = {
          id: subnet.id,
          name: subnet.name ?? subnet.id,
          vpcId: vpc.id,
          cidr: parseCidr(subnet.cidr)!.text,
          gatewayIp: subnet.gateway_ip,
        };
      }
    }
    for (const server of fixture.servers ?? []) {
      const az = server.availability_zone ?? 'AZ1';
      project.servers[server.id] = {
        id: server.id,
        name: server.name ?? server.id,
        availabilityZone: az,
        portIds: (server.nics ?? []).map((n) => n.port_id),
      };
      for (const nic of server.nics ?? []) {
        const port: Port = {
          id: nic.port_id,
          vpcId: project.subnets[nic.subnet_id]!.vpcId,
          subnetId: nic.subnet_id,
          ipAddress: canonicalAddress(nic.ip_address)!,
          macAddress: nic.mac_address,
          deviceId: server.id,
          deviceOwner: `compute:${az}`,
          allowedAddressPairs: [],
          vipIds: [],
          nicIds: [],
        };
        project.ports[port.id] = port;
      }
    }
    for (const bandwidth of fixture.bandwidths ?? []) {
      project.bandwidths[bandwidth.id] = {
        id: bandwidth.id,
        name: bandwidth.name ?? bandwidth.id,
        size: bandwidth.size,
        share_type: 'WHOLE',
        charge_mode: bandwidth.charge_mode ?? 'bandwidth',
        publicipIds: [],
      };
    }
    state.projects[project.id] = project;
  }
  return state;
}
