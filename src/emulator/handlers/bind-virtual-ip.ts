// PUT /v1/{project_id}/cloudservers/nics/{nic_id}: bind a virtual IP address to a NIC (AssociateServerVirtualIp)
// or, with `subnet_id` and `ip_address` both empty, unbind the NIC's virtual IP addresses
// (DisassociateServerVirtualIp). A pure function: it reads the state and returns the events to apply.
import type { components } from '../../../generated/schema.js';
import type { HandlerContext, Outcome } from '../context.js';
import { type ApiError, apiError } from '../../contract/error-registry.js';
import { type Cidr, canonicalAddress, contains, parseCidr } from '../../contract/ip.js';
import { projectOf, type AddressPair, type Event, type Port, type State } from '../state.js';

export type ServerVirtualIpBody = components['schemas']['ServerVirtualIpRequestBody'];

export interface BindVirtualIpRequest {
  projectId: string;
  nicId: string;
  body: ServerVirtualIpBody;
}

export const VIP_DEVICE_OWNER = 'neutron:VIP_PORT';

const samePair = (a: AddressPair, b: AddressPair) =>
  a.ip_address === b.ip_address && (a.mac_address ?? '') === (b.mac_address ?? '');
const withPair = (pairs: AddressPair[], pair: AddressPair) =>
  pairs.some((p) => samePair(p, pair)) ? pairs : [...pairs, pair];
const withId = (ids: string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);

/** A MAC address for a new virtual IP port, derived from its ID (Huawei's ports use the fa:16:3e prefix). */
export function macFor(portId: string): string {
  const hex = portId
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .padEnd(6, '0');
  return `fa:16:3e:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** The addresses of a subnet no port may take: the network and broadcast addresses (IPv4) and the gateway. */
function reservedReason(cidr: Cidr, gatewayIp: string, address: string): string | undefined {
  if (address === gatewayIp || address === canonicalAddress(gatewayIp)) return 'is the gateway of the subnet';
  if (address === cidr.firstAddress) return 'is the network address of the subnet';
  if (cidr.version === 4 && cidr.prefix < 31 && address === cidr.lastAddress)
    return 'is the broadcast address of the subnet';
  return undefined;
}

type Project = State['projects'][string];
type Subnet = Project['subnets'][string];

export function bindVirtualIp(state: State, request: BindVirtualIpRequest, ctx: HandlerContext): Outcome {
  const { projectId, nicId } = request;
  const { nic: option } = request.body;
  if (ctx.principal.projectId !== undefined && ctx.principal.projectId !== projectId) {
    const detail = `the credential is bound to project ${ctx.principal.projectId}, the URL names project ${projectId}`;
    return { error: apiError('Ecs.0023', detail) };
  }
  const project = projectOf(state, projectId);
  const nic = project.ports[nicId];
  if (!nic || nic.deviceOwner === VIP_DEVICE_OWNER) {
    return { error: apiError('Ecs.0307', `nic_id ${nicId} does not exist in project ${projectId}`) };
  }
  const ok = (ports: Port[]): Outcome => ({
    status: 200,
    body: { port_id: nic.id },
    events: ports.map((port): Event => ({ type: 'port.put', projectId, port })),
  });
  // Unbind: both fields empty.
  if (option.subnet_id === '' && option.ip_address === '') return ok(unbound(project, nic));

  // Bind. The contract's schema already made subnet_id a UUID and ip_address an IP address.
  const target = bindTarget(project, nic, option);
  if ('code' in target) return { error: target };
  const { subnet, address } = target;
  let vip: Port | undefined;
  for (const id in project.ports) {
    const port = project.ports[id]!;
    if (port.ipAddress !== address || port.subnetId !== subnet.id) continue;
    if (port.deviceOwner !== VIP_DEVICE_OWNER) {
      const who = port.id === nic.id ? 'this NIC itself' : `port ${port.id}`;
      return { error: apiError('Ecs.0010', `nic.ip_address ${address} is already used by ${who}`) };
    }
    vip = port;
  }
  return ok(bound(nic, vip ?? newVip(subnet, address, ctx), address, option.reverse_binding === true));
}

/** The NIC with no VIP bound, and each of its VIPs without the NIC. */
function unbound(project: Project, nic: Port): Port[] {
  if (nic.vipIds.length === 0) return [];
  const ports: Port[] = [];
  const nicPair = { ip_address: nic.ipAddress, mac_address: nic.macAddress };
  let nicPairs = nic.allowedAddressPairs;
  for (const vipId of nic.vipIds) {
    const vip = project.ports[vipId];
    if (!vip) continue;
    nicPairs = nicPairs.filter((p) => p.ip_address !== vip.ipAddress);
    ports.push({
      ...vip,
      nicIds: vip.nicIds.filter((id) => id !== nic.id),
      allowedAddressPairs: vip.allowedAddressPairs.filter((p) => !samePair(p, nicPair)),
    });
  }
  ports.push({ ...nic, vipIds: [], allowedAddressPairs: nicPairs });
  return ports;
}

/** The subnet and address of a bind: the subnet, in the NIC's VPC, and an address of it that may be a VIP. */
function bindTarget(
  project: Project,
  nic: Port,
  option: ServerVirtualIpBody['nic'],
): { subnet: Subnet; address: string } | ApiError {
  const subnet = project.subnets[option.subnet_id];
  if (!subnet) return apiError('Ecs.0038', `nic.subnet_id ${option.subnet_id} does not exist in project ${project.id}`);
  if (subnet.vpcId !== nic.vpcId) {
    const detail = `nic.subnet_id ${subnet.id} belongs to VPC ${subnet.vpcId}, but the NIC is in VPC ${nic.vpcId}`;
    return apiError('Ecs.0014', detail);
  }
  const address = canonicalAddress(option.ip_address);
  const cidr = parseCidr(subnet.cidr)!;
  if (address === undefined || !contains(cidr, address)) {
    return apiError('Ecs.0039', `nic.ip_address ${option.ip_address} is not in subnet ${subnet.id} (${subnet.cidr})`);
  }
  const reserved = reservedReason(cidr, subnet.gatewayIp, address);
  if (reserved) {
    return apiError(
      'Ecs.0005',
      `nic.ip_address ${address} ${reserved} ${subnet.id} and cannot be a virtual IP address`,
    );
  }
  return { subnet, address };
}

/** A new VIP port for a free address of the subnet. */
function newVip(subnet: Subnet, address: string, ctx: HandlerContext): Port {
  const id = ctx.newId();
  return {
    id,
    vpcId: subnet.vpcId,
    subnetId: subnet.id,
    ipAddress: address,
    macAddress: macFor(id),
    deviceId: '',
    deviceOwner: VIP_DEVICE_OWNER,
    allowedAddressPairs: [],
    vipIds: [],
    nicIds: [],
  };
}

/** The VIP and the NIC after the bind; none when the bind is already in place (repeating it writes nothing). */
function bound(nic: Port, vip: Port, address: string, reverseBinding: boolean): Port[] {
  const nicPair = { ip_address: nic.ipAddress, mac_address: nic.macAddress };
  if (
    vip.nicIds.includes(nic.id) &&
    nic.vipIds.includes(vip.id) &&
    nic.allowedAddressPairs.some((p) => p.ip_address === address && p.mac_address === undefined) &&
    (!reverseBinding || vip.allowedAddressPairs.some((p) => samePair(p, nicPair)))
  ) {
    return [];
  }
  const nextVip: Port = {
    ...vip,
    nicIds: withId(vip.nicIds, nic.id),
    allowedAddressPairs: reverseBinding ? withPair(vip.allowedAddressPairs, nicPair) : vip.allowedAddressPairs,
  };
  const nextNic: Port = {
    ...nic,
    vipIds: withId(nic.vipIds, vip.id),
    allowedAddressPairs: withPair(nic.allowedAddressPairs, { ip_address: address }),
  };
  return [nextVip, nextNic];
}
