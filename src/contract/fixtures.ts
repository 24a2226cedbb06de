// The fixtures format: the world an emulator starts with (projects, VPCs, subnets, servers and their NICs,
// shared bandwidths, EIP pools) and who may call it (AK/SK pairs and tokens). The emulator starts from it and
// the conformance runner reads the target's world from it. A file (`--fixtures FILE`, YAML or JSON) is checked
// against FIXTURES_SCHEMA (compiled by the generator, with the type) and for consistency, with errors that name the place.
import { UserError } from './user-error.js';
import type { Fixtures } from '../../generated/fixtures.js';
import { validateFixtures } from '../../generated/fixtures-validator.js';
import { describeInputErrors, readInputFile } from './input-file.js';
import { type Cidr, canonicalAddress, contains, parseCidr } from './ip.js';

/** The EIP quota of a project whose fixtures give none (Huawei's default is 50 per region). */
export const DEFAULT_EIP_QUOTA = 50;

/** The fixtures as the schema describes them (generated/fixtures.d.ts, from FIXTURES_SCHEMA). */
export type { Fixtures };

export class FixturesError extends UserError {
  override readonly name = 'FixturesError';
}

/** Names no identifier may take: they would read as properties of every JavaScript object. */
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** Every identifier and name of the fixtures that becomes a key of the emulator's state, with its place. */
function* identifiers(fixtures: Fixtures): Generator<[string, string]> {
  for (const [i, pool] of fixtures.pools.entries()) {
    yield [`pools[${i}].name`, pool.name];
    yield [`pools[${i}].id`, pool.id];
  }
  for (const [p, project] of fixtures.projects.entries()) {
    yield [`projects[${p}].id`, project.id];
    for (const [v, vpc] of (project.vpcs ?? []).entries()) {
      yield [`projects[${p}].vpcs[${v}].id`, vpc.id];
      for (const [n, subnet] of (vpc.subnets ?? []).entries())
        yield [`projects[${p}].vpcs[${v}].subnets[${n}].id`, subnet.id];
    }
    for (const [v, server] of (project.servers ?? []).entries()) {
      yield [`projects[${p}].servers[${v}].id`, server.id];
      for (const [n, nic] of (server.nics ?? []).entries())
        yield [`projects[${p}].servers[${v}].nics[${n}].port_id`, nic.port_id];
    }
    for (const [b, bandwidth] of (project.bandwidths ?? []).entries())
      yield [`projects[${p}].bandwidths[${b}].id`, bandwidth.id];
  }
}

/** Checks what a schema cannot: CIDRs, addresses inside their subnets, references, duplicates. */
function checkConsistency(fixtures: Fixtures): void {
  const fail: (where: string, what: string) => never = (where, what) => {
    throw new FixturesError(`${where}: ${what}`);
  };
  for (const [where, name] of identifiers(fixtures)) {
    if (PROTOTYPE_NAMES.has(name)) fail(where, `"${name}" is the name of a JavaScript object property; choose another`);
  }
  const pools = new Set<string>();
  // Every block seen so far, so that no address is in two blocks (it would be handed out twice).
  const blocks: { where: string; cidr: Cidr }[] = [];
  fixtures.pools.forEach((pool, i) => {
    if (pools.has(pool.name)) fail(`pools[${i}].name`, `pool ${pool.name} is defined twice`);
    pools.add(pool.name);
    for (const version of ['ipv4', 'ipv6'] as const) {
      (pool[version] ?? []).forEach((text, j) => {
        const where = `pools[${i}].${version}[${j}]`;
        const cidr = parseCidr(text);
        if (!cidr || cidr.version !== (version === 'ipv4' ? 4 : 6))
          fail(where, `"${text}" is not an ${version === 'ipv4' ? 'IPv4' : 'IPv6'} CIDR block`);
        const other = blocks.find((b) => contains(b.cidr, cidr.firstAddress) || contains(cidr, b.cidr.firstAddress));
        if (other)
          fail(where, `${cidr.text} overlaps ${other.where} (${other.cidr.text}): an address would be in two blocks`);
        blocks.push({ where, cidr });
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
        if (!cidr) fail(`${where}.cidr`, `"${subnet.cidr}" is not a CIDR block`);
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
        if (!cidrText) fail(`${where}.subnet_id`, `subnet ${nic.subnet_id} is not defined in this project`);
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
  return checkFixtures(await readInputFile(file, 'fixtures', FixturesError), file);
}

/**
 * Fixtures as a library caller gives them: a file is loaded, an object checked and copied (later changes to it
 * do not leak in), none is the default world. Used by `startEmulator` and `runConformance`.
 */
export async function givenFixtures(fixtures: Fixtures | string | undefined, fallback: Fixtures): Promise<Fixtures> {
  if (fixtures === undefined) return fallback;
  if (typeof fixtures === 'string') return loadFixtures(fixtures);
  return checkFixtures(structuredClone(fixtures));
}

export async function checkFixtures(data: unknown, source = 'fixtures'): Promise<Fixtures> {
  if (!validateFixtures(data)) {
    throw new FixturesError(`${source} is not valid fixtures: ${describeInputErrors(validateFixtures.errors)}`);
  }
  const fixtures = data as unknown as Fixtures;
  try {
    checkConsistency(fixtures);
  } catch (error) {
    throw new FixturesError(`${source}: ${(error as Error).message}`);
  }
  return fixtures;
}
