// The two operations' own semantics, as the checks need them: their IDs, the cheapest valid bodies, the
// contract's examples fitted to the target's world, and how a body generated from the schema is made one the
// target can carry out (an EIP from the world's pool, a VIP in the world's subnet). Every other operation of a
// contract is sent its examples and generated bodies as they are.
import type { Contract } from '../../contract/bundled.js';
import { operation } from '../judge.js';
import { type BodyFit, shapeOf } from '../operation-requests.js';
import type { World } from '../types.js';

export const BIND = 'AssociateServerVirtualIp';
export const ASSIGN = 'CreatePublicIpV3';

export function bindExample(world: World, ip = world.freeVip): unknown {
  return { nic: { subnet_id: world.subnetId, ip_address: ip, reverse_binding: true } };
}
export const UNBIND = { nic: { subnet_id: '', ip_address: '', reverse_binding: false } };
export function assignExample(
  world: World,
  extra: Record<string, unknown> = {},
): { publicip: Record<string, unknown> } {
  return {
    publicip: {
      type: 'EIP',
      publicip_pool_name: world.pool,
      // The contract's smallest bandwidth: the cheapest EIP that tests a rule.
      bandwidth: { size: 5, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
      ...extra,
    },
  };
}

/** The contract's request examples of an operation: name, body, and the documented success statuses. */
export function requestExamples(
  contract: Contract,
  operationId: string,
): { name: string; body: unknown; statuses: number[] }[] {
  const shape = shapeOf(contract, operation(contract, operationId));
  return (shape.body?.examples ?? []).map((e) => ({ name: e.name, body: e.value, statuses: shape.successStatuses }));
}

type BindBody = { nic?: { subnet_id?: string; ip_address?: string } };
type AssignBody = { publicip?: Record<string, unknown> & { bandwidth?: Record<string, unknown> } };

/** An example body with the world's subnet, address and pool put in where the target's differ from the docs'. */
export function fitToWorld(operationId: string, body: unknown, world: World): unknown {
  const copy = structuredClone(body) as BindBody & AssignBody;
  if (operationId === BIND && copy.nic && copy.nic.subnet_id !== '') {
    copy.nic.subnet_id = world.subnetId;
    copy.nic.ip_address = world.freeVip;
  }
  if (operationId === ASSIGN && copy.publicip) copy.publicip.publicip_pool_name = world.pool;
  return copy;
}

/**
 * A generated assign made one the world can carry out: the world's IPv4 pool, a new dedicated bandwidth, no
 * chosen EIP ID (an administrator's), address or port (those are the stateful checks' business).
 */
const fitGeneratedAssign: BodyFit = (body, world) => {
  const copy = fitToWorld(ASSIGN, body, world) as AssignBody;
  const publicip = copy.publicip;
  if (!publicip) return copy;
  for (const field of ['id', 'public_ip_address', 'public_ipv6_address', 'associate_instance_type'] as const)
    delete publicip[field];
  delete publicip.associate_instance_id;
  if ('type' in publicip) publicip.type = 'EIP';
  if ('ip_version' in publicip) publicip.ip_version = 4;
  if (publicip.bandwidth) {
    publicip.bandwidth.share_type = 'PER';
    delete publicip.bandwidth.id;
  }
  return copy;
};

/** A generated bind made one the world can carry out: the world's subnet and a free address (an unbind as it is). */
const fitGeneratedBind: BodyFit = (body, world) => {
  const copy = structuredClone(body) as BindBody;
  if (copy.nic && !(copy.nic.subnet_id === '' && copy.nic.ip_address === '')) {
    copy.nic.subnet_id = world.subnetId;
    copy.nic.ip_address = world.freeVip;
  }
  return copy;
};

/** How each operation's example bodies are fitted to the world (operations not named: sent as documented). */
export const EXAMPLE_FITS: Readonly<Record<string, BodyFit>> = {
  [BIND]: (body, world) => fitToWorld(BIND, body, world),
  [ASSIGN]: (body, world) => fitToWorld(ASSIGN, body, world),
};

/** How each operation's generated bodies are fitted to the world. */
export const GENERATED_FITS: Readonly<Record<string, BodyFit>> = {
  [BIND]: fitGeneratedBind,
  [ASSIGN]: fitGeneratedAssign,
};
