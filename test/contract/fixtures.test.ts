// The fixtures format: the schema, then each consistency rule the schema cannot express, each with an example
// that breaks only it — and the message names the place of the problem.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { checkFixtures, type Fixtures, FixturesError } from '../../src/contract/fixtures.js';

/** The default fixtures with one change. */
function broken(change: (f: Fixtures) => void): Fixtures {
  const copy = structuredClone(DEFAULT_FIXTURES);
  change(copy);
  return copy;
}
const project = (f: Fixtures) => f.projects[0]!;
const subnet = (f: Fixtures) => project(f).vpcs![0]!.subnets![0]!;
const nic = (f: Fixtures, n = 1) => project(f).servers![0]!.nics![n]!;

describe('checkFixtures', () => {
  it('accepts the default fixtures unchanged', async () => {
    await expect(checkFixtures(structuredClone(DEFAULT_FIXTURES))).resolves.toEqual(DEFAULT_FIXTURES);
  });

  it.each<[string, (f: Fixtures) => void, string]>([
    ['a missing list', (f) => delete (f as Partial<Fixtures>).pools, '(top level): must have required property'],
    ['an unknown field', (f) => Object.assign(project(f), { colour: 'red' }), 'projects[0]: must NOT have additional'],
    ['a project ID over 32 characters', (f) => (project(f).id = 'x'.repeat(33)), 'projects[0].id'],
    ['a bad MAC address', (f) => (nic(f).mac_address = 'FA-16'), 'projects[0].servers[0].nics[1].mac_address'],
    ['a bandwidth of size 0', (f) => (project(f).bandwidths![0]!.size = 0), 'projects[0].bandwidths[0].size'],
    ['an unknown charge mode', (f) => (project(f).bandwidths![0]!.charge_mode = 'free' as never), 'charge_mode'],
  ])('refuses %s (schema), naming the place', async (_what, change, place) => {
    const error = await checkFixtures(broken(change)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixturesError);
    expect((error as Error).message).toContain('is not valid fixtures');
    expect((error as Error).message).toContain(place);
  });

  it.each<[string, (f: Fixtures) => void, string]>([
    ['a pool defined twice', (f) => f.pools.push({ ...f.pools[0]! }), 'pools[3].name: pool 5_bgp is defined twice'],
    ['a pool block that is not a CIDR', (f) => (f.pools[0]!.ipv4 = ['100.65.0.0']), 'pools[0].ipv4[0]: "100.65.0.0"'],
    [
      'an IPv6 block among the IPv4 ones',
      (f) => (f.pools[1]!.ipv4 = ['2001:db8::/64']),
      'pools[1].ipv4[0]: "2001:db8::/64" is not an IPv4 CIDR block',
    ],
    [
      'a pool block inside another pool’s',
      (f) => (f.pools[1]!.ipv4 = ['100.65.7.0/24']),
      'pools[1].ipv4[0]: 100.65.7.0/24 overlaps pools[0].ipv4[0] (100.65.0.0/16)',
    ],
    [
      'a pool block holding an earlier one',
      (f) => (f.pools[1]!.ipv6 = ['2001:db8::/32']),
      'pools[1].ipv6[0]: 2001:db8::/32 overlaps pools[0].ipv6[0] (2001:db8:5b0::/64)',
    ],
    [
      'a pool named __proto__',
      (f) => (f.pools[0]!.name = '__proto__'),
      'pools[0].name: "__proto__" is the name of a JavaScript object property',
    ],
    [
      'a NIC whose port ID is constructor',
      (f) => (nic(f).port_id = 'constructor'),
      'projects[0].servers[0].nics[1].port_id: "constructor" is the name',
    ],
    [
      'a project defined twice',
      (f) => f.projects.push({ id: project(f).id }),
      `projects[2].id: project ${DEFAULT_FIXTURES.projects[0]!.id} is defined twice`,
    ],
    [
      'a subnet CIDR that is not one',
      (f) => (subnet(f).cidr = '192.168.0.0/33'),
      'projects[0].vpcs[0].subnets[0].cidr: "192.168.0.0/33" is not a CIDR block',
    ],
    [
      'a gateway outside its subnet',
      (f) => (subnet(f).gateway_ip = '10.9.9.1'),
      'projects[0].vpcs[0].subnets[0].gateway_ip: 10.9.9.1 is not in 192.168.0.0/24',
    ],
    [
      'a NIC on a subnet of no VPC of the project',
      (f) => (nic(f).subnet_id = 'nope'),
      'projects[0].servers[0].nics[1].subnet_id: subnet nope is not defined in this project',
    ],
    [
      'a NIC address outside its subnet',
      (f) => (nic(f).ip_address = '192.168.1.10'),
      'projects[0].servers[0].nics[1].ip_address: 192.168.1.10 is not in subnet',
    ],
    [
      'two NICs with one address',
      (f) =>
        project(f).servers![0]!.nics!.push({ ...nic(f), port_id: 'another-port', mac_address: 'fa:16:3e:00:00:01' }),
      'projects[0].servers[0].nics[2].ip_address: 192.168.0.10 is used twice',
    ],
  ])('refuses %s (consistency), naming the place', async (_what, change, message) => {
    const error = await checkFixtures(broken(change), 'my.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixturesError);
    expect((error as Error).message).toContain('my.yaml: ');
    expect((error as Error).message).toContain(message);
  });
});
