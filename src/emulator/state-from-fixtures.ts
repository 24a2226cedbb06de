// The emulator's state at the start: what the fixtures describe, as the reducer's State.
import { DEFAULT_EIP_QUOTA, type Fixtures } from '../contract/fixtures.js';
import { canonicalAddress, parseCidr } from '../contract/ip.js';
import { dict, emptyProject, type Port, type State } from './state.js';

/** The state the fixtures describe. */
export function stateFromFixtures(fixtures: Fixtures): State {
  const state: State = { version: 1, projects: dict(), pools: dict() };
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
    const project = emptyProject(fixture.id);
    project.quotas.eips = fixture.quota?.eips ?? DEFAULT_EIP_QUOTA;
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
